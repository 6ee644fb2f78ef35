#pragma once

#include "IO/JSON/AttributeEntry.hpp"
#include "IO/JSON/DatasetBuffer.hpp"
#include "IO/JSON/RawJSON.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace openPMD::jsonio
{
/**
 * One object of the document: a group, a dataset, or a value in a group's
 * place that is no object (kept verbatim).
 *
 * Content that a file holds but that cannot be decoded is not an error of
 * the whole file: it is kept as read (and written back unchanged) and
 * reported with a full message when an operation needs it. So one bad
 * dataset or attribute does not make the rest of a file unreadable.
 */
class JSONNode
{
public:
    enum class Kind
    {
        Group,
        Dataset,
        /** Not a JSON object: neither group nor dataset (see `verbatimValue`). */
        Verbatim
    };

    explicit JSONNode(Kind kind_in) : kind(kind_in) {}

    Kind kind;

    /** Attributes by name (sorted, as they are written). */
    std::map<std::string, AttributeEntry> attributes;
    /** Set if the "attributes" key holds no object; the key is then kept in `verbatim`.
     */
    std::string attributesProblem;

    /** Groups and datasets of a group, by name. */
    std::map<std::string, std::unique_ptr<JSONNode>> children;

    /** Content of a dataset; null if it could not be decoded (see `problem`). */
    std::unique_ptr<DatasetBuffer> dataset;

    /** Keys of this object kept as read, written back unchanged. */
    std::map<std::string, RawJSON> verbatim;
    /** The whole value of a Verbatim node. */
    std::unique_ptr<RawJSON> verbatimValue;
    /** Why a Verbatim node or a dataset's content is unusable (a full error message). */
    std::string problem;

    bool isGroup() const { return kind == Kind::Group; }
    bool isDataset() const { return kind == Kind::Dataset; }

    /** Bytes of the file's text, relative to the start of the parent's text. */
    struct Span
    {
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
    };

    /**
     * Where this node's text lies in the version of the file the JSONFile
     * holds open (see JSONFile): lets an unchanged subtree be copied instead
     * of serialized, and be dropped from memory and read back on demand.
     */
    std::optional<Span> stored;
    /**
     * Changed since the stored text was written or read (or never stored).
     * A changed node's ancestors are changed too (JSONFile::markChanged).
     */
    bool changed = true;
    /**
     * This node's own content changed (attributes, verbatim keys, dataset
     * content, a member removed or replaced), not only something below it.
     * A group whose own content did not change is saved by patching its
     * stored text: changed members replaced, new ones appended (JSONWriter).
     */
    bool ownChanged = true;
    /** Listed in the parent's `changedChildren`. */
    bool listed = false;
    /**
     * Members changed or added since the last save, in the order of their
     * first change: lets a save visit only these, not every member.
     */
    std::vector<JSONNode*> changedChildren;
    /**
     * Every member that is in the stored text has a span (`stored`). False
     * for content parsed as a whole (JSONReader), whose members' positions
     * are unknown: such a group is serialized whole, never patched.
     */
    bool membersPlaced = true;
    /** The key under which the parent holds this node (empty for the root). */
    std::string name;
    /** False while the content is left in the file (JSONFile::release). */
    bool loaded = true;
    /** The group holding this node; null for the root. */
    JSONNode* parent = nullptr;

    /**
     * Inserts or replaces the child `key`, which gets this node as its parent.
     * Replacing a child changes this node's own content (its old text goes).
     */
    JSONNode& adopt(std::string const& key, std::unique_ptr<JSONNode> child)
    {
        child->parent = this;
        child->name = key;
        auto& slot = children[key];
        if (slot)
        {
            ownChanged = true;
        }
        slot = std::move(child);
        return *slot;
    }
};
} // namespace openPMD::jsonio
