#pragma once

#include "IO/JSON/JSONNode.hpp"
#include "IO/JSON/TextSink.hpp"

#include <functional>
#include <utility>
#include <vector>

namespace openPMD::jsonio
{
/**
 * Serializes a document tree the way openPMD-api 0.16 lays out its files:
 * compact single-line JSON, keys sorted, attributes under "attributes",
 * datasets as {"attributes", "data", "datatype"}, the root's
 * "platform_byte_widths", and a final newline.
 *
 * With a `copyStored` callback, a node that did not change since its text
 * was stored (JSONNode::stored, !changed) is not serialized: its bytes are
 * copied from the stored version of the file instead. This is what keeps a
 * flush of a group-based file proportional to what changed, not to what
 * the file holds (closed iterations are copied by the kernel).
 */
class JSONWriter
{
public:
    /** Appends `length` bytes from `offset` of the stored text to the sink. */
    using CopyStored = std::function<void(std::uint64_t offset, std::uint64_t length)>;
    /** Where each emitted node's text went (relative to its parent's text). */
    using Placements = std::vector<std::pair<JSONNode*, JSONNode::Span>>;

    /** Brings back the content of a node that was dropped from memory. */
    using Load = std::function<void(JSONNode&)>;

    explicit JSONWriter(TextSink& sink, CopyStored copyStored = {}, Load load = {})
        : m_sink(sink), m_copyStored(std::move(copyStored)), m_load(std::move(load))
    {
    }

    /** The whole document, root first, with the trailing newline. */
    void writeDocument(JSONNode& root);

    /**
     * The span of every node written by writeDocument() in the new text, to
     * be applied (JSONNode::stored) once that text is safely in place.
     */
    Placements const& placements() const { return m_placements; }

private:
    /**
     * One node (group, dataset or verbatim value) and everything below it.
     * @param oldParentStart where the parent's text starts in the stored text
     * @param newParentStart where the parent's text starts in the new text
     */
    void writeNode(JSONNode& node, std::uint64_t oldParentStart,
                   std::uint64_t newParentStart, bool isRoot = false);
    void serializeNode(JSONNode& node, std::uint64_t oldStart, std::uint64_t newStart,
                       bool isRoot);
    void writeAttributes(JSONNode const& node);

    TextSink& m_sink;
    CopyStored m_copyStored;
    Load m_load;
    Placements m_placements;
};
} // namespace openPMD::jsonio
