// Plugins that must be refused, one per compile definition (see
// CMakeLists.txt): each is built as its own shared module.

#include <openPMD/Error.hpp>
#include <openPMD/IO/AbstractIOHandler.hpp>
#include <openPMD/IO/BackendPlugin.hpp>
#include <openPMD/IO/BackendRegistry.hpp>
#include <openPMD/IO/DummyIOHandler.hpp>

#include <stdexcept>

namespace
{
[[maybe_unused]] void registerNothing() {}

[[maybe_unused]] void registerTakenExtension()
{
    openPMD::BackendRow row;
    row.name = "Impostor";
    row.extensions = {".json"}; // the JSON backend has it
    row.create = [](openPMD::BackendArguments const& args)
    { return std::make_unique<openPMD::DummyIOHandler>(args.directory, args.access); };
    openPMD::BackendRegistry::registerBackend(std::move(row));
}

[[maybe_unused]] void registerThrows()
{
    throw std::runtime_error("the storage service is unreachable");
}
} // namespace

#if defined(BAD_PLUGIN_WRONG_ABI)
// What a plugin built against a future libopenPMD would export.
extern "C" __attribute__((visibility("default")))
openPMD::BackendPluginDescriptor const openPMD_backend_plugin = {
    42u, openPMD::plugin_build_flags::current(), "future", registerNothing};
#elif defined(BAD_PLUGIN_WRONG_BUILD)
// A plugin built with MPI where the library has none, or the other way round.
extern "C" __attribute__((visibility("default")))
openPMD::BackendPluginDescriptor const openPMD_backend_plugin = {
    OPENPMD_PLUGIN_ABI_VERSION,
    openPMD::plugin_build_flags::current() ^ openPMD::plugin_build_flags::mpi, "other",
    registerNothing};
#elif defined(BAD_PLUGIN_NO_SYMBOL)
// A shared library that is no plugin at all.
extern "C" __attribute__((visibility("default"))) int not_a_plugin()
{
    return 1;
}
#elif defined(BAD_PLUGIN_TAKEN_EXTENSION)
OPENPMD_BACKEND_PLUGIN("impostor", registerTakenExtension);
#elif defined(BAD_PLUGIN_THROWS)
OPENPMD_BACKEND_PLUGIN("throws", registerThrows);
#endif
