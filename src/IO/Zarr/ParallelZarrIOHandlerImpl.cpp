// The Zarr backend under MPI: chunk ownership, the exchange of pieces of
// shared chunks, and the collective flush.

#include "IO/Zarr/ParallelZarrIOHandlerImpl.hpp"
#include "openPMD/backend/Writable.hpp"

namespace openPMD
{
namespace
{
std::string messageOf(std::exception_ptr const& failure)
{
    try
    {
        std::rethrow_exception(failure);
    }
    catch (std::exception const& e)
    {
        return e.what();
    }
    catch (...)
    {
        return "unknown error";
    }
}

} // namespace

ParallelZarrIOHandlerImpl::ParallelZarrIOHandlerImpl(std::string directory, Access access,
                                                     MPI_Comm comm,
                                                     std::string const& options)
    : ZarrIOHandlerImpl(std::move(directory), access, options)
{
    // Our own communicator: our messages never match the user's.
    if (MPI_Comm_dup(comm, &m_comm) != MPI_SUCCESS)
        throw error::WrongAPIUsage("parallel Zarr: cannot duplicate the communicator");
    MPI_Comm_rank(m_comm, &m_rank);
    MPI_Comm_size(m_comm, &m_size);
}

ParallelZarrIOHandlerImpl::~ParallelZarrIOHandlerImpl()
{
    // The base destructor persists what is left: metadata only on rank 0.
    if (m_rank != 0)
        for (auto& [path, file] : m_files)
            file.hierarchy->discardMetadataChanges();
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized && m_comm != MPI_COMM_NULL)
        MPI_Comm_free(&m_comm);
}

void ParallelZarrIOHandlerImpl::beginFlush(FlushParams const& params)
{
    m_deferredFailure = nullptr;
    m_exceptionBeforeFlush = std::current_exception();
    ZarrIOHandlerImpl::beginFlush(params);
}

void ParallelZarrIOHandlerImpl::openFile(Writable* node,
                                         Parameter<Operation::OPEN_FILE> const& p)
{
    // Closed earlier in this flush: its changes are not persisted yet.
    if (auto it = m_closing.find(filePath(p.name)); it != m_closing.end())
    {
        m_files[it->first].hierarchy = std::move(it->second);
        m_closing.erase(it);
    }
    ZarrIOHandlerImpl::openFile(node, p);
}

void ParallelZarrIOHandlerImpl::closeFile(Writable* node,
                                          Parameter<Operation::CLOSE_FILE> const&)
{
    auto const position = positionOf(node);
    if (!position.path.empty())
        throw error::WrongAPIUsage("Zarr backend: CLOSE_FILE names " + describe(node) +
                                   "; expected the root node of the file");
    // Persisting is collective: at the end of the flush, with this flush's chunks.
    m_closing[position.file] = std::move(fileOf(node).hierarchy);
    forget(position.file);
}

void ParallelZarrIOHandlerImpl::writeDataset(Writable* node,
                                             Parameter<Operation::WRITE_DATASET> const& p)
{
    // Checked like a serial write; a failure is this rank's alone: keep
    // draining so that the ranks stay in step, report it at the end.
    try
    {
        auto& array = arrayOf(node);
        requireWriteAccess(error::AffectedObject::Dataset,
                           "write to dataset " + describe(node));
        if (p.dtype != array.dtype && !isSame(p.dtype, array.dtype))
            throw error::WrongAPIUsage("Zarr backend: cannot write " +
                                       datatypeToString(p.dtype) + " data into dataset " +
                                       describe(node) + " of type " +
                                       datatypeToString(array.dtype));
        for (std::size_t d = 0; d < array.shape.size(); ++d)
            if (p.offset.size() != array.shape.size() ||
                p.extent.size() != array.shape.size() || p.offset[d] > array.shape[d] ||
                p.extent[d] > array.shape[d] - p.offset[d])
                throw error::WrongAPIUsage("Zarr backend: the selection is outside "
                                           "dataset " +
                                           describe(node) + " or of another rank");
        auto const& position = positionOf(node);
        m_records.push_back({position.file, position.path, p.offset, p.extent, p.data});
    }
    catch (...)
    {
        if (!m_deferredFailure)
            m_deferredFailure = std::current_exception();
    }
}

zarr::ZarrHierarchy* ParallelZarrIOHandlerImpl::hierarchyAt(std::string const& file)
{
    if (auto it = m_files.find(file); it != m_files.end())
        return it->second.hierarchy.get();
    if (auto it = m_closing.find(file); it != m_closing.end())
        return it->second.get();
    return nullptr;
}

bool ParallelZarrIOHandlerImpl::anyRank(bool value) const
{
    int local = value ? 1 : 0, global = 0;
    MPI_Allreduce(&local, &global, 1, MPI_INT, MPI_MAX, m_comm);
    return global != 0;
}

void ParallelZarrIOHandlerImpl::endFlush(FlushParams const& params)
{
    std::exception_ptr taskFailure = std::current_exception();
    if (taskFailure == m_exceptionBeforeFlush)
        taskFailure = nullptr;
    m_exceptionBeforeFlush = nullptr;
    if (access::readOnly(m_access))
    {
        // Reading needs no communication: flushes are not collective here.
        m_records.clear();
        if (m_deferredFailure)
            std::rethrow_exception(std::exchange(m_deferredFailure, nullptr));
        return;
    }
    std::vector<std::string> failures;
    if (taskFailure)
        failures.push_back(messageOf(taskFailure));
    exchangeWrites(failures);
    bool wantsPersist = params.flushLevel == FlushLevel::UserFlush ||
                        params.flushLevel == FlushLevel::InternalFlush ||
                        !m_closing.empty();
    for (auto& [path, file] : m_files)
        wantsPersist = wantsPersist || file.hierarchy->hasPendingChunks();
    if (anyRank(wantsPersist))
        persistShared(failures);
    m_closing.clear();
    bool const failedHere = !failures.empty() || m_deferredFailure;
    bool const failedSomewhere = anyRank(failedHere);
    if (m_deferredFailure)
        std::rethrow_exception(std::exchange(m_deferredFailure, nullptr));
    if (taskFailure)
        return; // the drain loop reports it
    std::string joined;
    for (auto const& failure : failures)
        joined += (joined.empty() ? "" : "; ") + failure;
    if (failedSomewhere)
        throw error::WriteError(
            error::AffectedObject::Other, backendName(),
            "parallel Zarr: the flush failed on " +
                (joined.empty() ? std::string("another rank")
                                : "rank " + std::to_string(m_rank) + ": " + joined));
}
} // namespace openPMD
