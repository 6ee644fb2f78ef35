#include "IO/JSON/DataCodec.hpp"
#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/TextSink.hpp"
#include "IO/JSON/ValueCodec.hpp"
#include "openPMD/IO/ChunkSelection.hpp"

#include <cstring>

namespace openPMD::jsonio
{
namespace
{
// Elements between two chances for the sink to drain.
constexpr size_t elementsPerCheckpoint = 4096;

std::string elementPath(std::string const& base, std::vector<size_t> const& position)
{
    std::string path = base + "/data";
    for (auto const i : position)
    {
        path += "/" + std::to_string(i);
    }
    return path;
}

template <typename T>
void appendLevel(TextSink& sink, DatasetBuffer const& buffer, size_t dimension,
                 size_t& index)
{
    std::string& out = sink.text();
    out += '[';
    size_t const length = buffer.extent()[dimension];
    bool const innermost = dimension + 1 == buffer.extent().size();
    for (size_t i = 0; i < length; ++i)
    {
        if (i != 0)
        {
            out += ',';
        }
        if (!innermost)
        {
            appendLevel<T>(sink, buffer, dimension + 1, index);
            continue;
        }
        if (!buffer.isWritten(index))
        {
            out += IsComplexType<T>::value ? "[null,null]" : "null";
        }
        else
        {
            T value;
            std::memcpy(&value, buffer.element(index), sizeof(T));
            appendValue(out, value);
        }
        ++index;
        if (index % elementsPerCheckpoint == 0)
        {
            sink.checkpoint();
        }
    }
    out += ']';
}

struct AppendData
{
    template <typename T>
    static void call(TextSink& sink, DatasetBuffer const& buffer)
    {
        size_t index = 0;
        appendLevel<T>(sink, buffer, 0, index);
    }
};

/** Is `value` one complex element rather than a level of nesting? */
bool isComplexElement(RawJSON const& value)
{
    return value.is_array() && value.size() == 2 && !value[0].is_array() &&
           !value[1].is_array();
}

/**
 * The extent as the nesting shows it, following the first element of
 * each level (the top level is always a dimension: rank >= 1).
 */
Extent inferExtent(RawJSON const& data, bool complex)
{
    Extent extent;
    RawJSON const* level = &data;
    while (level->is_array() && !(complex && !extent.empty() && isComplexElement(*level)))
    {
        extent.push_back(level->size());
        if (level->empty())
        {
            break;
        }
        level = &(*level)[0];
    }
    return extent;
}

Extent declaredExtentOf(RawJSON const& declared, std::string const& path)
{
    Extent extent;
    if (declared.is_array() && !declared.empty())
    {
        for (auto const& n : declared)
        {
            if (!n.is_number_unsigned() &&
                !(n.is_number_integer() && n.get<std::int64_t>() >= 0))
            {
                extent.clear();
                break;
            }
            extent.push_back(n.get<std::uint64_t>());
        }
    }
    if (extent.empty())
    {
        throw ContentError{path + "/extent",
                           "expected an array of non-negative integers, found " +
                               describe(declared)};
    }
    return extent;
}

template <typename T>
class DataDecoder
{
public:
    DataDecoder(DatasetBuffer& buffer, std::string const& path)
        : m_buffer(buffer), m_path(path)
    {
    }

    void decodeLevel(RawJSON const& level, size_t dimension)
    {
        auto const& extent = m_buffer.extent();
        if (!level.is_array() || level.size() != extent[dimension])
        {
            throw ContentError{
                elementPath(m_path, m_position),
                "expected an array of " + std::to_string(extent[dimension]) +
                    " elements (dimension " + std::to_string(dimension) + " of extent " +
                    extentToString(extent) + "), found " + describe(level)};
        }
        bool const innermost = dimension + 1 == extent.size();
        m_position.push_back(0);
        for (auto const& child : level)
        {
            if (innermost)
            {
                decodeElement(child);
            }
            else
            {
                decodeLevel(child, dimension + 1);
            }
            ++m_position.back();
        }
        m_position.pop_back();
    }

private:
    void decodeElement(RawJSON const& value)
    {
        size_t const index = m_index++;
        bool const unwritten =
            value.is_null() ||
            (IsComplexType<T>::value && value.is_array() && value.size() == 2 &&
             value[0].is_null() && value[1].is_null());
        if (unwritten)
        {
            return;
        }
        T decoded{};
        try
        {
            decoded = decodeValue<T>(value, std::string());
        }
        catch (ContentError& e)
        {
            e.jsonPath = elementPath(m_path, m_position) + e.jsonPath;
            throw;
        }
        std::memcpy(m_buffer.mutableElement(index), &decoded, sizeof(T));
        m_buffer.markWritten(index);
    }

    DatasetBuffer& m_buffer;
    std::string const& m_path;
    std::vector<size_t> m_position;
    size_t m_index = 0;
};

struct DecodeData
{
    template <typename T>
    static std::unique_ptr<DatasetBuffer> call(RawJSON const& data, Datatype dtype,
                                               RawJSON const* declared,
                                               std::string const& path)
    {
        Extent const extent = declared != nullptr
                                  ? declaredExtentOf(*declared, path)
                                  : inferExtent(data, IsComplexType<T>::value);
        if (!DatasetBuffer::countElements(extent, sizeof(T)))
        {
            throw ContentError{path, "the extent " + extentToString(extent) +
                                         " is too large for memory"};
        }
        auto buffer = std::make_unique<DatasetBuffer>(dtype, extent);
        DataDecoder<T>(*buffer, path).decodeLevel(data, 0);
        return buffer;
    }
};
} // namespace

void appendData(TextSink& sink, DatasetBuffer const& buffer)
{
    switchDatasetType<AppendData>(buffer.datatype(), sink, buffer);
}

bool needsExplicitExtent(Extent const& extent)
{
    for (size_t d = 0; d + 1 < extent.size(); ++d)
    {
        if (extent[d] == 0)
        {
            return true;
        }
    }
    return false;
}

std::unique_ptr<DatasetBuffer> decodeData(RawJSON const& data, Datatype dtype,
                                          RawJSON const* declaredExtent,
                                          std::string const& path)
{
    return switchDatasetType<DecodeData>(dtype, data, dtype, declaredExtent, path);
}
} // namespace openPMD::jsonio
