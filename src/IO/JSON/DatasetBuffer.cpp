#include "IO/JSON/DatasetBuffer.hpp"

#include <algorithm>
#include <complex>
#include <cstring>
#include <limits>
#include <map>
#include <type_traits>

namespace openPMD::jsonio
{
namespace
{
template <typename T>
struct IsComplex : std::false_type
{
};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type
{
};

struct WriteFillValue
{
    template <typename T>
    static void call(unsigned char* out)
    {
        T value{};
        if constexpr (std::is_floating_point_v<T>)
        {
            value = std::numeric_limits<T>::quiet_NaN();
        }
        else if constexpr (IsComplex<T>::value)
        {
            auto const nan = std::numeric_limits<typename T::value_type>::quiet_NaN();
            value = T(nan, nan);
        }
        std::memcpy(out, &value, sizeof(T));
    }
};

struct SizeOfElement
{
    template <typename T>
    static size_t call()
    {
        return sizeof(T);
    }
};

/**
 * Calls f(datasetIndex, chunkIndex, length) for every contiguous run of
 * the hyperslab (offset, extent) of a row-major array of shape `total`.
 * Trailing dimensions that the hyperslab covers fully merge into the runs.
 */
template <typename F>
void forEachRun(Extent const& total, Offset const& offset, Extent const& extent, F&& f)
{
    size_t const rank = total.size();
    if (std::any_of(extent.begin(), extent.end(), [](auto n) { return n == 0; }))
    {
        return;
    }
    std::vector<size_t> totalStride(rank, 1);
    std::vector<size_t> chunkStride(rank, 1);
    for (size_t d = rank - 1; d > 0; --d)
    {
        totalStride[d - 1] = totalStride[d] * total[d];
        chunkStride[d - 1] = chunkStride[d] * extent[d];
    }
    size_t inner = rank - 1;
    size_t run = extent[inner];
    while (inner > 0 && extent[inner] == total[inner])
    {
        --inner;
        run *= extent[inner];
    }
    // Odometer over the outer dimensions [0, inner).
    std::vector<size_t> index(inner, 0);
    while (true)
    {
        size_t datasetIndex = offset[inner] * totalStride[inner];
        size_t chunkIndex = 0;
        for (size_t d = 0; d < inner; ++d)
        {
            datasetIndex += (offset[d] + index[d]) * totalStride[d];
            chunkIndex += index[d] * chunkStride[d];
        }
        f(datasetIndex, chunkIndex, run);
        size_t d = inner;
        while (d > 0)
        {
            --d;
            if (++index[d] < extent[d])
            {
                break;
            }
            index[d] = 0;
            if (d == 0)
            {
                return;
            }
        }
        if (inner == 0)
        {
            return;
        }
    }
}
} // namespace

std::optional<size_t> DatasetBuffer::countElements(Extent const& extent,
                                                   size_t elementSize)
{
    size_t count = 1;
    size_t const limit =
        std::numeric_limits<size_t>::max() / std::max<size_t>(elementSize, 1);
    for (auto const n : extent)
    {
        if (n != 0 && count > limit / n)
        {
            return std::nullopt;
        }
        count *= static_cast<size_t>(n);
    }
    return count;
}

bool DatasetBuffer::isDatasetType(Datatype dtype)
{
    return static_cast<int>(dtype) >= static_cast<int>(Datatype::CHAR) &&
           static_cast<int>(dtype) <= static_cast<int>(Datatype::CLONG_DOUBLE);
}

size_t DatasetBuffer::elementSizeOf(Datatype dtype)
{
    return switchDatasetType<SizeOfElement>(dtype);
}

DatasetBuffer::DatasetBuffer(Datatype dtype, Extent extent)
    : m_dtype(dtype), m_extent(std::move(extent)), m_elementSize(elementSizeOf(dtype)),
      m_count(*countElements(m_extent, m_elementSize))
{
    switchDatasetType<WriteFillValue>(m_dtype, m_fill.data());
}

void DatasetBuffer::allocate()
{
    if (!m_bytes.empty() || m_count == 0)
    {
        return;
    }
    m_bytes.resize(m_count * m_elementSize);
    bool const zeroFill =
        std::all_of(m_fill.begin(), m_fill.end(), [](unsigned char b) { return b == 0; });
    if (!zeroFill)
    {
        for (size_t i = 0; i < m_count; ++i)
        {
            std::memcpy(m_bytes.data() + i * m_elementSize, m_fill.data(), m_elementSize);
        }
    }
    m_written.assign(m_count, false);
}

void DatasetBuffer::write(Offset const& offset, Extent const& extent, void const* data)
{
    allocate();
    auto const* source = static_cast<unsigned char const*>(data);
    forEachRun(m_extent, offset, extent,
               [&](size_t to, size_t from, size_t length)
               {
                   std::memcpy(m_bytes.data() + to * m_elementSize,
                               source + from * m_elementSize, length * m_elementSize);
                   std::fill(m_written.begin() + to, m_written.begin() + to + length,
                             true);
               });
}

void DatasetBuffer::read(Offset const& offset, Extent const& extent, void* out) const
{
    auto* target = static_cast<unsigned char*>(out);
    if (m_bytes.empty())
    {
        auto const count = *countElements(extent, m_elementSize);
        for (size_t i = 0; i < count; ++i)
        {
            std::memcpy(target + i * m_elementSize, m_fill.data(), m_elementSize);
        }
        return;
    }
    forEachRun(m_extent, offset, extent,
               [&](size_t from, size_t to, size_t length)
               {
                   std::memcpy(target + to * m_elementSize,
                               m_bytes.data() + from * m_elementSize,
                               length * m_elementSize);
               });
}

void DatasetBuffer::grow(Extent const& newExtent)
{
    DatasetBuffer grown(m_dtype, newExtent);
    if (!m_bytes.empty())
    {
        grown.allocate();
        Offset const origin(m_extent.size(), 0);
        forEachRun(newExtent, origin, m_extent,
                   [&](size_t to, size_t from, size_t length)
                   {
                       std::memcpy(grown.m_bytes.data() + to * m_elementSize,
                                   m_bytes.data() + from * m_elementSize,
                                   length * m_elementSize);
                       std::copy(m_written.begin() + from,
                                 m_written.begin() + from + length,
                                 grown.m_written.begin() + to);
                   });
    }
    *this = std::move(grown);
}

unsigned char const* DatasetBuffer::element(size_t index) const
{
    return m_bytes.empty() ? m_fill.data() : m_bytes.data() + index * m_elementSize;
}

unsigned char* DatasetBuffer::mutableElement(size_t index)
{
    allocate();
    return m_bytes.data() + index * m_elementSize;
}

void DatasetBuffer::markWritten(size_t index)
{
    allocate();
    m_written[index] = true;
}

std::vector<DatasetBuffer::Box> DatasetBuffer::runsInRow(size_t base) const
{
    std::vector<Box> runs;
    size_t const length = m_extent.back();
    size_t i = 0;
    while (i < length)
    {
        if (!m_written[base + i])
        {
            ++i;
            continue;
        }
        size_t const start = i;
        while (i < length && m_written[base + i])
        {
            ++i;
        }
        runs.push_back({{start}, {i - start}});
    }
    return runs;
}

std::vector<DatasetBuffer::Box> DatasetBuffer::boxesBelow(size_t dimension,
                                                          size_t base) const
{
    size_t const rank = m_extent.size();
    if (dimension + 1 == rank)
    {
        return runsInRow(base);
    }
    size_t stride = 1;
    for (size_t d = dimension + 1; d < rank; ++d)
    {
        stride *= m_extent[d];
    }
    // Boxes still growing along this dimension, keyed by their shape below
    // it: a box of the next slice with the same shape extends the open one.
    using Shape = std::pair<Offset, Extent>;
    std::map<Shape, Box> open;
    std::vector<Box> finished;
    for (size_t i = 0; i < m_extent[dimension]; ++i)
    {
        std::map<Shape, Box> next;
        for (auto& below : boxesBelow(dimension + 1, base + i * stride))
        {
            Shape shape(below.offset, below.extent);
            if (auto found = open.find(shape); found != open.end())
            {
                ++found->second.extent[0];
                next.emplace(std::move(shape), std::move(found->second));
                open.erase(found);
                continue;
            }
            Box box{{i}, {1}};
            box.offset.insert(box.offset.end(), below.offset.begin(), below.offset.end());
            box.extent.insert(box.extent.end(), below.extent.begin(), below.extent.end());
            next.emplace(std::move(shape), std::move(box));
        }
        for (auto& [shape, box] : open)
        {
            finished.push_back(std::move(box));
        }
        open = std::move(next);
    }
    for (auto& [shape, box] : open)
    {
        finished.push_back(std::move(box));
    }
    return finished;
}

ChunkTable DatasetBuffer::writtenChunks() const
{
    ChunkTable table;
    if (m_bytes.empty())
    {
        return table;
    }
    auto boxes = boxesBelow(0, 0);
    // Report in row-major order of their first element.
    std::sort(boxes.begin(), boxes.end(),
              [](Box const& a, Box const& b) { return a.offset < b.offset; });
    for (auto& box : boxes)
    {
        table.emplace_back(std::move(box.offset), std::move(box.extent));
    }
    return table;
}
} // namespace openPMD::jsonio
