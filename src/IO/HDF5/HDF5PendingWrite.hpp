#pragma once

#include "openPMD/Dataset.hpp"
#include "openPMD/Datatype.hpp"

#include <hdf5.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace openPMD
{
class Writable;
}

namespace openPMD::hdf5
{
/**
 * A write held back until the next task, so that chunks that continue it
 * (next rows of the same dataset, from the next bytes of the same user
 * buffer) join it and HDF5 sees one H5Dwrite instead of thousands. The
 * data stay in the user's buffers (no copy); their owners are kept alive
 * until the write is done, which is before the flush that queued them ends.
 */
struct PendingWrite
{
    Writable* writable = nullptr;
    Datatype dtype = Datatype::UNDEFINED;
    Offset offset;
    Extent extent;
    char const* begin = nullptr;
    std::size_t bytes = 0;
    std::vector<std::shared_ptr<void const>> owners;

    bool empty() const { return writable == nullptr; }

    /**
     * Whether a write of `extent` at `offset` from `data` continues this one
     * in a dataset of extent `dims`: same dataset and type, whole rows
     * (every dimension but the first spans the dataset), the next rows, and
     * the bytes right after this write's in memory.
     */
    bool continuedBy(Writable const* other, Datatype otherType, Offset const& otherOffset,
                     Extent const& otherExtent, void const* data,
                     std::vector<hsize_t> const& dims) const
    {
        if (other != writable || otherType != dtype || data != begin + bytes ||
            otherExtent.size() != extent.size() || extent.empty() ||
            dims.size() != extent.size())
        {
            return false;
        }
        for (std::size_t d = 1; d < dims.size(); ++d)
        {
            if (extent[d] != dims[d] || otherExtent[d] != dims[d] || otherOffset[d] != 0)
            {
                return false;
            }
        }
        return otherOffset[0] == offset[0] + extent[0];
    }
};
} // namespace openPMD::hdf5
