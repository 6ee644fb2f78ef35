#include "auxiliary/JSONOptions.hpp"
#include "openPMD/auxiliary/JSON.hpp"
#include "openPMD/config.hpp"

#include <sstream>

#if openPMD_HAVE_TOML
#include <toml.hpp>
#endif

namespace openPMD::auxiliary
{
void mergeOptions(nlohmann::json& target, nlohmann::json const& source)
{
    if (!target.is_object() || !source.is_object())
    {
        target = source;
        return;
    }
    for (auto const& [key, value] : source.items())
    {
        if (value.is_null())
        {
            target.erase(key);
        }
        else if (value.is_object() && target.contains(key) && target[key].is_object())
        {
            mergeOptions(target[key], value);
        }
        else
        {
            target[key] = value;
        }
    }
}
} // namespace openPMD::auxiliary

namespace openPMD::json
{
namespace
{
bool isTOML(std::string const& options)
{
    auto const first = options.find_first_not_of(" \t\r\n");
    return first != std::string::npos && options[first] != '{' && options[first] != '@';
}

#if openPMD_HAVE_TOML
toml::value toTOML(nlohmann::json const& value)
{
    if (value.is_object())
    {
        toml::table table;
        for (auto const& [key, child] : value.items())
        {
            table.emplace(key, toTOML(child));
        }
        return table;
    }
    if (value.is_array())
    {
        toml::array array;
        for (auto const& child : value)
        {
            array.push_back(toTOML(child));
        }
        return array;
    }
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_number())
        return value.get<double>();
    if (value.is_string())
        return value.get<std::string>();
    return toml::value{};
}
#endif
} // namespace

std::string merge(std::string const& defaults, std::string const& overwrite)
{
    nlohmann::json result = auxiliary::parseOptions(defaults);
    auxiliary::mergeOptions(result, auxiliary::parseOptions(overwrite));
#if openPMD_HAVE_TOML
    if (isTOML(defaults))
    {
        std::ostringstream out;
        out << toTOML(result);
        return out.str();
    }
#else
    (void)isTOML;
#endif
    return result.dump();
}
} // namespace openPMD::json
