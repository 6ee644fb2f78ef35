#pragma once

#include <string>
#include <vector>

namespace openPMD::auxiliary
{
/**
 * The segments of a '/'-separated path inside a file, without empty ones:
 * "a//b/" gives {"a", "b"}. Backends use it for the paths of IOTasks.
 */
std::vector<std::string> splitPath(std::string const& path);
} // namespace openPMD::auxiliary
