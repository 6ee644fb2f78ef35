#pragma once

#include "openPMD/config.hpp"
#if openPMD_HAVE_MPI

#include "openPMD/Datatype.hpp"
#include "openPMD/Series.hpp"

#include <mpi.h>

#include <map>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace openPMD
{
/**
 * The write and read durations of an MPIBenchmark, per rank and
 * configuration. Filled on the root rank only.
 */
template <typename Duration>
struct MPIBenchmarkReport
{
    MPI_Comm communicator;

    explicit MPIBenchmarkReport(MPI_Comm comm) : communicator{comm} {}

    /**
     * (rank, options string, file extension, number of ranks, datatype,
     * iterations) -> (write duration, read duration).
     */
    std::map<std::tuple<int, std::string, std::string, int, Datatype,
                        Series::IterationIndex_t>,
             std::pair<Duration, Duration>>
        durations;

    /** Indices into the keys of `durations`, as openPMD-api numbers them. */
    enum Selector
    {
        RANK = 0,
        COMPRESSION,
        COMPRESSION_LEVEL,
        BACKEND,
        NRANKS,
        DTYPE,
        ITERATIONS
    };

    /**
     * Collective over `communicator`: the first `threadSize` ranks send
     * their durations to `rootThread`, which records one entry per rank.
     */
    void addReport(int rootThread, std::string jsonConfig, std::string extension,
                   int threadSize, Datatype dt, Series::IterationIndex_t iterations,
                   std::pair<Duration, Duration> const& report)
    {
        int rank = 0;
        MPI_Comm_rank(communicator, &rank);
        MPI_Comm participants = MPI_COMM_NULL;
        MPI_Comm_split(communicator, rank < threadSize ? 0 : MPI_UNDEFINED, rank,
                       &participants);
        if (participants == MPI_COMM_NULL)
        {
            return;
        }
        long long const mine[2] = {static_cast<long long>(report.first.count()),
                                   static_cast<long long>(report.second.count())};
        std::vector<long long> all(rank == rootThread ? 2 * threadSize : 0);
        MPI_Gather(mine, 2, MPI_LONG_LONG, all.data(), 2, MPI_LONG_LONG, rootThread,
                   participants);
        MPI_Comm_free(&participants);
        if (rank != rootThread)
        {
            return;
        }
        for (int r = 0; r < threadSize; ++r)
        {
            durations.emplace(
                std::make_tuple(r, jsonConfig, extension, threadSize, dt, iterations),
                std::make_pair(
                    Duration(static_cast<typename Duration::rep>(all[2 * r])),
                    Duration(static_cast<typename Duration::rep>(all[2 * r + 1]))));
        }
    }

    /** @throws std::runtime_error if there is no such entry (e.g. not on the root rank).
     */
    std::pair<Duration, Duration> getReport(int rank, std::string jsonConfig,
                                            std::string extension, int threadSize,
                                            Datatype dt,
                                            Series::IterationIndex_t iterations)
    {
        auto it = durations.find(
            std::make_tuple(rank, jsonConfig, extension, threadSize, dt, iterations));
        if (it == durations.end())
        {
            throw std::runtime_error("MPIBenchmarkReport: no report for this rank and "
                                     "configuration (reports are kept on the root rank)");
        }
        return it->second;
    }
};
} // namespace openPMD
#endif
