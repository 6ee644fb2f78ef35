#pragma once

#include "IO/JSON/JSONNode.hpp"

#include <memory>
#include <string>

namespace openPMD::jsonio
{
/**
 * One JSON file: its path and, while it is open, its document in memory.
 *
 * Every change goes to the in-memory document and marks it changed; the
 * file itself is written only by save(), which the backend calls once per
 * flush point (and on close), and only if something changed.
 */
class JSONFile
{
public:
    explicit JSONFile(std::string path) : m_path(std::move(path)) {}

    std::string const& path() const { return m_path; }
    bool isOpen() const { return m_root != nullptr; }
    /** @pre isOpen() */
    JSONNode& root() { return *m_root; }

    /** Starts an empty document; the file is written at the next save. */
    void createEmpty();
    /** Reads the document from disk. @throws error::ReadError */
    void load();
    /** Drops the document from memory (without saving). */
    void close();

    /** Notes that the document differs from the file. */
    void markChanged() { m_changed = true; }
    bool changed() const { return m_changed; }

    /**
     * Writes the document (atomically, see AtomicFileWriter) if it changed.
     * @return whether the file was written.
     */
    bool saveIfChanged(bool durable);

    /** The document as it would be written. */
    std::string serialize() const;

private:
    std::string m_path;
    std::unique_ptr<JSONNode> m_root;
    bool m_changed = false;
    /** Written without fsync: a later durable flush syncs it. */
    bool m_unsynced = false;
};
} // namespace openPMD::jsonio
