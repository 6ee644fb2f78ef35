#pragma once

// The JSON type of Zarr metadata documents: nlohmann::json with long double
// numbers, so that long double attributes keep their digits when read.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace openPMD::zarr
{
using Json = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t,
                                  std::uint64_t, long double>;

/**
 * Parses a metadata document. Python's json module writes NaN, Infinity and
 * -Infinity as bare words (zarr-python's .zattrs, and this backend's); they
 * are read as those numbers. Throws std::invalid_argument with the parser's
 * message.
 */
Json parseDocument(std::string const& text);

/**
 * A JSON string literal of `text`, non-ASCII characters as \u escapes (zarr-python
 * reads metadata as ASCII); std::invalid_argument if `text` is not valid UTF-8.
 */
std::string quote(std::string const& text);
} // namespace openPMD::zarr
