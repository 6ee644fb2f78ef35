#pragma once

#include <openPMD/ChunkInfo.hpp>
#include <openPMD/Dataset.hpp>
#include <openPMD/Datatype.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace memory_backend
{
/**
 * The contents of one dataset: its type, its extent and its elements as one
 * dense row-major byte buffer. Unwritten elements are zero.
 *
 * The class does the byte shuffling only; the caller checks selections
 * (checkSelection) first, because only it knows the file and path that an
 * error message must name.
 */
class MemoryDataset
{
public:
    MemoryDataset(openPMD::Datatype dtype, openPMD::Extent extent);

    openPMD::Datatype dtype() const { return m_dtype; }
    openPMD::Extent const& extent() const { return m_extent; }

    /**
     * Why (offset, extent) is not a valid selection of this dataset, or an
     * empty string if it is.
     */
    std::string checkSelection(openPMD::Offset const&, openPMD::Extent const&) const;

    /** Copies a dense row-major block into the selection (checked before). */
    void write(openPMD::Offset const&, openPMD::Extent const&, void const* data);
    /** Copies the selection (checked before) into a dense row-major block. */
    void read(openPMD::Offset const&, openPMD::Extent const&, void* data) const;

    /**
     * Why the dataset cannot grow to `newExtent`, or an empty string if it
     * can (same rank, no dimension shrinks).
     */
    std::string checkExtension(openPMD::Extent const& newExtent) const;
    /** Grows to `newExtent` (checked before), keeping every element in place. */
    void extend(openPMD::Extent const& newExtent);

    /** The blocks written so far, one entry per distinct write selection. */
    openPMD::ChunkTable const& writtenChunks() const { return m_written; }

private:
    openPMD::Datatype m_dtype;
    openPMD::Extent m_extent;
    std::vector<std::byte> m_bytes;
    openPMD::ChunkTable m_written;
    /** The selections of m_written: a write finds its duplicate in O(log n). */
    std::set<std::pair<openPMD::Offset, openPMD::Extent>> m_writtenSelections;
};
} // namespace memory_backend
