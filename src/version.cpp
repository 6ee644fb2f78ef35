#include "openPMD/version.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/config.hpp"

#include <string>

namespace openPMD
{
std::string getVersion()
{
    std::string version = std::to_string(OPENPMDAPI_VERSION_MAJOR) + "." +
                          std::to_string(OPENPMDAPI_VERSION_MINOR) + "." +
                          std::to_string(OPENPMDAPI_VERSION_PATCH);
    std::string const label = OPENPMDAPI_VERSION_LABEL;
    return label.empty() ? version : version + "-" + label;
}

std::string getStandard()
{
    return std::to_string(OPENPMD_STANDARD_MAJOR) + "." +
           std::to_string(OPENPMD_STANDARD_MINOR) + "." +
           std::to_string(OPENPMD_STANDARD_PATCH);
}

std::string getStandardMinimum()
{
    return std::to_string(OPENPMD_STANDARD_MIN_MAJOR) + "." +
           std::to_string(OPENPMD_STANDARD_MIN_MINOR) + "." +
           std::to_string(OPENPMD_STANDARD_MIN_PATCH);
}

std::map<std::string, bool> getVariants()
{
    return {{"mpi", openPMD_HAVE_MPI == 1},
            {"json", openPMD_HAVE_JSON == 1},
            {"toml", openPMD_HAVE_TOML == 1},
            {"hdf5", openPMD_HAVE_HDF5 == 1},
            {"adios1", false},
            {"adios2", false}};
}

std::vector<std::string> getFileExtensions()
{
    std::vector<std::string> extensions;
    for (auto const& row : BackendRegistry::rows())
    {
        if (!row.available)
        {
            continue;
        }
        for (auto const& ext : row.extensions)
        {
            extensions.push_back(ext.substr(ext.front() == '.' ? 1 : 0));
        }
    }
    return extensions;
}
} // namespace openPMD
