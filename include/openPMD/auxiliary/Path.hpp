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

/**
 * Why `name` cannot name an object (a group or dataset below its parent),
 * or nullptr if it can: not empty, not "." or "..", no '/' and no NUL, so
 * that no name, from a user or from a file, reaches outside its parent.
 */
char const* unsafeNameReason(std::string const& name);
} // namespace openPMD::auxiliary
