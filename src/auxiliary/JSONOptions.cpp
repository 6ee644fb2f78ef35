#include "auxiliary/JSONOptions.hpp"
#include "auxiliary/UTF8.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/config.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

#if openPMD_HAVE_TOML
#include <toml.hpp>
#endif

namespace openPMD::auxiliary
{
namespace
{
std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

nlohmann::json lowercaseKeys(nlohmann::json const& value)
{
    if (value.is_object())
    {
        nlohmann::json result = nlohmann::json::object();
        for (auto const& [key, child] : value.items())
        {
            result[lowercase(key)] = lowercaseKeys(child);
        }
        return result;
    }
    if (value.is_array())
    {
        nlohmann::json result = nlohmann::json::array();
        for (auto const& child : value)
        {
            result.push_back(lowercaseKeys(child));
        }
        return result;
    }
    return value;
}

nlohmann::json parseJSON(std::string const& text, std::string const& origin)
{
    try
    {
        return nlohmann::json::parse(text);
    }
    catch (nlohmann::json::exception const& e)
    {
        throw error::BackendConfigSchema(
            {}, fmt::format("{} is not valid JSON: {}", origin, e.what()));
    }
}

#if openPMD_HAVE_TOML
nlohmann::json tomlToJSON(toml::value const& value)
{
    switch (value.type())
    {
    case toml::value_t::boolean:
        return value.as_boolean();
    case toml::value_t::integer:
        return value.as_integer();
    case toml::value_t::floating:
        return value.as_floating();
    case toml::value_t::string:
        return value.as_string().str;
    case toml::value_t::array:
    {
        nlohmann::json result = nlohmann::json::array();
        for (auto const& child : value.as_array())
        {
            result.push_back(tomlToJSON(child));
        }
        return result;
    }
    case toml::value_t::table:
    {
        nlohmann::json result = nlohmann::json::object();
        for (auto const& [key, child] : value.as_table())
        {
            result[key] = tomlToJSON(child);
        }
        return result;
    }
    default:
    {
        std::ostringstream text;
        text << value;
        return text.str();
    }
    }
}
#endif

nlohmann::json parseTOML(std::string const& text, std::string const& origin)
{
#if openPMD_HAVE_TOML
    // A TOML document must be UTF-8; toml11 3.7 reads past its buffer when
    // a literal string holds invalid UTF-8 (found by fuzz_options).
    if (!isValidUTF8(text))
    {
        throw error::BackendConfigSchema(
            {}, fmt::format("{} is not valid TOML: it is not valid UTF-8", origin));
    }
    try
    {
        std::istringstream stream(text);
        return tomlToJSON(toml::parse(stream, origin));
    }
    catch (std::exception const& e)
    {
        throw error::BackendConfigSchema(
            {}, fmt::format("{} is not valid TOML: {}", origin, e.what()));
    }
#else
    throw error::BackendConfigSchema(
        {}, fmt::format(
                "{} is not inline JSON (it does not start with '{{') and this build has "
                "no TOML support (configure with openPMD_USE_TOML=ON and libtoml11-dev)",
                origin));
#endif
}

std::string readWholeFile(std::string const& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
    {
        throw error::ReadError(error::AffectedObject::File, error::Reason::Inaccessible,
                               std::nullopt,
                               fmt::format("cannot open options file '{}'", path));
    }
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

bool endsWith(std::string const& s, std::string const& end)
{
    return s.size() >= end.size() &&
           s.compare(s.size() - end.size(), end.size(), end) == 0;
}
} // namespace

nlohmann::json parseOptions(std::string const& options)
{
    auto const first = options.find_first_not_of(" \t\r\n");
    nlohmann::json parsed;
    if (first == std::string::npos)
    {
        parsed = nlohmann::json::object();
    }
    else if (options[first] == '@')
    {
        auto const last = options.find_last_not_of(" \t\r\n");
        std::string const path = options.substr(first + 1, last - first);
        std::string const text = readWholeFile(path);
        parsed = endsWith(path, ".toml") ? parseTOML(text, "options file '" + path + "'")
                                         : parseJSON(text, "options file '" + path + "'");
    }
    else if (options[first] == '{')
    {
        parsed = parseJSON(options, "the options string");
    }
    else
    {
        parsed = parseTOML(options, "the options string");
    }
    if (!parsed.is_object())
    {
        throw error::BackendConfigSchema(
            {},
            fmt::format("options must be a JSON/TOML object, got '{}'", parsed.dump()));
    }
    return lowercaseKeys(parsed);
}

std::vector<std::string> reportUnknownKeys(nlohmann::json const& object,
                                           std::set<std::string> const& known,
                                           std::string const& location)
{
    std::vector<std::string> unknown;
    if (!object.is_object())
    {
        return unknown;
    }
    for (auto const& item : object.items())
    {
        if (known.count(item.key()) == 0)
        {
            unknown.push_back(item.key());
            std::cerr << fmt::format(
                "[libopenPMD] Warning: option '{}{}' is not known and remains unused\n",
                location.empty() ? std::string() : location + ".", item.key());
        }
    }
    return unknown;
}
} // namespace openPMD::auxiliary
