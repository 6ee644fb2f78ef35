#include "openPMD/ChunkInfo.hpp"

#include <utility>

namespace openPMD
{
ChunkInfo::ChunkInfo(Offset offset_in, Extent extent_in)
    : offset(std::move(offset_in)), extent(std::move(extent_in))
{
}

bool ChunkInfo::operator==(ChunkInfo const& other) const
{
    return offset == other.offset && extent == other.extent;
}

WrittenChunkInfo::WrittenChunkInfo(Offset offset_in, Extent extent_in)
    : ChunkInfo(std::move(offset_in), std::move(extent_in))
{
}

WrittenChunkInfo::WrittenChunkInfo(Offset offset_in, Extent extent_in,
                                   unsigned int source)
    : ChunkInfo(std::move(offset_in), std::move(extent_in)), sourceID(source)
{
}

bool WrittenChunkInfo::operator==(WrittenChunkInfo const& other) const
{
    return sourceID == other.sourceID && ChunkInfo::operator==(other);
}
} // namespace openPMD
