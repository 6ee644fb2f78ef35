// The rank table: a 2-D CHAR dataset /rankTable with one NUL-terminated row
// per writing rank (a serial Series writes one row, rank 0). Under MPI the
// rows are gathered to every rank (the extent is metadata, the same
// everywhere) and each rank writes its own row (a data task).
#include "SeriesParallel.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/Series.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <unistd.h>

namespace openPMD
{
namespace internal
{
void SeriesData::queueRankTable()
{
    if (!m_rankTableToWrite || m_encoding == IterationEncoding::fileBased)
    {
        return;
    }
    std::string const& row = *m_rankTableToWrite;
    std::vector<std::string> rows{row};
    size_t myRank = 0;
#if openPMD_HAVE_MPI
    if (m_comm)
    {
        rows = parallel::allgather(row, *m_comm);
        myRank = static_cast<size_t>(parallel::rank(*m_comm));
    }
#endif
    size_t width = 1;
    for (auto const& r : rows)
    {
        width = std::max(width, r.size() + 1);
    }
    m_rankTableNode.parent = &m_writable;
    Parameter<Operation::CREATE_DATASET> create;
    create.name = "rankTable";
    create.extent = {rows.size(), width};
    create.dtype = Datatype::CHAR;
    handler().enqueue(IOTask(&m_rankTableNode, std::move(create)));
    // Shorter rows are padded with NULs up to the common width.
    std::shared_ptr<char> buffer(new char[width](), [](char* p) { delete[] p; });
    std::memcpy(buffer.get(), row.c_str(), row.size());
    Parameter<Operation::WRITE_DATASET> write;
    write.offset = {myRank, 0};
    write.extent = {1, width};
    write.dtype = Datatype::CHAR;
    write.data = std::move(buffer);
    handler().enqueue(IOTask(&m_rankTableNode, std::move(write)));
    chunk_assignment::RankMeta table;
    for (size_t r = 0; r < rows.size(); ++r)
    {
        table.emplace(static_cast<unsigned>(r), rows[r]);
    }
    m_rankTable = std::move(table);
    m_rankTableToWrite.reset();
}

chunk_assignment::RankMeta SeriesData::readRankTable()
{
    auto& h = handler();
    Parameter<Operation::LIST_DATASETS> list;
    auto names = list.datasets;
    h.enqueue(IOTask(&m_writable, std::move(list)));
    h.flush(FlushParams{}).get();
    chunk_assignment::RankMeta table;
    if (std::find(names->begin(), names->end(), "rankTable") == names->end())
    {
        return table;
    }
    m_rankTableNode.parent = &m_writable;
    Parameter<Operation::OPEN_DATASET> open;
    open.name = "rankTable";
    auto extent = open.extent;
    auto dtype = open.dtype;
    h.enqueue(IOTask(&m_rankTableNode, std::move(open)));
    h.flush(FlushParams{}).get();
    if (extent->size() != 2 || !isChar(*dtype))
    {
        throw error::ReadError(
            error::AffectedObject::Dataset, error::Reason::UnexpectedContent,
            h.backendName(),
            fmt::format("'{}': /rankTable must be a 2-D char dataset", seriesFilename()));
    }
    size_t const rows = (*extent)[0];
    size_t const width = (*extent)[1];
    std::shared_ptr<char> buffer(new char[rows * width + 1], [](char* p) { delete[] p; });
    Parameter<Operation::READ_DATASET> read;
    read.offset = {0, 0};
    read.extent = *extent;
    read.dtype = *dtype;
    read.data = buffer;
    h.enqueue(IOTask(&m_rankTableNode, std::move(read)));
    h.flush(FlushParams{}).get();
    for (size_t r = 0; r < rows; ++r)
    {
        char const* row = buffer.get() + r * width;
        table.emplace(static_cast<unsigned>(r), std::string(row, strnlen(row, width)));
    }
    return table;
}
} // namespace internal

chunk_assignment::RankMeta Series::rankTable(bool collective)
{
    auto& s = series();
    if (!s.m_rankTable)
    {
        if (s.m_rankTableToWrite)
        {
            // Not written yet: this rank's row, or every row if collective.
#if openPMD_HAVE_MPI
            if (s.m_comm)
            {
                if (!collective)
                {
                    return {{static_cast<unsigned>(internal::parallel::rank(*s.m_comm)),
                             *s.m_rankTableToWrite}};
                }
                auto const rows =
                    internal::parallel::allgather(*s.m_rankTableToWrite, *s.m_comm);
                chunk_assignment::RankMeta table;
                for (size_t r = 0; r < rows.size(); ++r)
                {
                    table.emplace(static_cast<unsigned>(r), rows[r]);
                }
                return table;
            }
#endif
            return {{0, *s.m_rankTableToWrite}};
        }
        if (!access::read(s.m_access) || s.m_encoding == IterationEncoding::fileBased)
        {
            return {};
        }
        // An MPI Series read it at construction; READ_LINEAR reads it here,
        // on every rank (MPI_HDF5 reads metadata collectively).
        s.m_rankTable = s.readRankTable();
    }
    (void)collective;
    return *s.m_rankTable;
}

Series& Series::setRankTable(std::string const& myRankInfo)
{
    auto& s = series();
    requireWritable("setRankTable");
    if (s.m_encoding == IterationEncoding::fileBased)
    {
        throw error::OperationUnsupportedInBackend(
            s.handler().backendName(),
            "setRankTable: rank tables of file-based series are not supported yet");
    }
    if (s.m_rankTable)
    {
        throw error::WrongAPIUsage(fmt::format(
            "setRankTable: the rank table of '{}' was already written", s.m_name));
    }
    s.m_rankTableToWrite = myRankInfo;
    s.markDirty();
    return *this;
}
} // namespace openPMD

namespace openPMD::internal
{
/** Host name for the rank_table option. */
std::string hostName()
{
    char buffer[256] = {};
    if (gethostname(buffer, sizeof(buffer) - 1) != 0)
    {
        return "unknown";
    }
    return buffer;
}
} // namespace openPMD::internal
