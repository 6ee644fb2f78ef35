// The JSON backend under MPI: chunks gathered on rank 0, one file written.

#include "IO/JSON/ParallelJSONIOHandlerImpl.hpp"
#include "IO/BuiltinBackends.hpp"
#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/JSONFilePosition.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/ChunkSelection.hpp"
#include "openPMD/backend/Writable.hpp"

#include <algorithm>
#include <cstdint>
#include <new>

namespace openPMD
{
using namespace jsonio;

namespace
{
int const tagSize = 7101;
int const tagPiece = 7102;
/** MPI counts are int: large messages go in pieces of this size. */
size_t const pieceBytes = size_t(1) << 30;

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

bool isEmpty(Extent const& extent)
{
    return std::any_of(extent.begin(), extent.end(), [](auto n) { return n == 0; });
}

/** The dataset node at `path` of `file`, checked for a write of `chunk`. */
JSONNode& datasetFor(JSONFile& file, PendingChunk const& chunk)
{
    std::string const where = jsonPointer(chunk.path);
    if (!file.isOpen())
    {
        throwUsageError(file.path(), where,
                        "the file is not open (it was closed or deleted; open it again "
                        "first)");
    }
    JSONNode* node = file.find(chunk.path);
    if (node == nullptr)
    {
        throwReadError(error::AffectedObject::Dataset, error::Reason::NotFound,
                       file.path(), where, "the dataset no longer exists");
    }
    if (!node->isDataset() || !node->dataset)
    {
        throwUsageError(file.path(), where, "expected a dataset, found something else");
    }
    DatasetBuffer& buffer = *node->dataset;
    if (chunk.dtype != buffer.datatype())
    {
        throwUsageError(file.path(), where,
                        "type mismatch: cannot write " + datatypeToString(chunk.dtype) +
                            " data into a dataset of type " +
                            datatypeToString(buffer.datatype()));
    }
    if (auto const why = selectionProblem(chunk.offset, chunk.extent, buffer.extent());
        !why.empty())
    {
        throwUsageError(file.path(), where, why);
    }
    return *node;
}
} // namespace

ParallelJSONIOHandlerImpl::ParallelJSONIOHandlerImpl(std::string directory, Access access,
                                                     MPI_Comm comm,
                                                     std::string const& options)
    : JSONIOHandlerImpl(std::move(directory), access, options)
{
    // Our own communicator: our messages never match the user's.
    if (MPI_Comm_dup(comm, &m_comm) != MPI_SUCCESS)
    {
        throw error::WrongAPIUsage("parallel JSON: cannot duplicate the communicator");
    }
    MPI_Comm_rank(m_comm, &m_rank);
    MPI_Comm_size(m_comm, &m_size);
    m_persistsFiles = m_rank == 0;
    m_offersBufferViews = false; // chunks are gathered in writeDataset
}

ParallelJSONIOHandlerImpl::~ParallelJSONIOHandlerImpl()
{
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized && m_comm != MPI_COMM_NULL)
    {
        MPI_Comm_free(&m_comm);
    }
}

void ParallelJSONIOHandlerImpl::beginFlush(FlushParams const& params)
{
    m_pending.clear();
    m_deferredFailure = nullptr;
    // The flush may run inside a handler of the caller's own exception;
    // endFlush must not take that one for a failed task.
    m_exceptionBeforeFlush = std::current_exception();
    JSONIOHandlerImpl::beginFlush(params);
}

