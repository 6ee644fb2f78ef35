#include "MemoryDataset.hpp"

#include <openPMD/IO/ChunkSelection.hpp>

#include <cstring>
#include <functional>
#include <numeric>

namespace memory_backend
{
using openPMD::Extent;
using openPMD::Offset;

namespace
{
std::uint64_t elementCount(Extent const& extent)
{
    return std::accumulate(extent.begin(), extent.end(), std::uint64_t{1},
                           std::multiplies<>());
}

/** A box inside a dense row-major array that is copied from ... */
struct Source
{
    std::byte const* bytes;
    Extent const& extent;
    Offset const& offset;
};
/** ... and the box of the same size it is copied to. */
struct Target
{
    std::byte* bytes;
    Extent const& extent;
    Offset const& offset;
};

/**
 * Copies `count` elements from a box of one dense row-major array to a
 * box of another. The innermost dimension is contiguous in both arrays,
 * so each row of the box is one memcpy.
 */
void copyBox(Source from, Target to, Extent const& count, size_t elementSize)
{
    size_t const rank = count.size();
    if (elementCount(count) == 0)
    {
        return;
    }
    if (rank == 0)
    {
        std::memcpy(to.bytes, from.bytes, elementSize);
        return;
    }
    // Row-major strides in elements.
    std::vector<std::uint64_t> fromStride(rank, 1), toStride(rank, 1);
    for (size_t d = rank - 1; d > 0; --d)
    {
        fromStride[d - 1] = fromStride[d] * from.extent[d];
        toStride[d - 1] = toStride[d] * to.extent[d];
    }
    size_t const rowBytes = count[rank - 1] * elementSize;
    // index counts through the outer dimensions of the box like an odometer.
    std::vector<std::uint64_t> index(rank, 0);
    while (true)
    {
        std::uint64_t fromElement = 0, toElement = 0;
        for (size_t d = 0; d < rank; ++d)
        {
            fromElement += (from.offset[d] + index[d]) * fromStride[d];
            toElement += (to.offset[d] + index[d]) * toStride[d];
        }
        std::memcpy(to.bytes + toElement * elementSize,
                    from.bytes + fromElement * elementSize, rowBytes);
        size_t d = rank - 1;
        while (d > 0 && ++index[d - 1] == count[d - 1])
        {
            index[d - 1] = 0;
            --d;
        }
        if (d == 0)
        {
            return;
        }
    }
}
} // namespace

MemoryDataset::MemoryDataset(openPMD::Datatype dtype, Extent extent)
    : m_dtype(dtype), m_extent(std::move(extent)),
      m_bytes(elementCount(m_extent) * openPMD::toBytes(dtype))
{
}

std::string MemoryDataset::checkSelection(Offset const& offset,
                                          Extent const& extent) const
{
    return openPMD::selectionProblem(offset, extent, m_extent);
}

void MemoryDataset::write(Offset const& offset, Extent const& extent, void const* data)
{
    Offset const origin(extent.size(), 0);
    copyBox(Source{static_cast<std::byte const*>(data), extent, origin},
            Target{m_bytes.data(), m_extent, offset}, extent, openPMD::toBytes(m_dtype));
    // A scan of m_written per write would make n chunks cost O(n^2).
    if (m_writtenSelections.emplace(offset, extent).second)
    {
        m_written.emplace_back(offset, extent);
    }
}

void MemoryDataset::read(Offset const& offset, Extent const& extent, void* data) const
{
    Offset const origin(extent.size(), 0);
    copyBox(Source{m_bytes.data(), m_extent, offset},
            Target{static_cast<std::byte*>(data), extent, origin}, extent,
            openPMD::toBytes(m_dtype));
}

std::string MemoryDataset::checkExtension(Extent const& newExtent) const
{
    if (newExtent.size() != m_extent.size())
    {
        return "an extent of rank " + std::to_string(m_extent.size()) + ", got " +
               openPMD::extentToString(newExtent);
    }
    for (size_t d = 0; d < m_extent.size(); ++d)
    {
        if (newExtent[d] < m_extent[d])
        {
            return "an extent no smaller than " + openPMD::extentToString(m_extent) +
                   " in every dimension, got " + openPMD::extentToString(newExtent);
        }
    }
    return {};
}

void MemoryDataset::extend(Extent const& newExtent)
{
    std::vector<std::byte> grown(elementCount(newExtent) * openPMD::toBytes(m_dtype));
    Offset const origin(m_extent.size(), 0);
    copyBox(Source{m_bytes.data(), m_extent, origin},
            Target{grown.data(), newExtent, origin}, m_extent, openPMD::toBytes(m_dtype));
    m_bytes = std::move(grown);
    m_extent = newExtent;
}
} // namespace memory_backend
