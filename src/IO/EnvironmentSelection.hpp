#pragma once

// The environment variables that redirect an unchanged application's Series:
// OPENPMD_OPTIONS (options merged under every Series' own) and
// OPENPMD_BACKEND (the backend of every Series whose options name none).
// docs/plugins.md gives the precedence.

#include "openPMD/IO/BackendRegistry.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace openPMD::internal
{
/**
 * The Series' options (parsed) with those of OPENPMD_OPTIONS (JSON, TOML or @file)
 * merged under them: the Series' own keys win.
 * @throws error::BackendConfigSchema naming the variable if it does not parse
 */
nlohmann::json optionsWithEnvironment(nlohmann::json ownOptions);

/**
 * The backend OPENPMD_BACKEND names (name or config key, any case); null if
 * the variable is unset or empty.
 * @throws error::BackendConfigSchema if no registered backend has that name
 */
BackendRow const* environmentBackend();
} // namespace openPMD::internal
