#include "IO/JSON/JSONWriter.hpp"
#include "IO/JSON/AttributeCodec.hpp"
#include "IO/JSON/DataCodec.hpp"
#include "IO/JSON/JSONText.hpp"

#include <algorithm>
#include <complex>
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
        entries.push_back({name, Source::Child, child.get()});
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

void JSONWriter::writeDocument(JSONNode const& root)
{
    writeNode(root, true);
    m_sink.text() += '\n';
    m_sink.flush();
}

void JSONWriter::writeNode(JSONNode const& node, bool isRoot)
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
            writeNode(*static_cast<JSONNode const*>(entry.value));
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
