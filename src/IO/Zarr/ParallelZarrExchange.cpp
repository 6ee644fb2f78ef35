// The Zarr backend under MPI: which rank puts which chunk, the exchange of
// the pieces of shared chunks and the collective persisting of a flush.

#include "IO/BuiltinBackends.hpp"
#include "IO/Zarr/ParallelZarrIOHandlerImpl.hpp"
#include "IO/Zarr/ZarrChunks.hpp"

#include <climits>
#include <cstring>
#include <map>
#include <set>

namespace openPMD
{
namespace
{
/** Identifies one chunk of one array of one file across ranks. */
std::string chunkId(std::string const& file, std::string const& path,
                    zarr::ChunkIndex const& index)
{
    return file + '\n' + path + '\n' + zarr::chunkKey("", index, '.');
}

void putU64(std::vector<std::byte>& out, std::uint64_t value)
{
    auto const* bytes = reinterpret_cast<std::byte const*>(&value);
    out.insert(out.end(), bytes, bytes + sizeof(value));
}

void putString(std::vector<std::byte>& out, std::string const& text)
{
    putU64(out, text.size());
    auto const* bytes = reinterpret_cast<std::byte const*>(text.data());
    out.insert(out.end(), bytes, bytes + text.size());
}

/** Reads what putU64/putString wrote; throws on a short message. */
struct Reader
{
    std::byte const* at;
    std::byte const* end;
    std::uint64_t u64()
    {
        std::uint64_t value = 0;
        need(sizeof(value));
        std::memcpy(&value, at, sizeof(value));
        at += sizeof(value);
        return value;
    }
    std::string string()
    {
        auto const n = u64();
        need(n);
        std::string text(reinterpret_cast<char const*>(at), n);
        at += n;
        return text;
    }
    void need(std::uint64_t n) const
    {
        if (static_cast<std::uint64_t>(end - at) < n)
            throw error::Internal("parallel Zarr: a chunk message was cut short");
    }
};

int checkedCount(std::size_t n)
{
    if (n > static_cast<std::size_t>(INT_MAX))
        throw error::OperationUnsupportedInBackend(
            "Zarr", "parallel Zarr: more than 2 GiB of chunk pieces for one rank in one "
                    "flush; flush more often");
    return static_cast<int>(n);
}

/** Every rank's text, gathered on every rank. */
std::vector<std::string> allGather(std::string const& text, MPI_Comm comm, int size)
{
    int const length = checkedCount(text.size());
    std::vector<int> lengths(static_cast<std::size_t>(size));
    MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm);
    std::vector<int> displacements(lengths.size());
    std::size_t total = 0;
    for (std::size_t r = 0; r < lengths.size(); ++r)
    {
        displacements[r] = checkedCount(total);
        total += static_cast<std::size_t>(lengths[r]);
    }
    std::string all(total, '\0');
    MPI_Allgatherv(text.data(), length, MPI_CHAR, all.data(), lengths.data(),
                   displacements.data(), MPI_CHAR, comm);
    std::vector<std::string> result;
    for (std::size_t r = 0; r < lengths.size(); ++r)
        result.push_back(all.substr(static_cast<std::size_t>(displacements[r]),
                                    static_cast<std::size_t>(lengths[r])));
    return result;
}
} // namespace

void ParallelZarrIOHandlerImpl::exchangeWrites(std::vector<std::string>& failures)
{
    auto const plans = planWrites(failures);
    std::string touched;
    for (auto const& plan : plans)
        for (auto const& piece : plan.pieces)
            touched += chunkId(plan.record.file, plan.record.path, piece.chunk) + '\0';
    // The owner of a chunk is the lowest rank that touches it.
    std::map<std::string, int> owners;
    auto const gathered = allGather(touched, m_comm, m_size);
    for (int r = static_cast<int>(gathered.size()) - 1; r >= 0; --r)
    {
        auto const& text = gathered[static_cast<std::size_t>(r)];
        for (std::size_t begin = 0, end; begin < text.size(); begin = end + 1)
        {
            end = text.find('\0', begin);
            owners[text.substr(begin, end - begin)] = r;
        }
    }
    std::vector<std::vector<std::byte>> outgoing(static_cast<std::size_t>(m_size));
    for (auto const& plan : plans)
    {
        try
        {
            applyOrPack(plan, owners, outgoing);
        }
        catch (std::exception const& e)
        {
            failures.push_back(e.what());
        }
    }
    auto const received = allToAll(outgoing);
    try
    {
        applyReceived(received);
    }
    catch (std::exception const& e)
    {
        failures.push_back(e.what());
    }
}

