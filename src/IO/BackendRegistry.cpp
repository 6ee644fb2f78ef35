#include "openPMD/IO/BackendRegistry.hpp"
#include "IO/BuiltinBackends.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/DummyIOHandler.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <mutex>

namespace openPMD
{
namespace
{
BackendRow unavailableRow(Format format, std::string name, std::string configKey,
                          std::string extension, std::string reason)
{
    BackendRow row;
    row.format = format;
    row.name = std::move(name);
    row.configKey = std::move(configKey);
    row.extensions = {std::move(extension)};
    row.available = false;
    row.unavailableReason = std::move(reason);
    return row;
}

std::deque<BackendRow> builtinRows()
{
    std::deque<BackendRow> rows;

    BackendRow hdf5 =
        unavailableRow(Format::HDF5, "HDF5", "hdf5", ".h5", "built without HDF5 support");
#if openPMD_HAVE_HDF5
    hdf5.available = true;
    hdf5.unavailableReason.clear();
    hdf5.create = createHDF5IOHandler;
#if openPMD_HAVE_MPI
    hdf5.createParallel = createParallelHDF5IOHandler;
#endif
#endif
    rows.push_back(std::move(hdf5));

    std::string const noAdios2 = "built without ADIOS2 support (libopenPMD has no "
                                 "ADIOS2 backend yet)";
    rows.push_back(
        unavailableRow(Format::ADIOS2_BP, "ADIOS2", "adios2", ".bp", noAdios2));
    rows.push_back(
        unavailableRow(Format::ADIOS2_BP4, "ADIOS2", "adios2", ".bp4", noAdios2));
    rows.push_back(
        unavailableRow(Format::ADIOS2_BP5, "ADIOS2", "adios2", ".bp5", noAdios2));
    rows.push_back(
        unavailableRow(Format::ADIOS2_SST, "ADIOS2", "adios2", ".sst", noAdios2));
    rows.push_back(
        unavailableRow(Format::ADIOS2_SSC, "ADIOS2", "adios2", ".ssc", noAdios2));

    BackendRow json =
        unavailableRow(Format::JSON, "JSON", "json", ".json", std::string());
    json.available = true;
    json.create = createJSONIOHandler;
#if openPMD_HAVE_MPI
    json.createParallel = createParallelJSONIOHandler;
#endif
    rows.push_back(std::move(json));

    rows.push_back(unavailableRow(Format::TOML, "TOML", "toml", ".toml",
                                  "the TOML backend is not implemented yet"));

    BackendRow zarr =
        unavailableRow(Format::ZARR, "Zarr", "zarr", ".zarr", std::string());
    zarr.available = true;
    zarr.create = createZarrIOHandler;
    zarr.listFiles = zarrListFiles;
#if openPMD_HAVE_MPI
    zarr.createParallel = createParallelZarrIOHandler;
#endif
    rows.push_back(std::move(zarr));

    BackendRow dummy;
    dummy.format = Format::DUMMY;
    dummy.name = "Dummy";
    dummy.configKey = "dummy";
    dummy.available = true;
    dummy.create = [](BackendArguments const& args)
    { return std::make_unique<DummyIOHandler>(args.directory, args.access); };
    rows.push_back(std::move(dummy));
    return rows;
}

std::deque<BackendRow>& table()
{
    static std::deque<BackendRow> rows = builtinRows();
    return rows;
}

std::mutex& registrationMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool endsWith(std::string const& s, std::string const& end)
{
    return s.size() >= end.size() &&
           s.compare(s.size() - end.size(), end.size(), end) == 0;
}

constexpr int firstRegisteredFormat = static_cast<int>(Format::DUMMY) + 1;
} // namespace

std::deque<BackendRow> const& BackendRegistry::rows()
{
    return table();
}

Format BackendRegistry::registerBackend(BackendRow row)
{
    std::lock_guard<std::mutex> lock(registrationMutex());
    if (row.name.empty() || row.extensions.empty() || !row.create)
    {
        throw error::WrongAPIUsage(fmt::format(
            "BackendRegistry::registerBackend: backend '{}' needs a name, at least one "
            "extension and a factory",
            row.name));
    }
    if (row.configKey.empty())
    {
        row.configKey = lowercase(row.name);
    }
    for (auto const& ext : row.extensions)
    {
        if (ext.size() < 2 || ext.front() != '.')
        {
            throw error::WrongAPIUsage(fmt::format(
                "BackendRegistry::registerBackend: extension '{}' of backend '{}' must "
                "start with '.'",
                ext, row.name));
        }
    }
    for (auto const& existing : table())
    {
        if (lowercase(existing.name) == lowercase(row.name) ||
            existing.configKey == row.configKey)
        {
            throw error::WrongAPIUsage(fmt::format(
                "BackendRegistry::registerBackend: a backend named '{}' is already "
                "registered",
                row.name));
        }
        for (auto const& ext : row.extensions)
        {
            auto const& taken = existing.extensions;
            if (std::find(taken.begin(), taken.end(), ext) != taken.end())
            {
                throw error::WrongAPIUsage(fmt::format(
                    "BackendRegistry::registerBackend: extension '{}' already belongs "
                    "to backend '{}'",
                    ext, existing.name));
            }
        }
    }
    row.format =
        static_cast<Format>(firstRegisteredFormat + static_cast<int>(table().size()));
    row.available = true;
    table().push_back(std::move(row));
    return table().back().format;
}

void BackendRegistry::unregisterBackend(Format format)
{
    std::lock_guard<std::mutex> lock(registrationMutex());
    if (static_cast<int>(format) < firstRegisteredFormat)
    {
        throw error::WrongAPIUsage("BackendRegistry::unregisterBackend: built-in "
                                   "backends cannot be removed");
    }
    for (auto& row : table())
    {
        if (row.format == format)
        {
            // Emptied, not erased: references handed out stay valid.
            row.name.clear();
            row.configKey.clear();
            row.extensions.clear();
            row.available = false;
            row.unavailableReason = "the backend was unregistered";
            row.create = nullptr;
        }
    }
}

BackendRow const* BackendRegistry::find(Format format)
{
    for (auto const& row : table())
    {
        if (row.format == format)
        {
            return &row;
        }
    }
    return nullptr;
}

BackendRow const* BackendRegistry::findByFilename(std::string const& filename)
{
    BackendRow const* best = nullptr;
    size_t bestLength = 0;
    for (auto const& row : table())
    {
        for (auto const& ext : row.extensions)
        {
            // The longest matching extension wins (".tar.gz" over ".gz").
            if (ext.size() > bestLength && endsWith(filename, ext))
            {
                best = &row;
                bestLength = ext.size();
            }
        }
    }
    return best;
}

BackendRow const* BackendRegistry::findByName(std::string const& name)
{
    auto const wanted = lowercase(name);
    for (auto const& row : table())
    {
        if (!row.configKey.empty() &&
            (row.configKey == wanted || lowercase(row.name) == wanted))
        {
            return &row;
        }
    }
    return nullptr;
}
} // namespace openPMD
