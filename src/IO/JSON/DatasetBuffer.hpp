#pragma once

#include "openPMD/ChunkInfo.hpp"
#include "openPMD/Dataset.hpp"
#include "openPMD/Datatype.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace openPMD::jsonio
{
/**
 * The content of one dataset: a flat row-major buffer of its element type
 * plus one "written" bit per element. Writing a chunk is a copy into the
 * buffer, whatever the number of chunks; the nested JSON arrays exist only
 * while a file is being serialized.
 *
 * The buffer is allocated on the first write (a dataset that is created and
 * never written costs nothing). Unwritten elements hold the fill value:
 * quiet NaN for floating-point and complex types, zero otherwise.
 *
 * Bounds are checked by the caller (JSONIOHandlerImpl), not here.
 */
class DatasetBuffer
{
public:
    /** Number of elements of `extent`; empty if the byte size overflows size_t. */
    static std::optional<size_t> countElements(Extent const& extent, size_t elementSize);
    /** True for the 17 number types a dataset can have. */
    static bool isDatasetType(Datatype);
    /** Bytes of one element (a complex value counts as one element). */
    static size_t elementSizeOf(Datatype);

    /** @pre dtype is one of the 17 dataset types, rank >= 1, size fits. */
    DatasetBuffer(Datatype dtype, Extent extent);

    Datatype datatype() const { return m_dtype; }
    Extent const& extent() const { return m_extent; }
    size_t elementCount() const { return m_count; }
    size_t elementSize() const { return m_elementSize; }

    /** Copies the dense row-major `data` into the hyperslab and marks it written. */
    void write(Offset const& offset, Extent const& extent, void const* data);
    /** Copies the hyperslab into the dense row-major `out`. */
    void read(Offset const& offset, Extent const& extent, void* out) const;
    /** Grows to `newExtent` (same rank, no dimension smaller), keeping the content. */
    void grow(Extent const& newExtent);

    /**
     * The written regions as few boxes as a row-wise scan finds: runs of
     * written elements along the last dimension, merged with identical runs
     * in neighbouring rows, recursively.
     */
    ChunkTable writtenChunks() const;

    bool isWritten(size_t index) const { return !m_written.empty() && m_written[index]; }
    /** Pointer to element `index` (the fill value if nothing is allocated). */
    unsigned char const* element(size_t index) const;
    /** Pointer to element `index` for filling it in; allocates the buffer. */
    unsigned char* mutableElement(size_t index);
    void markWritten(size_t index);

private:
    struct Box
    {
        Offset offset;
        Extent extent;
    };

    void allocate();
    /** Runs of written elements in the row (last dimension) starting at `base`. */
    std::vector<Box> runsInRow(size_t base) const;
    /** Written boxes of the slab of dimensions [dimension, rank) starting at `base`. */
    std::vector<Box> boxesBelow(size_t dimension, size_t base) const;

    Datatype m_dtype;
    Extent m_extent;
    size_t m_elementSize;
    size_t m_count;
    /** One element holding the fill value. */
    std::array<unsigned char, 2 * sizeof(long double)> m_fill{};
    /** Empty until the first write. */
    std::vector<unsigned char> m_bytes;
    std::vector<bool> m_written;
};
} // namespace openPMD::jsonio
