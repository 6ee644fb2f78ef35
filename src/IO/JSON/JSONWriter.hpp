#pragma once

#include "IO/JSON/JSONNode.hpp"
#include "IO/JSON/TextSink.hpp"

#include <functional>
#include <string>
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
 *
 * A changed group whose own content did not change (only members below it
 * changed or were added, see JSONNode::ownChanged) is patched: its stored
 * text is copied around its changed members, which are written anew, and
 * new members are appended before its closing brace. So the text before the
 * first change is one copy of the old text from its start, which a
 * FileUpdate need not write at all; and a save visits only changed nodes,
 * not every member of a large group. Members so appended follow the others
 * instead of taking their sorted place (JSON objects are unordered).
 */
class JSONWriter
{
public:
    /** Appends `length` bytes from `offset` of the stored text to the sink. */
    using CopyStored = std::function<void(std::uint64_t offset, std::uint64_t length)>;
    /** Where an emitted node's text went (relative to its parent's text). */
    struct Placement
    {
        JSONNode* node;
        JSONNode::Span span;
        /** Serialized whole: every member got a placement too. */
        bool whole;
    };
    using Placements = std::vector<Placement>;

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
    bool canPatch(JSONNode const& node) const;
    /** Writes a group by patching its stored text (see the class comment). */
    void patchGroup(JSONNode& group, std::uint64_t oldStart, std::uint64_t newStart,
                    bool isRoot);
    /** Where the members of a patched group end in the stored text. */
    struct GroupEnd
    {
        /** Where new members go (the closing brace, or the root's widths). */
        std::uint64_t position;
        /** No member before `position`: the first new one needs no comma. */
        bool empty;
        /** What follows the new members. */
        std::string trailer;
    };
    /**
     * @param beforeWidths new members go before the root's
     *        "platform_byte_widths" if that is its last member
     */
    static GroupEnd endOf(JSONNode const& group, std::uint64_t oldStart,
                          bool beforeWidths);
    /**
     * Unchanged members of `group` after a member whose length changed move
     * by the sum of the changes before them: (old offset, sum) per change.
     */
    void placeShifted(JSONNode& group,
                      std::vector<std::pair<std::uint64_t, std::int64_t>> const& shifts);
    void writeAttributes(JSONNode const& node);

    TextSink& m_sink;
    CopyStored m_copyStored;
    Load m_load;
    Placements m_placements;
};
} // namespace openPMD::jsonio
