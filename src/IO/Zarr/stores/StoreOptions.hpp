#pragma once

// Checks of the `store` options section shared by the built-in stores.

#include <nlohmann/json.hpp>

#include <set>
#include <string>

namespace openPMD::zarrstore
{
/**
 * Parses the store section (inline JSON) and refuses keys outside `known`
 * ("type" is always allowed).
 * @throws error::BackendConfigSchema naming the unknown key and the store type.
 */
nlohmann::json parseStoreOptions(std::string const& text, std::string const& storeType,
                                 std::set<std::string> const& known);
} // namespace openPMD::zarrstore
