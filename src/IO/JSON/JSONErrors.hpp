#pragma once

// Error reporting of the JSON backend: every message names the file, the
// location inside the document (a JSON pointer such as /data/100/meshes/E)
// and what was expected.

#include "openPMD/Error.hpp"

#include <string>
#include <vector>

namespace openPMD::jsonio
{
/** The name Series::backend() reports and errors carry. */
inline constexpr char const* backendName = "JSON";

/** A JSON pointer for a node path: "/" for the root, else "/a/b". */
std::string jsonPointer(std::vector<std::string> const& segments);

/** "file '<file>', <jsonPath>: <what>" (without the location if empty). */
std::string locate(std::string const& file, std::string const& jsonPath,
                   std::string const& what);

[[noreturn]] void throwReadError(error::AffectedObject, error::Reason,
                                 std::string const& file, std::string const& jsonPath,
                                 std::string const& what);

[[noreturn]] void throwWriteError(error::AffectedObject, std::string const& file,
                                  std::string const& jsonPath, std::string const& what);

/** A request that cannot be right whatever the file holds. */
[[noreturn]] void throwUsageError(std::string const& file, std::string const& jsonPath,
                                  std::string const& what);

/**
 * Content of a file that does not fit the format, found while decoding.
 * Internal to the backend: it is turned into error::ReadError (or kept on
 * the node it concerns, see JSONNode) before it leaves the backend.
 */
struct ContentError
{
    /** JSON pointer of the offending value. */
    std::string jsonPath;
    /** What was expected and what was found. */
    std::string what;
};
} // namespace openPMD::jsonio
