#pragma once

// Reading environment variables with a fallback (openPMD-api compatible
// helpers, used by user programs such as the parallel benchmarks).

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace openPMD::auxiliary
{
/** The environment variable `key`, or `defaultValue` when it is not set. */
inline std::string getEnvString(std::string const& key, std::string const defaultValue)
{
    char const* value = std::getenv(key.c_str());
    return value == nullptr ? defaultValue : std::string(value);
}

/**
 * The environment variable `key` read as an int (leading digits, as
 * std::stoi reads them); `defaultValue` when it is not set, does not start
 * with a number or does not fit an int.
 */
inline int getEnvNum(std::string const& key, int defaultValue)
{
    char const* value = std::getenv(key.c_str());
    if (value == nullptr)
    {
        return defaultValue;
    }
    try
    {
        return std::stoi(value);
    }
    catch (std::invalid_argument const&)
    {
        return defaultValue;
    }
    catch (std::out_of_range const&)
    {
        return defaultValue;
    }
}
} // namespace openPMD::auxiliary
