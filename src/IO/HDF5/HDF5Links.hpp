#pragma once

#include "IO/HDF5/HDF5Error.hpp"
#include "IO/HDF5/HDF5Handle.hpp"

#include <hdf5.h>

#include "openPMD/auxiliary/Path.hpp"

#include <string>
#include <unordered_map>
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

/**
 * Opens `relative` below `location` if it is an object of `kind` (H5I_GROUP
 * or H5I_DATASET); otherwise an invalid Handle, and the caller looks at what
 * is there to say why. One lookup where checking first would take three.
 */
Handle openIfKind(hid_t location, std::string const& relative, H5I_type_t kind);

/** Where a hard link points: an object address (a token since HDF5 1.12). */
#if H5_VERSION_GE(1, 12, 0)
using ObjectAddress = H5O_token_t;
#else
using ObjectAddress = haddr_t;
#endif

/** Opens the object at `address` in the file of `location`; invalid if that fails. */
Handle openAtAddress(hid_t location, ObjectAddress const& address);

/** The members of a group that the frontend can use, each list sorted. */
struct Members
{
    std::vector<std::string> groups;
    std::vector<std::string> datasets;
    /**
     * Where each of them points (hard links only): opening a member by its
     * address skips the name lookup, which in a big symbol-table group
     * loads the heap of all names (800 KB for 100 000 iterations).
     */
    std::unordered_map<std::string, ObjectAddress> addresses;
};

/** Lists `group` once for both kinds (external links are not followed). */
Members listMembers(hid_t group, Site const& site);
} // namespace openPMD::hdf5
