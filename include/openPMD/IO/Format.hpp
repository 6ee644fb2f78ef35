#pragma once

#include <string>

namespace openPMD
{
/**
 * The storage formats. Out-of-tree backends registered at run time
 * (BackendRegistry::registerBackend) get values after DUMMY.
 */
enum class Format : int
{
    HDF5,
    ADIOS2_BP,
    ADIOS2_BP4,
    ADIOS2_BP5,
    ADIOS2_SST,
    ADIOS2_SSC,
    JSON,
    TOML,
    /** Zarr v2 hierarchies in a key-value store (".zarr"). */
    ZARR,
    /** ".%E": the extension is found on disk when reading. */
    GENERIC,
    /** No backend: nothing is stored. */
    DUMMY
};

/**
 * The format a file name selects by its extension (".json" -> JSON, ".h5" ->
 * HDF5, ".%E" -> GENERIC, a registered extension -> its backend); DUMMY if
 * no backend claims it.
 */
Format determineFormat(std::string const& filename);

/** The (first) extension of a format, with dot: ".h5"; ".%E"; "" for DUMMY. */
std::string suffix(Format);

/** `filename` without the extension of `format`, if it ends with it. */
std::string cleanFilename(std::string const& filename, Format format);
} // namespace openPMD
