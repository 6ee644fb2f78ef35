#pragma once

// Parallel benchmarks (openPMD-api compatible): how a dataset is divided
// among the ranks that write and read it.

#include "openPMD/Dataset.hpp"

#include <utility>

namespace openPMD
{
/** Divides a dataset into one block per rank. */
class BlockSlicer
{
public:
    /**
     * The block of `rank` (offset, extent) when `size` ranks share a
     * dataset of `totalExtent`. Ranks at or beyond `size` get an empty block.
     */
    virtual std::pair<Offset, Extent> sliceBlock(Extent& totalExtent, int size,
                                                 int rank) = 0;

    virtual ~BlockSlicer() = default;
};
} // namespace openPMD
