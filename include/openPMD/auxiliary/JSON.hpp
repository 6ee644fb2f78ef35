#pragma once

#include <string>

namespace openPMD::json
{
/**
 * Merge two option strings (inline JSON or TOML, see Series options):
 * objects are merged recursively, a value in `overwrite` replaces the one in
 * `defaults` (arrays are replaced, not concatenated), and a null in
 * `overwrite` removes the key. The result is JSON, or TOML if `defaults`
 * was TOML.
 * @throws error::BackendConfigSchema if either string does not parse.
 */
std::string merge(std::string const& defaults, std::string const& overwrite);
} // namespace openPMD::json
