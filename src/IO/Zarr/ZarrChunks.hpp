#pragma once

// The data path of one array: hyperslabs split along the chunk grid, chunks
// merged in memory (read-modify-write), decoded on reads. Chunks are kept
// whole (edge chunks padded with the fill value), as Zarr v2 stores them.

#include "IO/Zarr/ZarrNode.hpp"
#include "openPMD/IO/KeyValueStore.hpp"

#include <optional>
#include <string>
#include <vector>

namespace openPMD::zarr
{
/** The part of a hyperslab that lies in one chunk. */
struct ChunkPiece
{
    ChunkIndex chunk;
    Offset inChunk;     // where the piece starts in the chunk
    Offset inSelection; // where it starts in the hyperslab
    Extent extent;
    bool coversChunk; // all of the chunk that lies inside the array
};

/** The pieces of the hyperslab (offset, extent), one per chunk it touches. */
std::vector<ChunkPiece> piecesOf(ZarrArray const&, Offset const& offset,
                                 Extent const& extent);

/** Copies a box between two dense row-major buffers of elements of `elementSize`. */
void copyBox(std::byte* dst, Extent const& dstShape, Offset const& dstOffset,
             std::byte const* src, Extent const& srcShape, Offset const& srcOffset,
             Extent const& box, std::size_t elementSize);

/** "path/1.0.3" (separator '.') or "path/1/0/3" ('/'). */
std::string chunkKey(std::string const& arrayPath, ChunkIndex const& index,
                     char separator);

/**
 * Copies the hyperslab (offset, extent) from the dense buffer `data` into the
 * array's pending chunks; chunks it covers only in part are first read from
 * the store (or filled with the fill value).
 */
void writeRegion(ZarrArray&, KeyValueStore&, std::string const& arrayPath,
                 Offset const& offset, Extent const& extent, void const* data);

/** Fills the dense buffer `data` with the hyperslab (offset, extent). */
void readRegion(ZarrArray&, KeyValueStore&, std::string const& arrayPath,
                Offset const& offset, Extent const& extent, void* data);

/** Chunks that exist (stored or pending), sorted. */
std::vector<ChunkIndex> existingChunks(ZarrArray&, KeyValueStore&,
                                       std::string const& arrayPath);
} // namespace openPMD::zarr
