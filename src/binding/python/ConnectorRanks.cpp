// The MPI part of the connector bridge (docs/python-connectors.md, "MPI").
#include "ConnectorRanks.hpp"

#include <openPMD/Error.hpp>

#include <exception>

namespace openPMD::python
{
#if openPMD_HAVE_MPI
namespace
{
int const noticeTag = 1;
} // namespace

ConnectorRanks::ConnectorRanks(MPI_Comm comm)
{
    if (MPI_Comm_dup(comm, &m_comm) != MPI_SUCCESS)
    {
        throw error::WrongAPIUsage("connector bridge: cannot duplicate the communicator");
    }
    MPI_Comm_rank(m_comm, &m_rank);
    MPI_Comm_size(m_comm, &m_size);
}

ConnectorRanks::~ConnectorRanks()
{
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (finalized != 0 || m_comm == MPI_COMM_NULL)
    {
        return;
    }
    completeNotices();
    MPI_Comm_free(&m_comm);
}

void ConnectorRanks::completeNotices()
{
    if (!m_notices.empty())
    {
        MPI_Waitall(static_cast<int>(m_notices.size()), m_notices.data(),
                    MPI_STATUSES_IGNORE);
    }
    m_notices.clear();
    m_noticeBytes.clear();
}

bool ConnectorRanks::afterRankZero(std::function<void()> const& action)
{
    if (m_size <= 1)
    {
        action();
        return true;
    }
    if (m_rank != 0)
    {
        unsigned char succeeded = 0;
        MPI_Recv(&succeeded, 1, MPI_UNSIGNED_CHAR, 0, noticeTag, m_comm,
                 MPI_STATUS_IGNORE);
        if (succeeded == 0)
        {
            return false;
        }
        action();
        return true;
    }
    // Point-to-point sends that rank 0 need not wait for here; sends between
    // two ranks arrive in order, so each notice meets its own call.
    auto notify = [this](unsigned char succeeded)
    {
        auto& bytes = m_noticeBytes.emplace_back(static_cast<size_t>(m_size), succeeded);
        for (int to = 1; to < m_size; ++to)
        {
            MPI_Request& request = m_notices.emplace_back();
            MPI_Isend(&bytes[static_cast<size_t>(to)], 1, MPI_UNSIGNED_CHAR, to,
                      noticeTag, m_comm, &request);
        }
    };
    try
    {
        action();
    }
    catch (...)
    {
        notify(0);
        throw;
    }
    notify(1);
    return true;
}

int ConnectorRanks::finishFlush(bool failed)
{
    if (m_size <= 1)
    {
        return failed ? 1 : 0;
    }
    completeNotices();
    int const own = failed ? 1 : 0;
    int total = 0;
    MPI_Allreduce(&own, &total, 1, MPI_INT, MPI_SUM, m_comm);
    return total;
}
#else
ConnectorRanks::~ConnectorRanks() = default;

bool ConnectorRanks::afterRankZero(std::function<void()> const& action)
{
    action();
    return true;
}

int ConnectorRanks::finishFlush(bool failed)
{
    return failed ? 1 : 0;
}
#endif
} // namespace openPMD::python
