#pragma once

#include <map>
#include <string>
#include <vector>

// Version of the API this library implements (openPMD-api's numbering, so that
// code testing OPENPMDAPI_VERSION_GE keeps working after a switch).
#define OPENPMDAPI_VERSION_MAJOR 0
#define OPENPMDAPI_VERSION_MINOR 16
#define OPENPMDAPI_VERSION_PATCH 0
#define OPENPMDAPI_VERSION_LABEL ""

// The openPMD standard that is written, and the oldest that is read.
#define OPENPMD_STANDARD_MAJOR 1
#define OPENPMD_STANDARD_MINOR 1
#define OPENPMD_STANDARD_PATCH 0
#define OPENPMD_STANDARD_MIN_MAJOR 1
#define OPENPMD_STANDARD_MIN_MINOR 0
#define OPENPMD_STANDARD_MIN_PATCH 0

#define OPENPMDAPI_VERSIONIFY(major, minor, patch)                                       \
    (major * 1000000 + minor * 1000 + patch)
#define OPENPMDAPI_VERSION_GE(major, minor, patch)                                       \
    (OPENPMDAPI_VERSIONIFY(OPENPMDAPI_VERSION_MAJOR, OPENPMDAPI_VERSION_MINOR,           \
                           OPENPMDAPI_VERSION_PATCH) >=                                  \
     OPENPMDAPI_VERSIONIFY(major, minor, patch))

namespace openPMD
{
/** "MAJOR.MINOR.PATCH[-LABEL]" of the API. */
std::string getVersion();
/** The openPMD standard written, "1.1.0". */
std::string getStandard();
/** The oldest openPMD standard read, "1.0.0". */
std::string getStandardMinimum();
/** Which optional parts were built: mpi, json, toml, hdf5, adios1, adios2. */
std::map<std::string, bool> getVariants();
/** File extensions of the backends this build can use (without dot). */
std::vector<std::string> getFileExtensions();
} // namespace openPMD