std::vector<ParallelZarrIOHandlerImpl::PlannedWrite>
ParallelZarrIOHandlerImpl::planWrites(std::vector<std::string>& failures)
{
    // Records of arrays that vanished since their task fail here.
    std::vector<PlannedWrite> plans;
    for (auto& record : m_records)
    {
        auto* hierarchy = hierarchyAt(record.file);
        auto* node = hierarchy ? hierarchy->find(record.path) : nullptr;
        if (node == nullptr || !node->isArray())
        {
            failures.push_back("dataset '/" + record.path + "' of '" + record.file +
                               "' vanished before its data could be written");
            continue;
        }
        auto pieces = zarr::piecesOf(*node->array, record.offset, record.extent);
        plans.push_back(
            {std::move(record), hierarchy, node->array.get(), std::move(pieces)});
    }
    m_records.clear();
    return plans;
}

void ParallelZarrIOHandlerImpl::applyOrPack(PlannedWrite const& plan,
                                            std::map<std::string, int>& owners,
                                            std::vector<std::vector<std::byte>>& outgoing)
{
    auto const& record = plan.record;
    auto const elementSize = plan.array->elementSize();
    auto const* source = static_cast<std::byte const*>(record.data.get());
    auto ownerOf = [&](zarr::ChunkPiece const& piece)
    { return owners[chunkId(record.file, record.path, piece.chunk)]; };
    bool allMine = true;
    for (auto const& piece : plan.pieces)
        allMine = allMine && ownerOf(piece) == m_rank;
    if (allMine) // the chunk-aligned case: no copy, nothing sent
    {
        zarr::writeRegion(*plan.array, plan.hierarchy->store(), record.path,
                          record.offset, record.extent, source);
        plan.hierarchy->markChunks(record.path);
        return;
    }
    for (auto const& piece : plan.pieces)
    {
        std::size_t count = 1;
        for (auto e : piece.extent)
            count *= e;
        std::vector<std::byte> dense(count * elementSize);
        zarr::copyBox(dense.data(), piece.extent, Offset(piece.extent.size(), 0), source,
                      record.extent, piece.inSelection, piece.extent, elementSize);
        Offset global(piece.extent.size());
        for (std::size_t d = 0; d < global.size(); ++d)
            global[d] = record.offset[d] + piece.inSelection[d];
        int const to = ownerOf(piece);
        if (to == m_rank)
        {
            zarr::writeRegion(*plan.array, plan.hierarchy->store(), record.path, global,
                              piece.extent, dense.data());
            plan.hierarchy->markChunks(record.path);
            continue;
        }
        auto& out = outgoing[static_cast<std::size_t>(to)];
        putString(out, record.file);
        putString(out, record.path);
        putU64(out, global.size());
        for (std::size_t d = 0; d < global.size(); ++d)
        {
            putU64(out, global[d]);
            putU64(out, piece.extent[d]);
        }
        putU64(out, dense.size());
        out.insert(out.end(), dense.begin(), dense.end());
    }
}