PendingChunk ParallelJSONIOHandlerImpl::checkedChunk(
    Writable* node, Parameter<Operation::WRITE_DATASET> const& parameters) const
{
    if (node == nullptr || !node->abstractFilePosition)
    {
        throw error::WrongAPIUsage("[JSON backend] WRITE_DATASET on a node that has not "
                                   "been created or opened (no file position)");
    }
    auto const& position =
        static_cast<JSONFilePosition const&>(*node->abstractFilePosition);
    PendingChunk chunk;
    chunk.file = position.file->path();
    chunk.path = position.path;
    chunk.dtype = parameters.dtype;
    chunk.offset = parameters.offset;
    chunk.extent = parameters.extent;
    chunk.data = parameters.data;
    if (access::readOnly(m_access))
    {
        throwUsageError(chunk.file, jsonPointer(chunk.path),
                        "cannot modify: the Series was opened read-only");
    }
    datasetFor(*position.file, chunk);
    if (!isEmpty(chunk.extent) && !chunk.data)
    {
        throwUsageError(chunk.file, jsonPointer(chunk.path),
                        "WRITE_DATASET without data (null buffer)");
    }
    return chunk;
}

void ParallelJSONIOHandlerImpl::writeDataset(
    Writable* node, Parameter<Operation::WRITE_DATASET> const& parameters)
{
    // A failure here is this rank's alone: keep draining so that the ranks
    // stay in step, and report it at the end of the flush.
    try
    {
        PendingChunk chunk = checkedChunk(node, parameters);
        if (!isEmpty(chunk.extent))
        {
            m_pending.push_back(std::move(chunk));
        }
    }
    catch (...)
    {
        if (!m_deferredFailure)
        {
            m_deferredFailure = std::current_exception();
        }
    }
}

void ParallelJSONIOHandlerImpl::readDataset(
    Writable* node, Parameter<Operation::READ_DATASET> const& parameters)
{
    try
    {
        JSONIOHandlerImpl::readDataset(node, parameters);
    }
    catch (...)
    {
        if (!m_deferredFailure)
        {
            m_deferredFailure = std::current_exception();
        }
    }
}

void ParallelJSONIOHandlerImpl::applyChunk(
    PendingChunk const& chunk, std::vector<std::shared_ptr<JSONFile>>& reopened)
{
    auto file = registeredFile(chunk.file);
    if (!file->isOpen())
    {
        // Closed earlier in this flush: its chunks still belong in it.
        file->load(m_persistsFiles);
        reopened.push_back(file);
    }
    JSONNode& node = datasetFor(*file, chunk);
    DatasetBuffer& buffer = *node.dataset;
    try
    {
        buffer.write(chunk.offset, chunk.extent, chunk.data.get());
    }
    catch (std::bad_alloc const&)
    {
        throwWriteError(error::AffectedObject::Dataset, chunk.file,
                        jsonPointer(chunk.path), "out of memory while merging chunks");
    }
    file->markChanged(node);
}

void ParallelJSONIOHandlerImpl::endFlush(FlushParams const& params)
{
    // Called from the drain's error handler if a task threw: that failure
    // is then the current exception (unless it was current before the flush).
    std::exception_ptr taskFailure = std::current_exception();
    if (taskFailure == m_exceptionBeforeFlush)
    {
        taskFailure = nullptr;
    }
    m_exceptionBeforeFlush = nullptr;
    if (access::readOnly(m_access))
    {
        // Reading needs no communication: flushes are not collective here.
        if (m_deferredFailure)
        {
            std::rethrow_exception(std::exchange(m_deferredFailure, nullptr));
        }
        return;
    }
    RankReport own;
    std::exception_ptr const failure =
        m_deferredFailure ? m_deferredFailure : taskFailure;
    own.failed = failure != nullptr;
    own.failure = own.failed ? messageOf(failure) : std::string();
    own.chunks = std::move(m_pending);
    m_pending.clear();

    std::string outcome;
    if (m_rank == 0)
    {
        outcome = mergeReports(own, params);
    }
    else
    {
        sendToRoot(own);
    }
    own.chunks.clear(); // the user's buffers are not kept past the flush
    outcome = broadcastOutcome(std::move(outcome));
    if (m_deferredFailure)
    {
        std::rethrow_exception(std::exchange(m_deferredFailure, nullptr));
    }
    if (!outcome.empty())
    {
        throw error::WriteError(error::AffectedObject::Other, backendName(),
                                "parallel JSON: the flush failed: " + outcome);
    }
}

