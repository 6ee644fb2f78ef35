#pragma once

#include "MemoryNode.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace memory_backend
{
/**
 * The process-wide "file system" of the memory backend: root nodes keyed by
 * directory + file name. Files outlive the handlers that wrote them, so a
 * later handler can reopen them READ_ONLY or READ_WRITE.
 *
 * The table itself is guarded by a mutex; the contents of a file are not
 * (like a real file, a file must not be written by two threads at once).
 */
class MemoryStore
{
public:
    static MemoryStore& instance();

    /** The key of `name` in `directory`: a normalized path. */
    static std::string key(std::string const& directory, std::string const& name);

    /** A new, empty file at `key`; an existing one is replaced. */
    std::shared_ptr<MemoryNode> create(std::string const& key);
    /** The file at `key`, or null. */
    std::shared_ptr<MemoryNode> find(std::string const& key) const;
    /** Removes the file at `key`; false if there was none. */
    bool erase(std::string const& key);
    /** Names of the files directly in `directory` (for file-based reading). */
    std::vector<std::string> filesIn(std::string const& directory) const;

private:
    MemoryStore() = default;

    mutable std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<MemoryNode>> m_files;
};
} // namespace memory_backend
