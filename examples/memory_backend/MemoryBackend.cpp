#include "MemoryBackend.hpp"
#include "MemoryIOHandlerImpl.hpp"
#include "MemoryStore.hpp"

#include <openPMD/Error.hpp>
#include <openPMD/IO/AbstractIOHandler.hpp>
#include <openPMD/IO/BackendRegistry.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace memory_backend
{
namespace
{
/**
 * The backend has no options: its section of the Series options must be
 * empty. Anything else is reported instead of silently ignored.
 */
void requireNoOptions(std::string options)
{
    options.erase(std::remove_if(options.begin(), options.end(),
                                 [](unsigned char c) { return std::isspace(c); }),
                  options.end());
    if (options != "{}")
    {
        throw openPMD::error::BackendConfigSchema(
            {"memory"}, "the memory backend takes no options, got " + options);
    }
}

std::unique_ptr<openPMD::AbstractIOHandler>
createMemoryIOHandler(openPMD::BackendArguments const& arguments)
{
    requireNoOptions(arguments.options);
    // ImplIOHandler owns the queue; our Impl only executes the tasks.
    return std::make_unique<openPMD::ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<MemoryIOHandlerImpl>(arguments.directory, arguments.access));
}
} // namespace

openPMD::Format registerMemoryBackend()
{
    static std::mutex mutex;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto const* row = openPMD::BackendRegistry::findByName(name))
    {
        return row->format;
    }
    openPMD::BackendRow row;
    row.name = name;
    row.configKey = "memory";
    row.extensions = {extension};
    row.create = createMemoryIOHandler;
    // The files are in MemoryStore, not on disk: file-based reading lists them here.
    row.listFiles = [](std::string const& directory)
    { return MemoryStore::instance().filesIn(directory); };
    return openPMD::BackendRegistry::registerBackend(std::move(row));
}
} // namespace memory_backend
