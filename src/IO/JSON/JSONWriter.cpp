#include "IO/JSON/JSONWriter.hpp"
#include "IO/JSON/AttributeCodec.hpp"
#include "IO/JSON/DataCodec.hpp"
#include "IO/JSON/JSONText.hpp"

#include <algorithm>
#include <complex>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace openPMD::jsonio
{
namespace
{
/** One key of an object being written and where its value comes from. */
struct Entry
{
    enum class Source
    {
        Attributes,
        Child,
        Verbatim,
        Data,
        Datatype,
        Extent,
        PlatformByteWidths
    };
    std::string_view key;
    Source source;
    void const* value = nullptr;
    JSONNode* child = nullptr;
};

std::string const& platformByteWidths()
{
    // The types openPMD-api lists (it leaves out SCHAR), in key order.
    static std::string const text = []
    {
        std::vector<std::pair<std::string, size_t>> widths = {
            {"BOOL", sizeof(bool)},
            {"CDOUBLE", sizeof(std::complex<double>)},
            {"CFLOAT", sizeof(std::complex<float>)},
            {"CHAR", sizeof(char)},
            {"CLONG_DOUBLE", sizeof(std::complex<long double>)},
            {"DOUBLE", sizeof(double)},
            {"FLOAT", sizeof(float)},
            {"INT", sizeof(int)},
            {"LONG", sizeof(long)},
            {"LONGLONG", sizeof(long long)},
            {"LONG_DOUBLE", sizeof(long double)},
            {"SHORT", sizeof(short)},
            {"UCHAR", sizeof(unsigned char)},
            {"UINT", sizeof(unsigned int)},
            {"ULONG", sizeof(unsigned long)},
            {"ULONGLONG", sizeof(unsigned long long)},
            {"USHORT", sizeof(unsigned short)}};
        std::sort(widths.begin(), widths.end());
        std::string result = "{";
        for (auto const& [name, width] : widths)
        {
            if (result.size() > 1)
            {
                result += ',';
            }
            appendString(result, name);
            result += ':';
            appendInteger(result, width);
        }
        return result + "}";
    }();
    return text;
}

std::vector<Entry> entriesOf(JSONNode const& node, bool isRoot)
{
    using Source = Entry::Source;
    std::vector<Entry> entries;
    if (!node.attributes.empty() && node.attributesProblem.empty())
    {
        entries.push_back({"attributes", Source::Attributes});
    }
    for (auto const& [name, child] : node.children)
    {
        entries.push_back({name, Source::Child, nullptr, child.get()});
    }
    for (auto const& [key, value] : node.verbatim)
    {
        entries.push_back({key, Source::Verbatim, &value});
    }
    if (node.isDataset() && node.dataset)
    {
        entries.push_back({"data", Source::Data});
        entries.push_back({"datatype", Source::Datatype});
        if (needsExplicitExtent(node.dataset->extent()))
        {
            entries.push_back({"extent", Source::Extent});
        }
    }
    if (isRoot)
    {
        entries.push_back({"platform_byte_widths", Source::PlatformByteWidths});
    }
    std::sort(entries.begin(), entries.end(),
              [](Entry const& a, Entry const& b) { return a.key < b.key; });
    return entries;
}
} // namespace

void JSONWriter::writeDocument(JSONNode& root)
{
    std::uint64_t const start = m_sink.position();
    writeNode(root, start, start, true);
    m_sink.text() += '\n';
    m_sink.flush();
}

void JSONWriter::writeNode(JSONNode& node, std::uint64_t oldParentStart,
                           std::uint64_t newParentStart, bool isRoot)
{
    std::uint64_t const newStart = m_sink.position();
    std::uint64_t const oldStart =
        node.stored ? oldParentStart + node.stored->offset : std::uint64_t(0);
    if (m_copyStored && node.stored && !node.changed)
    {
        m_copyStored(oldStart, node.stored->length);
    }
    else
    {
        if (!node.loaded)
        {
            if (!m_load)
            {
                throw std::logic_error("JSON backend: a node left in the file cannot be "
                                       "copied or read back");
            }
            m_load(node);
        }
        serializeNode(node, oldStart, newStart, isRoot);
    }
    m_placements.emplace_back(
        &node, JSONNode::Span{newStart - newParentStart, m_sink.position() - newStart});
}

void JSONWriter::serializeNode(JSONNode& node, std::uint64_t oldStart,
                               std::uint64_t newStart, bool isRoot)
{
    using Source = Entry::Source;
    if (node.kind == JSONNode::Kind::Verbatim)
    {
        appendRawJSON(m_sink.text(), *node.verbatimValue);
        return;
    }
    m_sink.text() += '{';
    bool first = true;
    for (auto const& entry : entriesOf(node, isRoot))
    {
        std::string& out = m_sink.text();
        if (!first)
        {
            out += ',';
        }
        first = false;
        appendString(out, entry.key);
        out += ':';
        switch (entry.source)
        {
        case Source::Attributes:
            writeAttributes(node);
            break;
        case Source::Child:
            writeNode(*entry.child, oldStart, newStart);
            break;
        case Source::Verbatim:
            appendRawJSON(out, *static_cast<RawJSON const*>(entry.value));
            break;
        case Source::Data:
            appendData(m_sink, *node.dataset);
            break;
        case Source::Datatype:
            appendString(out, datatypeToString(node.dataset->datatype()));
            break;
        case Source::Extent:
            out += '[';
            for (size_t d = 0; d < node.dataset->extent().size(); ++d)
            {
                if (d != 0)
                {
                    out += ',';
                }
                appendInteger(out, node.dataset->extent()[d]);
            }
            out += ']';
            break;
        case Source::PlatformByteWidths:
            out += platformByteWidths();
            break;
        }
        m_sink.checkpoint();
    }
    m_sink.text() += '}';
}

void JSONWriter::writeAttributes(JSONNode const& node)
{
    std::string& out = m_sink.text();
    out += '{';
    bool first = true;
    for (auto const& [name, entry] : node.attributes)
    {
        if (!first)
        {
            out += ',';
        }
        first = false;
        appendString(out, name);
        out += ':';
        if (entry.value)
        {
            appendAttribute(out, *entry.value);
        }
        else
        {
            appendRawJSON(out, *entry.undecoded);
        }
    }
    out += '}';
}
} // namespace openPMD::jsonio