std::string ParallelJSONIOHandlerImpl::mergeReports(RankReport const& own,
                                                    FlushParams const& params)
{
    std::vector<std::string> failures;
    std::vector<std::shared_ptr<JSONFile>> reopened;
    auto merge = [&](RankReport const& report, int rank)
    {
        if (report.failed)
        {
            failures.push_back("rank " + std::to_string(rank) + ": " + report.failure);
        }
        // Ranks in order, chunks in task order: where chunks overlap, the
        // higher rank's data stays.
        for (auto const& chunk : report.chunks)
        {
            try
            {
                applyChunk(chunk, reopened);
            }
            catch (std::exception const& e)
            {
                failures.push_back("rank " + std::to_string(rank) + ": " + e.what());
            }
        }
    };
    merge(own, 0);
    for (int rank = 1; rank < m_size; ++rank)
    {
        try
        {
            // Decoded one rank at a time: rank 0 holds one message at once.
            merge(RankReport::decode(receiveFrom(rank)), rank);
        }
        catch (std::exception const& e)
        {
            failures.push_back("rank " + std::to_string(rank) + ": " + e.what());
        }
    }
    auto persist = [&](auto&& save)
    {
        try
        {
            save();
        }
        catch (std::exception const& e)
        {
            failures.push_back(std::string("rank 0 (writing): ") + e.what());
        }
    };
    persist([&] { JSONIOHandlerImpl::endFlush(params); });
    for (auto const& file : reopened)
    {
        persist([&] { file->saveIfChanged(params.durable); });
        file->close();
    }
    std::string joined;
    for (auto const& failure : failures)
    {
        joined += (joined.empty() ? "" : "; ") + failure;
    }
    return joined;
}

void ParallelJSONIOHandlerImpl::sendToRoot(RankReport const& report) const
{
    std::vector<unsigned char> const message = report.encode();
    uint64_t const size = message.size();
    MPI_Send(&size, 1, MPI_UINT64_T, 0, tagSize, m_comm);
    for (size_t sent = 0; sent < message.size(); sent += pieceBytes)
    {
        int const piece = static_cast<int>(std::min(pieceBytes, message.size() - sent));
        MPI_Send(message.data() + sent, piece, MPI_UNSIGNED_CHAR, 0, tagPiece, m_comm);
    }
}

std::shared_ptr<std::vector<unsigned char> const>
ParallelJSONIOHandlerImpl::receiveFrom(int rank) const
{
    uint64_t size = 0;
    MPI_Recv(&size, 1, MPI_UINT64_T, rank, tagSize, m_comm, MPI_STATUS_IGNORE);
    auto message = std::make_shared<std::vector<unsigned char>>(size);
    for (size_t received = 0; received < size; received += pieceBytes)
    {
        int const piece = static_cast<int>(std::min<size_t>(pieceBytes, size - received));
        MPI_Recv(message->data() + received, piece, MPI_UNSIGNED_CHAR, rank, tagPiece,
                 m_comm, MPI_STATUS_IGNORE);
    }
    return message;
}

std::string ParallelJSONIOHandlerImpl::broadcastOutcome(std::string outcome) const
{
    size_t const longest = 1 << 16;
    if (outcome.size() > longest)
    {
        outcome = outcome.substr(0, longest) + " ...";
    }
    uint64_t length = outcome.size();
    MPI_Bcast(&length, 1, MPI_UINT64_T, 0, m_comm);
    outcome.resize(length);
    if (length > 0)
    {
        MPI_Bcast(outcome.data(), static_cast<int>(length), MPI_CHAR, 0, m_comm);
    }
    return outcome;
}

std::unique_ptr<AbstractIOHandler>
createParallelJSONIOHandler(BackendArguments const& arguments, MPI_Comm comm)
{
    return std::make_unique<ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<ParallelJSONIOHandlerImpl>(arguments.directory, arguments.access,
                                                    comm, arguments.options));
}
} // namespace openPMD
