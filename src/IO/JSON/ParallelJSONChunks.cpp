#include "IO/JSON/ParallelJSONChunks.hpp"
#include "IO/JSON/DatasetBuffer.hpp"
#include "openPMD/Error.hpp"

#include <cstring>

namespace openPMD::jsonio
{
namespace
{
class Writer
{
public:
    void number(uint64_t value) { raw(&value, sizeof value); }
    void text(std::string const& value)
    {
        number(value.size());
        raw(value.data(), value.size());
    }
    void numbers(std::vector<uint64_t> const& values)
    {
        number(values.size());
        for (auto v : values)
        {
            number(v);
        }
    }
    void raw(void const* data, size_t size)
    {
        auto const* bytes = static_cast<unsigned char const*>(data);
        out.insert(out.end(), bytes, bytes + size);
    }
    std::vector<unsigned char> out;
};

class Reader
{
public:
    explicit Reader(std::vector<unsigned char> const& in) : m_in(in) {}

    uint64_t number()
    {
        uint64_t value = 0;
        std::memcpy(&value, take(sizeof value), sizeof value);
        return value;
    }
    std::string text()
    {
        size_t const size = number();
        auto const* start = reinterpret_cast<char const*>(take(size));
        return std::string(start, size);
    }
    std::vector<uint64_t> numbers()
    {
        size_t const count = number();
        std::vector<uint64_t> values;
        for (size_t i = 0; i < count; ++i)
        {
            values.push_back(number());
        }
        return values;
    }
    unsigned char const* take(size_t size)
    {
        if (size > m_in.size() - m_position)
        {
            throw error::Internal("parallel JSON: a message from another rank is "
                                  "truncated");
        }
        unsigned char const* start = m_in.data() + m_position;
        m_position += size;
        return start;
    }
    bool done() const { return m_position == m_in.size(); }

private:
    std::vector<unsigned char> const& m_in;
    size_t m_position = 0;
};
} // namespace

size_t chunkBytes(Datatype dtype, Extent const& extent)
{
    size_t count = DatasetBuffer::elementSizeOf(dtype);
    for (auto const n : extent)
    {
        count *= n;
    }
    return count;
}

std::vector<unsigned char> RankReport::encode() const
{
    Writer writer;
    writer.number(failed ? 1 : 0);
    writer.text(failure);
    writer.number(chunks.size());
    for (auto const& chunk : chunks)
    {
        writer.text(chunk.file);
        writer.number(chunk.path.size());
        for (auto const& key : chunk.path)
        {
            writer.text(key);
        }
        writer.number(static_cast<uint64_t>(chunk.dtype));
        writer.numbers(std::vector<uint64_t>(chunk.offset.begin(), chunk.offset.end()));
        writer.numbers(std::vector<uint64_t>(chunk.extent.begin(), chunk.extent.end()));
        size_t const bytes = chunkBytes(chunk.dtype, chunk.extent);
        writer.number(bytes);
        writer.raw(chunk.data.get(), bytes);
    }
    return std::move(writer.out);
}

RankReport RankReport::decode(std::shared_ptr<std::vector<unsigned char> const> message)
{
    Reader reader(*message);
    RankReport report;
    report.failed = reader.number() != 0;
    report.failure = reader.text();
    size_t const count = reader.number();
    for (size_t i = 0; i < count; ++i)
    {
        PendingChunk chunk;
        chunk.file = reader.text();
        size_t const depth = reader.number();
        for (size_t d = 0; d < depth; ++d)
        {
            chunk.path.push_back(reader.text());
        }
        chunk.dtype = static_cast<Datatype>(reader.number());
        auto const offset = reader.numbers();
        auto const extent = reader.numbers();
        chunk.offset.assign(offset.begin(), offset.end());
        chunk.extent.assign(extent.begin(), extent.end());
        size_t const bytes = reader.number();
        if (offset.size() != extent.size() ||
            !DatasetBuffer::isDatasetType(chunk.dtype) ||
            bytes != chunkBytes(chunk.dtype, chunk.extent))
        {
            throw error::Internal("parallel JSON: a chunk from another rank is "
                                  "inconsistent");
        }
        // Aliasing constructor: the chunk keeps the whole message alive.
        chunk.data = std::shared_ptr<void const>(message, reader.take(bytes));
        report.chunks.push_back(std::move(chunk));
    }
    if (!reader.done())
    {
        throw error::Internal("parallel JSON: a message from another rank has "
                              "trailing bytes");
    }
    return report;
}
} // namespace openPMD::jsonio
