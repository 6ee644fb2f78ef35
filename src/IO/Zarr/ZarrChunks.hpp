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
