#pragma once

#include <openPMD/config.hpp>

#if openPMD_HAVE_MPI
#include <mpi.h>
#endif

#include <functional>
#include <vector>

namespace openPMD::python
{
/**
 * The ranks of a connector handler and the bridge's only communication
 * (docs/python-connectors.md, "MPI"): rank 0 first for create_file and
 * delete_file, and one exchange of failures at the end of every writing
 * flush. Without a communicator it is rank 0 of 1 and communicates nothing.
 */
class ConnectorRanks
{
public:
    /** Serial: rank 0 of 1. */
    ConnectorRanks() = default;
#if openPMD_HAVE_MPI
    /** Duplicates `comm` (collective), so that no message meets the user's. */
    explicit ConnectorRanks(MPI_Comm comm);
#endif
    /** Completes rank 0's notices and frees the communicator; never throws. */
    ~ConnectorRanks();
    ConnectorRanks(ConnectorRanks const&) = delete;
    ConnectorRanks& operator=(ConnectorRanks const&) = delete;

    int rank() const
    {
        return m_rank;
    }
    int size() const
    {
        return m_size;
    }

    /**
     * Runs `action` on rank 0 first: the other ranks wait until rank 0's
     * call has returned, then run it, or skip it and return false if it threw
     * on rank 0. Rank 0 does not wait for them (they may be waiting for a
     * lock rank 0 holds until the end of its flush): its notices complete in
     * finishFlush. Collective; rethrows `action`'s exception.
     */
    [[nodiscard]] bool afterRankZero(std::function<void()> const& action);

    /**
     * The end of a writing flush (collective): completes rank 0's notices
     * and returns how many ranks failed in this flush (`failed`: this one).
     * No rank starts its next flush before every rank has ended this one.
     */
    int finishFlush(bool failed);

private:
#if openPMD_HAVE_MPI
    void completeNotices();

    MPI_Comm m_comm = MPI_COMM_NULL;
    /** Rank 0's sends of "create/delete_file returned" (one byte each). */
    std::vector<MPI_Request> m_notices;
    /** Their payloads, alive until the sends complete. */
    std::vector<std::vector<unsigned char>> m_noticeBytes;
#endif
    int m_rank = 0;
    int m_size = 1;
};
} // namespace openPMD::python
