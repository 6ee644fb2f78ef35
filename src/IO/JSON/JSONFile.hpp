#pragma once

#include "IO/JSON/JSONNode.hpp"
#include "IO/JSON/JSONScanner.hpp"
#include "IO/JSON/JSONWriter.hpp"
#include "IO/JSON/StoredText.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace openPMD::jsonio
{
/**
 * One JSON file: its path and, while it is open, its document in memory.
 *
 * Every change goes to the in-memory document and marks the changed node
 * and its ancestors; the file itself is written only by saveIfChanged(),
 * which the backend calls once per flush point (and on close), and only if
 * something changed.
 *
 * The file keeps the version it last wrote open (StoredText) and every node
 * knows where its text lies in it. A save serializes only the changed nodes
 * and copies the text of unchanged subtrees from that version; a subtree the
 * frontend closed (CLOSE_PATH) is dropped from memory once its text is
 * stored and read back from the file if it is used again. So a group-based
 * series costs per flush what its new iteration holds, plus a kernel copy of
 * the rest, and memory does not grow with the closed iterations.
 */
class JSONFile
{
public:
    using Path = std::vector<std::string>;

    explicit JSONFile(std::string path) : m_path(std::move(path)) {}

    std::string const& path() const { return m_path; }
    bool isOpen() const { return m_root != nullptr; }
    /** @pre isOpen() */
    JSONNode& root() { return *m_root; }

    /** Starts an empty document; the file is written at the next save. */
    void createEmpty();
    /**
     * Reads the document from disk. A save of it that was torn (a journal
     * beside it, see SaveJournal) is undone first if `writable`; else the
     * file is read as it was before that save, and left as it is.
     * @throws error::ReadError, or error::WriteError if the repair fails
     */
    void load(bool writable);
    /** Drops the document from memory (without saving). */
    void close();

    /** Notes that `node` (and so each of its ancestors) differs from the file. */
    void markChanged(JSONNode& node);
    bool changed() const { return m_changed; }

    /**
     * Makes the content of `node` available: reads it back from the stored
     * text if it was dropped from memory.
     * @throws error::ReadError naming the file and the node's path
     */
    void ensureLoaded(JSONNode& node);
    /** The node at `path` (loaded), or null if there is none. */
    JSONNode* find(Path const& path);

    /**
     * The frontend is done with the node at `path` for now: drop its content
     * from memory once its text is stored unchanged (after the next save).
     */
    void releaseWhenStored(Path path);

    /**
     * Writes the document if it changed: in place if only its end changed,
     * else by atomic replacement (see FileUpdate). A save that fails or is
     * interrupted leaves the last saved state readable.
     * @return whether the file was written.
     */
    bool saveIfChanged(bool durable);

    /** The document as it would be written. */
    std::string serialize();

    /** Files up to this size are parsed whole when opened. */
    static constexpr std::uint64_t eagerFileSize = std::uint64_t(256) << 10;
    /** Groups larger than this are read member by member, their subgroups on demand. */
    static constexpr std::uint64_t lazyGroupSize = std::uint64_t(64) << 10;

private:
    void releasePending();
    /** After a save: the nodes' spans refer to the new version. */
    static void applyPlacements(JSONWriter::Placements const& placements);
    /**
     * Reads the members of the group `node`, whose text starts at `start`
     * of the stored text: attributes and non-object values now, groups and
     * datasets as nodes left in the file (read when first used).
     */
    void loadMembers(JSONNode& node, std::uint64_t start, bool isRoot);

    std::string m_path;
    std::unique_ptr<JSONNode> m_root;
    bool m_changed = false;
    /** Written without fsync: a later durable flush syncs it. */
    bool m_unsynced = false;
    /** The version of the file that the nodes' spans refer to. */
    StoredText m_stored;
    /**
     * m_stored was written by this object (compact, in our layout), so its
     * unchanged parts may be copied into the next version.
     */
    bool m_storedIsOurs = false;
    /** Paths to drop from memory once stored (releaseWhenStored). */
    std::vector<Path> m_releasable;
    /**
     * Members of large groups found while the root was scanned, by the
     * group's absolute position in m_stored: the group's loadMembers takes
     * them instead of reading its text again. Cleared when m_stored changes.
     */
    std::map<std::uint64_t, ScannedObject> m_prescanned;
};
} // namespace openPMD::jsonio