std::vector<std::byte>
ParallelZarrIOHandlerImpl::allToAll(std::vector<std::vector<std::byte>> const& outgoing)
{
    std::vector<int> sendCounts(static_cast<std::size_t>(m_size));
    std::vector<int> sendDisplacements(sendCounts.size());
    std::vector<std::byte> sendBuffer;
    for (std::size_t r = 0; r < outgoing.size(); ++r)
    {
        sendDisplacements[r] = checkedCount(sendBuffer.size());
        sendCounts[r] = checkedCount(outgoing[r].size());
        sendBuffer.insert(sendBuffer.end(), outgoing[r].begin(), outgoing[r].end());
    }
    std::vector<int> receiveCounts(sendCounts.size());
    MPI_Alltoall(sendCounts.data(), 1, MPI_INT, receiveCounts.data(), 1, MPI_INT, m_comm);
    std::vector<int> receiveDisplacements(receiveCounts.size());
    std::size_t total = 0;
    for (std::size_t r = 0; r < receiveCounts.size(); ++r)
    {
        receiveDisplacements[r] = checkedCount(total);
        total += static_cast<std::size_t>(receiveCounts[r]);
    }
    std::vector<std::byte> received(total);
    MPI_Alltoallv(sendBuffer.data(), sendCounts.data(), sendDisplacements.data(),
                  MPI_BYTE, received.data(), receiveCounts.data(),
                  receiveDisplacements.data(), MPI_BYTE, m_comm);
    return received;
}

void ParallelZarrIOHandlerImpl::applyReceived(std::vector<std::byte> const& received)
{
    // In rank order: where writes overlap, the higher rank's data stays.
    Reader reader{received.data(), received.data() + received.size()};
    while (reader.at < reader.end)
    {
        auto const file = reader.string();
        auto const path = reader.string();
        auto const rank = reader.u64();
        Offset offset(rank);
        Extent extent(rank);
        for (std::size_t d = 0; d < rank; ++d)
        {
            offset[d] = reader.u64();
            extent[d] = reader.u64();
        }
        auto const bytes = reader.u64();
        reader.need(bytes);
        auto const* data = reader.at;
        reader.at += bytes;
        auto* hierarchy = hierarchyAt(file);
        auto* node = hierarchy ? hierarchy->find(path) : nullptr;
        if (node == nullptr || !node->isArray())
            throw error::Internal("parallel Zarr: a piece for '/" + path + "' of '" +
                                  file + "', which this rank does not have");
        zarr::writeRegion(*node->array, hierarchy->store(), path, offset, extent, data);
        hierarchy->markChunks(path);
    }
}

void ParallelZarrIOHandlerImpl::persistShared(std::vector<std::string>& failures)
{
    // Every rank has the same files open (the frontend opens them collectively).
    std::vector<std::pair<zarr::ZarrHierarchy*, bool>> hierarchies; // (h, closing)
    for (auto& [path, file] : m_files)
        hierarchies.emplace_back(file.hierarchy.get(), false);
    for (auto& [path, hierarchy] : m_closing)
        hierarchies.emplace_back(hierarchy.get(), true);
    auto step = [&](auto&& action)
    {
        for (auto [hierarchy, closing] : hierarchies)
        {
            try
            {
                action(*hierarchy, closing);
            }
            catch (std::exception const& e)
            {
                failures.push_back(e.what());
            }
        }
    };
    // Removals before anybody puts new chunks; documents and .zmetadata after.
    if (m_rank == 0)
        step([](zarr::ZarrHierarchy& h, bool) { h.persistRemovals(); });
    MPI_Barrier(m_comm);
    step(
        [this](zarr::ZarrHierarchy& h, bool)
        {
            if (m_rank == 0)
                h.persistMetadata();
            h.persistChunkData();
        });
    MPI_Barrier(m_comm);
    step(
        [this](zarr::ZarrHierarchy& h, bool closing)
        {
            if (m_rank == 0)
                h.persistConsolidated(closing);
            else
                h.discardMetadataChanges();
            h.store().sync();
        });
}

std::unique_ptr<AbstractIOHandler>
createParallelZarrIOHandler(BackendArguments const& arguments, MPI_Comm comm)
{
    return std::make_unique<ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<ParallelZarrIOHandlerImpl>(arguments.directory, arguments.access,
                                                    comm, arguments.options));
}
} // namespace openPMD
