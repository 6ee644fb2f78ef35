#pragma once

#include <openPMD/IO/AbstractFilePosition.hpp>

#include <string>
#include <vector>

namespace memory_backend
{
/**
 * What the memory backend stores in Writable::abstractFilePosition: the file
 * a node belongs to and the node's path inside it.
 *
 * A path, not a pointer into the tree: a node whose object was deleted then
 * fails with a clear "not found" instead of touching freed memory.
 */
class MemoryFilePosition final : public openPMD::AbstractFilePosition
{
public:
    MemoryFilePosition(std::string fileKey_in, std::vector<std::string> path_in)
        : fileKey(std::move(fileKey_in)), path(std::move(path_in))
    {
    }

    /** MemoryStore key of the file. */
    std::string fileKey;
    /** Segments from the file root; empty for the root itself. */
    std::vector<std::string> path;
};
} // namespace memory_backend
