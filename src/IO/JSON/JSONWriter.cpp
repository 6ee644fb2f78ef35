#include "IO/JSON/JSONWriter.hpp"
#include "IO/JSON/AttributeCodec.hpp"
#include "IO/JSON/DataCodec.hpp"
#include "IO/JSON/JSONText.hpp"

#include <algorithm>
#include <complex>
#include <iterator>
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

/**
 * Whether the root's stored text ends with its "platform_byte_widths": no
 * stored member sorts after that key (writeDocument writes it in sorted
 * place; patchGroup inserts new members before it).
 */
bool platformByteWidthsLast(JSONNode const& root)
{
    std::string const key = "platform_byte_widths";
    for (auto child = root.children.upper_bound(key); child != root.children.end();
         ++child)
    {
        if (child->second->stored)
        {
            return false;
        }
    }
    return root.verbatim.upper_bound(key) == root.verbatim.end();
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
    bool whole = false;
    if (m_copyStored && node.stored && !node.changed)
    {
        m_copyStored(oldStart, node.stored->length);
    }
    else if (canPatch(node))
    {
        patchGroup(node, oldStart, newStart, isRoot);
    }
    else
    {
        whole = true;
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
    m_placements.push_back(
        {&node, JSONNode::Span{newStart - newParentStart, m_sink.position() - newStart},
         whole});
}

bool JSONWriter::canPatch(JSONNode const& node) const
{
    // Needs our compact layout (m_copyStored) and every member's position.
    return m_copyStored && node.stored && node.loaded && node.isGroup() &&
           !node.ownChanged && node.membersPlaced && node.stored->length >= 2;
}

void JSONWriter::patchGroup(JSONNode& group, std::uint64_t oldStart,
                            std::uint64_t newStart, bool isRoot)
{
    std::vector<JSONNode*> replaced;
    std::vector<JSONNode*> added;
    for (JSONNode* child : group.changedChildren)
    {
        (child->stored ? replaced : added).push_back(child);
    }
    std::sort(replaced.begin(), replaced.end(),
              [](JSONNode const* a, JSONNode const* b)
              { return a->stored->offset < b->stored->offset; });
    std::sort(added.begin(), added.end(),
              [](JSONNode const* a, JSONNode const* b) { return a->name < b->name; });

    std::vector<std::pair<std::uint64_t, std::int64_t>> shifts;
    std::int64_t shift = 0;
    std::uint64_t cursor = oldStart;
    for (JSONNode* child : replaced)
    {
        JSONNode::Span const old = *child->stored;
        m_sink.checkpoint();
        m_copyStored(cursor, oldStart + old.offset - cursor);
        writeNode(*child, oldStart, newStart);
        cursor = oldStart + old.offset + old.length;
        std::uint64_t const length = m_placements.back().span.length;
        if (length != old.length)
        {
            shift +=
                static_cast<std::int64_t>(length) - static_cast<std::int64_t>(old.length);
            shifts.emplace_back(old.offset, shift);
        }
    }
    // Everything up to the closing brace, then the new members.
    auto const [closing, empty, trailer] =
        endOf(group, oldStart, isRoot && !added.empty());
    m_sink.checkpoint();
    m_copyStored(cursor, closing - cursor);
    bool first = empty;
    for (JSONNode* child : added)
    {
        std::string& out = m_sink.text();
        if (!first)
        {
            out += ',';
        }
        first = false;
        appendString(out, child->name);
        out += ':';
        writeNode(*child, oldStart, newStart);
        m_sink.checkpoint();
    }
    m_sink.text() += trailer;
    if (!shifts.empty())
    {
        placeShifted(group, shifts);
    }
}

JSONWriter::GroupEnd JSONWriter::endOf(JSONNode const& group, std::uint64_t oldStart,
                                       bool beforeWidths)
{
    std::uint64_t const length = group.stored->length;
    if (beforeWidths && platformByteWidthsLast(group))
    {
        // New members go before it, where sorting puts them: a series whose
        // root was saved before its first iteration keeps openPMD-api's layout.
        std::string const entry = "\"platform_byte_widths\":" + platformByteWidths();
        bool const onlyEntry = length == entry.size() + 2;
        return {onlyEntry ? oldStart + 1 : oldStart + length - 1 - entry.size() - 1,
                onlyEntry, "," + entry + "}"};
    }
    return {oldStart + length - 1, length == 2 /* "{}" */, "}"};
}

void JSONWriter::placeShifted(
    JSONNode& group, std::vector<std::pair<std::uint64_t, std::int64_t>> const& shifts)
{
    for (auto& [name, child] : group.children)
    {
        if (!child->stored || child->listed)
        {
            continue; // written above, with its new place
        }
        auto const after =
            std::upper_bound(shifts.begin(), shifts.end(), child->stored->offset,
                             [](std::uint64_t offset, auto const& change)
                             { return offset < change.first; });
        if (after == shifts.begin())
        {
            continue; // before every change: it keeps its place
        }
        JSONNode::Span span = *child->stored;
        span.offset = static_cast<std::uint64_t>(static_cast<std::int64_t>(span.offset) +
                                                 std::prev(after)->second);
        m_placements.push_back({child.get(), span, false});
    }
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
