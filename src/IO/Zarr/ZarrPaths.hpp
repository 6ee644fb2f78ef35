#pragma once

// Node paths inside a hierarchy ("data/100/meshes/E", "" for the root) and
// the check that keeps names from users from escaping it.

#include "openPMD/auxiliary/Path.hpp"

#include <string>
#include <vector>

namespace openPMD::zarr
{
/** Non-empty segments of a '/'-separated path (the library's own). */
using auxiliary::splitPath;
std::string joinPath(std::vector<std::string> const& segments);
/** `base` + "/" + `relative`, either may be empty. */
std::string childPath(std::string const& base, std::string const& relative);
/** The path of the parent; "" for top-level nodes and the root. */
std::string parentPath(std::string const& path);

/**
 * Why a name from a task cannot be a key component, or "" if it can: empty
 * components, "." and "..", a leading '/', NUL and backslashes escape or
 * confuse the store; ".zgroup", ".zarray", ".zattrs" and ".zmetadata" are
 * Zarr's own keys.
 */
std::string unsafeNameReason(std::string const& path);
} // namespace openPMD::zarr
