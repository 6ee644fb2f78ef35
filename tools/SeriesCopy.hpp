#pragma once

// The copy of openpmd-pipe: structure, attributes with their exact types,
// constant and empty components as such, and data chunk by chunk within a
// memory budget (ChunkPlan.hpp).

#include <openPMD/Series.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace openPMD::tools
{
class SeriesCopy
{
public:
    /** Called after every piece of data with the bytes copied so far. */
    using Progress = std::function<void(std::uint64_t bytesDone)>;

    /**
     * Under MPI, rank `rank` of `ranks` copies every ranks-th piece of each
     * dataset; all of them make the same (collective) calls otherwise.
     */
    SeriesCopy(Series& in, Series& out, std::size_t budgetBytes, Progress progress,
               int rank = 0, int ranks = 1);

    /** The root attributes (those that describe the layout are the writer's). */
    void copySeriesAttributes();
    /** One iteration, closed in both Series when done. */
    void copyIteration(std::uint64_t index);

    /** Bytes of data a selection of iterations holds (for the progress bar). */
    static std::uint64_t dataBytes(Iteration&);

    std::uint64_t bytesDone() const { return m_bytesDone; }

private:
    void copyComponent(RecordComponent& from, RecordComponent& to);

    Series& m_in;
    Series& m_out;
    std::size_t m_budget;
    Progress m_progress;
    std::uint64_t m_bytesDone = 0;
    int m_rank, m_ranks;
};

/**
 * Root attributes that describe the layout (iterationEncoding,
 * iterationFormat): the output Series sets them from its own file name.
 */
bool isLayoutAttribute(std::string const& name);

/** Copies every attribute of `from` to `to` with its exact type. */
void copyAttributes(Attributable const& from, Attributable& to);
} // namespace openPMD::tools
