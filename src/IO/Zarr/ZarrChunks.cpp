#include "IO/Zarr/ZarrChunks.hpp"
#include "openPMD/Error.hpp"

#include <algorithm>
#include <cstring>
#include <set>

namespace openPMD::zarr
{
namespace
{
template <typename F>
void forEachPiece(ZarrArray const& a, Offset const& offset, Extent const& extent, F fn)
{
    auto const rank = extent.size();
    for (auto e : extent)
        if (e == 0)
            return;
    ChunkIndex first(rank), last(rank), index(rank);
    for (std::size_t d = 0; d < rank; ++d)
    {
        first[d] = offset[d] / a.chunks[d];
        last[d] = (offset[d] + extent[d] - 1) / a.chunks[d];
    }
    index = first;
    while (true)
    {
        ChunkPiece piece{index, Offset(rank), Offset(rank), Extent(rank), true};
        for (std::size_t d = 0; d < rank; ++d)
        {
            auto const chunkBegin = index[d] * a.chunks[d];
            auto const begin = std::max(chunkBegin, offset[d]);
            auto const end = std::min(chunkBegin + a.chunks[d], offset[d] + extent[d]);
            piece.inChunk[d] = begin - chunkBegin;
            piece.inSelection[d] = begin - offset[d];
            piece.extent[d] = end - begin;
            // Padding beyond the array's end need not be written.
            auto const chunkEnd = std::min(chunkBegin + a.chunks[d], a.shape[d]);
            piece.coversChunk =
                piece.coversChunk && begin == chunkBegin && end >= chunkEnd;
        }
        fn(piece);
        std::size_t d = rank;
        while (d > 0)
        {
            --d;
            if (index[d] < last[d])
            {
                ++index[d];
                break;
            }
            index[d] = first[d];
            if (d == 0)
                return;
        }
    }
}

/** Row-major strides in elements. */
Extent stridesOf(Extent const& shape)
{
    Extent strides(shape.size(), 1);
    for (std::size_t d = shape.size(); d-- > 1;)
        strides[d - 1] = strides[d] * shape[d];
    return strides;
}

/** Fills a box of a dense buffer with one element's bytes. */
void fillBox(std::byte* dst, Extent const& dstShape, Offset const& dstOffset,
             Extent const& box, std::vector<std::byte> const& element)
{
    std::size_t count = 1;
    for (auto e : box)
        count *= e;
    std::vector<std::byte> filled(count * element.size());
    for (std::size_t i = 0; i < count; ++i)
        std::memcpy(filled.data() + i * element.size(), element.data(), element.size());
    copyBox(dst, dstShape, dstOffset, filled.data(), box, Offset(box.size(), 0), box,
            element.size());
}

std::vector<std::byte> filledChunk(ZarrArray const& a)
{
    std::vector<std::byte> chunk(a.chunkElements() * a.elementSize());
    auto const& e = a.fillBytes;
    for (std::size_t i = 0; i < a.chunkElements(); ++i)
        std::memcpy(chunk.data() + i * e.size(), e.data(), e.size());
    return chunk;
}

/** The decoded stored chunk, or nullopt if the store has none. */
std::optional<std::vector<std::byte>> loadChunk(ZarrArray const& a, KeyValueStore& store,
                                                std::string const& path,
                                                ChunkIndex const& index)
{
    if (a.storeStale)
        return std::nullopt;
    auto const key = chunkKey(path, index, a.separator);
    auto stored = store.get(key);
    if (!stored)
        return std::nullopt;
    try
    {
        return decodeChunk(a.compressor, std::move(*stored),
                           a.chunkElements() * a.elementSize());
    }
    catch (std::exception const& e)
    {
        throw error::ReadError(
            error::AffectedObject::Dataset, error::Reason::UnexpectedContent, "Zarr",
            "chunk '" + key + "' of store '" + store.describe() + "': " + e.what());
    }
}

/** Parses "1.0.3" (relative to the array) into an index of `rank`; nullopt if no chunk
 * key. */
std::optional<ChunkIndex> parseChunkKey(std::string const& name, std::size_t rank,
                                        char separator)
{
    ChunkIndex index;
    std::size_t begin = 0;
    while (begin <= name.size())
    {
        auto end = name.find(separator, begin);
        if (end == std::string::npos)
            end = name.size();
        if (end == begin)
            return std::nullopt;
        std::uint64_t value = 0;
        for (std::size_t i = begin; i < end; ++i)
        {
            if (name[i] < '0' || name[i] > '9')
                return std::nullopt;
            value = value * 10 + static_cast<std::uint64_t>(name[i] - '0');
        }
        index.push_back(value);
        begin = end + 1;
    }
    if (index.size() != rank)
        return std::nullopt;
    return index;
}
} // namespace

// One memcpy per innermost run.
void copyBox(std::byte* dst, Extent const& dstShape, Offset const& dstOffset,
             std::byte const* src, Extent const& srcShape, Offset const& srcOffset,
             Extent const& box, std::size_t elementSize)
{
    auto const rank = box.size();
    auto const dstStrides = stridesOf(dstShape);
    auto const srcStrides = stridesOf(srcShape);
    std::size_t const run = box[rank - 1] * elementSize;
    Offset index(rank, 0);
    while (true)
    {
        std::size_t dstAt = 0, srcAt = 0;
        for (std::size_t d = 0; d < rank; ++d)
        {
            dstAt += (dstOffset[d] + index[d]) * dstStrides[d];
            srcAt += (srcOffset[d] + index[d]) * srcStrides[d];
        }
        std::memcpy(dst + dstAt * elementSize, src + srcAt * elementSize, run);
        std::size_t d = rank - 1;
        while (d > 0)
        {
            --d;
            if (++index[d] < box[d])
                break;
            index[d] = 0;
            if (d == 0)
                return;
        }
        if (rank == 1)
            return;
    }
}

std::vector<ChunkPiece> piecesOf(ZarrArray const& a, Offset const& offset,
                                 Extent const& extent)
{
    std::vector<ChunkPiece> pieces;
    forEachPiece(a, offset, extent, [&](ChunkPiece const& p) { pieces.push_back(p); });
    return pieces;
}

std::string chunkKey(std::string const& arrayPath, ChunkIndex const& index,
                     char separator)
{
    std::string key = arrayPath.empty() ? "" : arrayPath + "/";
    for (std::size_t d = 0; d < index.size(); ++d)
    {
        if (d > 0)
            key += separator;
        key += std::to_string(index[d]);
    }
    return key;
}

void writeRegion(ZarrArray& a, KeyValueStore& store, std::string const& path,
                 Offset const& offset, Extent const& extent, void const* data)
{
    auto const* source = static_cast<std::byte const*>(data);
    forEachPiece(a, offset, extent,
                 [&](ChunkPiece const& piece)
                 {
                     auto it = a.pending.find(piece.chunk);
                     if (it == a.pending.end())
                     {
                         auto initial = piece.coversChunk
                                            ? std::nullopt
                                            : loadChunk(a, store, path, piece.chunk);
                         it = a.pending
                                  .emplace(piece.chunk,
                                           initial ? std::move(*initial) : filledChunk(a))
                                  .first;
                     }
                     copyBox(it->second.data(), a.chunks, piece.inChunk, source, extent,
                             piece.inSelection, piece.extent, a.elementSize());
                 });
}

void readRegion(ZarrArray& a, KeyValueStore& store, std::string const& path,
                Offset const& offset, Extent const& extent, void* data)
{
    auto* target = static_cast<std::byte*>(data);
    forEachPiece(a, offset, extent,
                 [&](ChunkPiece const& piece)
                 {
                     std::optional<std::vector<std::byte>> loaded;
                     std::vector<std::byte> const* chunk = nullptr;
                     if (auto it = a.pending.find(piece.chunk); it != a.pending.end())
                         chunk = &it->second;
                     else if ((loaded = loadChunk(a, store, path, piece.chunk)))
                         chunk = &*loaded;
                     if (chunk == nullptr)
                         fillBox(target, extent, piece.inSelection, piece.extent,
                                 a.fillBytes);
                     else
                         copyBox(target, extent, piece.inSelection, chunk->data(),
                                 a.chunks, piece.inChunk, piece.extent, a.elementSize());
                 });
}

std::vector<ChunkIndex> existingChunks(ZarrArray& a, KeyValueStore& store,
                                       std::string const& path)
{
    std::set<ChunkIndex> found;
    for (auto const& [index, chunk] : a.pending)
        found.insert(index);
    if (!a.storeStale)
    {
        auto const prefix = path.empty() ? "" : path + "/";
        for (auto const& key : store.list(prefix))
        {
            auto const name = key.substr(prefix.size());
            if (a.separator == '.' && name.find('/') != std::string::npos)
                continue;
            if (auto index = parseChunkKey(name, a.shape.size(), a.separator))
                found.insert(*index);
        }
    }
    std::vector<ChunkIndex> result;
    for (auto const& index : found)
    {
        bool inside = true;
        for (std::size_t d = 0; d < index.size(); ++d)
            inside = inside && index[d] * a.chunks[d] < a.shape[d];
        if (inside)
            result.push_back(index);
    }
    return result;
}
} // namespace openPMD::zarr
