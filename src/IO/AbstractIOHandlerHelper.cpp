#include "openPMD/IO/AbstractIOHandlerHelper.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/IO/PluginLoader.hpp"

#include <fmt/format.h>

namespace openPMD
{
namespace
{
BackendRow const& usableRow(Format format)
{
    loadPluginsFromEnvironment();
    if (format == Format::GENERIC)
    {
        throw error::WrongAPIUsage(
            "createIOHandler: the extension '.%E' must be resolved to a backend first");
    }
    auto const* row = BackendRegistry::find(format);
    if (row == nullptr)
    {
        throw error::WrongAPIUsage(
            fmt::format("createIOHandler: no backend is registered for format {}",
                        static_cast<int>(format)));
    }
    if (!row->available || !row->create)
    {
        throw error::WrongAPIUsage(
            fmt::format("createIOHandler: backend {} is not available: {}", row->name,
                        row->unavailableReason));
    }
    return *row;
}

BackendArguments argumentsFor(BackendRow const& row, std::string const& directory,
                              Access access, std::string const& options)
{
    auto const config = auxiliary::parseOptions(options);
    BackendArguments args;
    args.directory = directory;
    args.access = access;
    if (auto it = config.find(row.configKey); it != config.end())
    {
        if (!it->is_object())
        {
            throw error::BackendConfigSchema(
                {row.configKey}, fmt::format("must be an object, got '{}'", it->dump()));
        }
        args.options = it->dump();
    }
    return args;
}
} // namespace

std::unique_ptr<AbstractIOHandler> createIOHandler(std::string const& directory,
                                                   Access access, Format format,
                                                   std::string const& options)
{
    auto const& row = usableRow(format);
    return row.create(argumentsFor(row, directory, access, options));
}

#if openPMD_HAVE_MPI
std::unique_ptr<AbstractIOHandler> createIOHandler(std::string const& directory,
                                                   Access access, Format format,
                                                   MPI_Comm comm,
                                                   std::string const& options)
{
    auto const& row = usableRow(format);
    if (!row.createParallel)
    {
        throw error::WrongAPIUsage(fmt::format(
            "createIOHandler: backend {} has no parallel (MPI) variant", row.name));
    }
    return row.createParallel(argumentsFor(row, directory, access, options), comm);
}
#endif
} // namespace openPMD
