#pragma once

#include "MemoryNode.hpp"

#include <openPMD/auxiliary/Path.hpp>

#include <string>
#include <vector>

namespace memory_backend
{
/** "a/b/c" -> {"a", "b", "c"}; the framework's helper drops empty segments. */
using openPMD::auxiliary::splitPath;

/** {"a", "b"} -> "/a/b"; {} -> "/". */
std::string joinPath(std::vector<std::string> const& segments);

/** `base` followed by `more`. */
std::vector<std::string> appendPath(std::vector<std::string> base,
                                    std::vector<std::string> const& more);

/** The object at `segments` below `from`, or null if a segment is missing. */
MemoryNode* walk(MemoryNode& from, std::vector<std::string> const& segments);
} // namespace memory_backend
