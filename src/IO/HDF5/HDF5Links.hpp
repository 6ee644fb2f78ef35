#pragma once

#include "IO/HDF5/HDF5Error.hpp"

#include <hdf5.h>

#include "openPMD/auxiliary/Path.hpp"

#include <string>
#include <vector>

namespace openPMD::hdf5
{
/** The non-empty '/'-separated segments of `path` ("a//b/" -> {"a", "b"}). */
using auxiliary::splitPath;

/** `segments` joined by '/' (relative path, no leading '/'). */
std::string joinSegments(std::vector<std::string> const& segments);

/** The absolute path of `relative` below the absolute path `base`. */
std::string appendPath(std::string const& base, std::string const& relative);

/** True if every prefix of `segments` names an existing link below `location`. */
bool linkExists(hid_t location, std::vector<std::string> const& segments,
                Site const& site);

/**
 * The type of the object that `relative` (an existing link) names below
 * `location`; H5O_TYPE_UNKNOWN for a dangling or external link.
 */
H5O_type_t objectTypeAt(hid_t location, std::string const& relative);

/** Names of the links in `group` whose object has `type`, sorted. */
std::vector<std::string> listChildren(hid_t group, H5O_type_t type, Site const& site);
} // namespace openPMD::hdf5
