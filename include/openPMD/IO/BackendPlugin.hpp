#pragma once

// What a backend plugin exports: a shared library with one extern "C"
// descriptor, openPMD_backend_plugin, declared by OPENPMD_BACKEND_PLUGIN.
// libopenPMD reads the descriptor's first two fields (plain integers) and
// refuses the plugin unless they match its own before it calls any plugin
// code. docs/plugins.md describes how to write, build and load one.

#include "openPMD/config.hpp"

#include <cstdint>

/**
 * Version of what plugins and libopenPMD share: the layout of BackendRow,
 * BackendArguments, AbstractIOHandler(Impl), IOTask and the Parameter
 * structs, the values of Format, and the store interface (KeyValueStore,
 * StoreRegistry). It grows whenever one of them changes (2: Format::ZARR
 * moved GENERIC and DUMMY; the store types).
 */
#define OPENPMD_PLUGIN_ABI_VERSION 2u

namespace openPMD
{
/** Build settings that change the shared types' layout. */
namespace plugin_build_flags
{
inline constexpr std::uint32_t mpi = 1u << 0;
inline constexpr std::uint32_t cxx11StringABI = 1u << 1;

/** The flags of whatever includes this header: plugin or library. */
constexpr std::uint32_t current()
{
    std::uint32_t flags = 0;
#if openPMD_HAVE_MPI
    flags |= mpi;
#endif
#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
    flags |= cxx11StringABI;
#endif
    return flags;
}
} // namespace plugin_build_flags

/** The one symbol a plugin exports. Do not reorder: abiVersion stays first. */
struct BackendPluginDescriptor
{
    std::uint32_t abiVersion;
    std::uint32_t buildFlags;
    /** The plugin's name, e.g. "memory" (for messages and listings). */
    char const* name;
    /**
     * Registers the plugin's backends with BackendRegistry::registerBackend.
     * May throw an openPMD::Error; the loader reports it with the file.
     */
    void (*registerBackends)();
};
} // namespace openPMD

/** The name the loader looks up in a plugin with dlsym. */
#define OPENPMD_BACKEND_PLUGIN_SYMBOL "openPMD_backend_plugin"

/**
 * Declares the plugin in one of its source files, e.g.
 *   OPENPMD_BACKEND_PLUGIN("memory", registerMyBackends)
 * where registerMyBackends is a `void()` function.
 */
#define OPENPMD_BACKEND_PLUGIN(pluginName, registerFunction)                             \
    extern "C" __attribute__((visibility(                                                \
        "default"))) ::openPMD::BackendPluginDescriptor const openPMD_backend_plugin = { \
        OPENPMD_PLUGIN_ABI_VERSION, ::openPMD::plugin_build_flags::current(),            \
        pluginName, registerFunction}
