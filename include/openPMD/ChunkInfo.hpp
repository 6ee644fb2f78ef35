#pragma once

#include "openPMD/Dataset.hpp"

#include <map>
#include <string>
#include <vector>

namespace openPMD
{
/** A hyperslab of a dataset: where it starts and how big it is. */
struct ChunkInfo
{
    Offset offset;
    Extent extent;

    ChunkInfo() = default;
    ChunkInfo(Offset, Extent);

    bool operator==(ChunkInfo const& other) const;
    bool operator!=(ChunkInfo const& other) const { return !(*this == other); }
};

/** A chunk that exists in storage, with the id of the writer that wrote it. */
struct WrittenChunkInfo : ChunkInfo
{
    /** Which writer (e.g. MPI rank) wrote the chunk; 0 if unknown. */
    unsigned int sourceID = 0;

    WrittenChunkInfo() = default;
    WrittenChunkInfo(Offset, Extent);
    WrittenChunkInfo(Offset, Extent, unsigned int sourceID);

    bool operator==(WrittenChunkInfo const& other) const;
    bool operator!=(WrittenChunkInfo const& other) const { return !(*this == other); }
};

using ChunkTable = std::vector<WrittenChunkInfo>;

namespace chunk_assignment
{
/** Per MPI rank, a string describing where it runs (e.g. the host name). */
using RankMeta = std::map<unsigned int, std::string>;
} // namespace chunk_assignment
} // namespace openPMD
