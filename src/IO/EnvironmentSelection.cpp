#include "IO/EnvironmentSelection.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace openPMD::internal
{
nlohmann::json optionsWithEnvironment(nlohmann::json own)
{
    char const* fromEnvironment = std::getenv("OPENPMD_OPTIONS");
    if (fromEnvironment == nullptr || *fromEnvironment == '\0')
    {
        return own;
    }
    nlohmann::json merged;
    try
    {
        merged = auxiliary::parseOptions(fromEnvironment);
    }
    catch (error::BackendConfigSchema const& e)
    {
        throw error::BackendConfigSchema(
            {"OPENPMD_OPTIONS"},
            fmt::format("the environment variable OPENPMD_OPTIONS does not parse: {}",
                        e.what()));
    }
    auxiliary::mergeOptions(merged, own);
    return merged;
}

BackendRow const* environmentBackend()
{
    char const* name = std::getenv("OPENPMD_BACKEND");
    if (name == nullptr || *name == '\0')
    {
        return nullptr;
    }
    auto const* row = BackendRegistry::findByName(name);
    if (row == nullptr)
    {
        std::string known;
        for (auto const& candidate : BackendRegistry::rows())
        {
            if (candidate.available && !candidate.configKey.empty())
            {
                known += (known.empty() ? "" : ", ") + candidate.configKey;
            }
        }
        throw error::BackendConfigSchema(
            {"OPENPMD_BACKEND"},
            fmt::format("the environment variable OPENPMD_BACKEND names the backend "
                        "'{}', which is not registered (registered: {}; a plugin's "
                        "backend needs OPENPMD_PLUGINS or OPENPMD_PLUGIN_PATH)",
                        name, known));
    }
    return row;
}
} // namespace openPMD::internal
