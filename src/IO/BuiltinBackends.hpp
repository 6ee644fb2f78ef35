#pragma once

// Factories of the backends that are compiled into the library. Each backend
// folder defines its own; BackendRegistry.cpp puts them into the table.

#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/config.hpp"

#include <memory>

namespace openPMD
{
std::unique_ptr<AbstractIOHandler> createJSONIOHandler(BackendArguments const&);
#if openPMD_HAVE_MPI
std::unique_ptr<AbstractIOHandler> createParallelJSONIOHandler(BackendArguments const&,
                                                               MPI_Comm);
#endif

std::unique_ptr<AbstractIOHandler> createZarrIOHandler(BackendArguments const&);
/**
 * The hierarchies of a directory for file-based series: those of the store
 * type the last Zarr handler on that directory was configured with (e.g.
 * the memory store), else the directory on disk.
 */
std::vector<std::string> zarrListFiles(std::string const& directory);
#if openPMD_HAVE_MPI
std::unique_ptr<AbstractIOHandler> createParallelZarrIOHandler(BackendArguments const&,
                                                               MPI_Comm);
#endif

#if openPMD_HAVE_HDF5
std::unique_ptr<AbstractIOHandler> createHDF5IOHandler(BackendArguments const&);
#if openPMD_HAVE_MPI
std::unique_ptr<AbstractIOHandler> createParallelHDF5IOHandler(BackendArguments const&,
                                                               MPI_Comm);
#endif
#endif
} // namespace openPMD
