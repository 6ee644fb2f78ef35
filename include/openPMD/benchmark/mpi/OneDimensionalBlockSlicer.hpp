#pragma once

#include "openPMD/benchmark/mpi/BlockSlicer.hpp"

namespace openPMD
{
/**
 * Cuts a dataset along one dimension into contiguous slabs of nearly equal
 * thickness (they differ by at most one), in rank order.
 */
class OneDimensionalBlockSlicer : public BlockSlicer
{
public:
    /** The dimension that is cut. */
    Extent::value_type m_dim;

    explicit OneDimensionalBlockSlicer(Extent::value_type dim = 0) : m_dim(dim) {}

    std::pair<Offset, Extent> sliceBlock(Extent& totalExtent, int size, int rank) override
    {
        Offset offset(totalExtent.size(), 0);
        if (rank < 0 || size <= 0 || rank >= size || m_dim >= totalExtent.size())
        {
            return {std::move(offset), Extent(totalExtent.size(), 0)};
        }
        Extent extent = totalExtent;
        auto const begin = boundary(totalExtent[m_dim], size, rank);
        auto const end = boundary(totalExtent[m_dim], size, rank + 1);
        offset[m_dim] = begin;
        extent[m_dim] = end - begin;
        return {std::move(offset), std::move(extent)};
    }

private:
    /** Where the slab of `rank` starts: ceil(length * rank / size), without overflow. */
    static Extent::value_type boundary(Extent::value_type length, int size, int rank)
    {
        auto const parts = static_cast<Extent::value_type>(size);
        auto const index = static_cast<Extent::value_type>(rank);
        auto const remainder = (length % parts) * index;
        return (length / parts) * index + remainder / parts +
               (remainder % parts != 0 ? 1 : 0);
    }
};
} // namespace openPMD
