#pragma once

// MPI helpers of the parallel Series (private). Every function here is
// collective over the Series' communicator unless it says otherwise.

#include "openPMD/config.hpp"

#include <string>
#include <vector>

namespace openPMD::internal
{
class SeriesData;

/**
 * The names of the files in the Series' directory. An MPI Series takes
 * rank 0's listing (errors included), so that all ranks see the same
 * iterations even while files are being added.
 * @throws error::ReadError if the directory cannot be listed.
 */
std::vector<std::string> directoryListing(SeriesData const& series);
} // namespace openPMD::internal

#if openPMD_HAVE_MPI
#include <mpi.h>

#include <memory>
#include <string>
#include <vector>

namespace openPMD::internal::parallel
{
/** The duplicate of `comm` the frontend talks over; freed with the Series. */
std::shared_ptr<MPI_Comm const> duplicate(MPI_Comm comm);

/** This process's rank in `comm` (not collective). */
int rank(MPI_Comm comm);

/** Rank 0's `value` on every rank. */
std::string broadcast(std::string value, MPI_Comm comm);

/** Every rank's `value`, indexed by rank, on every rank. */
std::vector<std::string> allgather(std::string const& value, MPI_Comm comm);

/** MPI_Get_processor_name (not collective). */
std::string processorName();
} // namespace openPMD::internal::parallel
#endif
