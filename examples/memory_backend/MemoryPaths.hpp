#pragma once

#include "MemoryNode.hpp"

#include <string>
#include <vector>

namespace memory_backend
{
/** "a/b/c" -> {"a", "b", "c"}; empty segments (from "a//b" or "meshes/") are dropped. */
std::vector<std::string> splitPath(std::string const& path);

/** {"a", "b"} -> "/a/b"; {} -> "/". */
std::string joinPath(std::vector<std::string> const& segments);

/** `base` followed by `more`. */
std::vector<std::string> appendPath(std::vector<std::string> base,
                                    std::vector<std::string> const& more);

/** The object at `segments` below `from`, or null if a segment is missing. */
MemoryNode* walk(MemoryNode& from, std::vector<std::string> const& segments);
} // namespace memory_backend
