#pragma once

// Parsing of option strings (Series options, Dataset::options, per-flush
// configuration). Private: nlohmann::json never appears in public headers.

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace openPMD::auxiliary
{
/**
 * Parses an option string: inline JSON if it starts with '{' (after blanks),
 * "@path" to read a JSON or TOML file (by its extension), TOML otherwise.
 * Keys are lower-cased. An empty string gives an empty object.
 * @throws error::BackendConfigSchema if it does not parse or is no object.
 */
nlohmann::json parseOptions(std::string const& options);

/**
 * Reports keys of `object` that are not in `known` on stderr, naming their
 * location (e.g. "json.dataset"), so that no option is silently dropped.
 * @return the unknown keys.
 */
/**
 * Merges `source` into `target`: objects key by key (recursively), any other
 * value replaces the target's; a null value removes the key.
 */
void mergeOptions(nlohmann::json& target, nlohmann::json const& source);

std::vector<std::string> reportUnknownKeys(nlohmann::json const& object,
                                           std::set<std::string> const& known,
                                           std::string const& location);
} // namespace openPMD::auxiliary
