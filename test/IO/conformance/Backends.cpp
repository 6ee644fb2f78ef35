#include "Backends.hpp"

#include "MemoryBackend.hpp"

#include <openPMD/Error.hpp>
#include <openPMD/IO/AbstractIOHandlerHelper.hpp>
#include <openPMD/IO/BackendRegistry.hpp>
#include <openPMD/IO/PluginLoader.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

namespace conformance
{
namespace
{
std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/** The names in OPENPMD_CONFORMANCE_BACKENDS, lower-cased; none if unset. */
std::optional<std::vector<std::string>> requestedNames()
{
    char const* value = std::getenv("OPENPMD_CONFORMANCE_BACKENDS");
    if (value == nullptr || std::string(value).empty())
    {
        return std::nullopt;
    }
    std::vector<std::string> names;
    std::string const list = value;
    size_t begin = 0;
    while (begin <= list.size())
    {
        size_t end = std::min(list.find(',', begin), list.size());
        std::string name = list.substr(begin, end - begin);
        name.erase(0, name.find_first_not_of(" \t"));
        name.erase(name.find_last_not_of(" \t") + 1);
        if (!name.empty())
        {
            names.push_back(lowercase(name));
        }
        begin = end + 1;
    }
    return names;
}

/** Why the row's factory refuses to build a handler, if it is a placeholder. */
std::optional<std::string> placeholderReason(openPMD::BackendRow const& row)
{
    try
    {
        openPMD::createIOHandler("conformance_data/probe", openPMD::Access::CREATE,
                                 row.format);
    }
    catch (openPMD::error::OperationUnsupportedInBackend const& e)
    {
        return std::string(e.what());
    }
    return std::nullopt;
}

BackendSelection select()
{
    // The plugins the environment selects (e.g. the python plugin with
    // OPENPMD_PYTHON_CONNECTOR) register their rows before the rows are read.
    openPMD::loadPluginsFromEnvironment();
    memory_backend::registerMemoryBackend();
    auto const requested = requestedNames();
    std::vector<std::string> unmatched = requested.value_or(std::vector<std::string>{});

    BackendSelection selection;
    for (auto const& row : openPMD::BackendRegistry::rows())
    {
        if (!row.available || !row.create || row.name.empty() || row.extensions.empty() ||
            row.name == "Dummy")
        {
            continue;
        }
        bool const named = requested && std::any_of(requested->begin(), requested->end(),
                                                    [&](auto const& n) {
                                                        return n == lowercase(row.name) ||
                                                               n == row.configKey;
                                                    });
        if (requested && !named)
        {
            continue;
        }
        unmatched.erase(std::remove_if(unmatched.begin(), unmatched.end(),
                                       [&](auto const& n) {
                                           return n == lowercase(row.name) ||
                                                  n == row.configKey;
                                       }),
                        unmatched.end());
        if (!named)
        {
            if (auto reason = placeholderReason(row))
            {
                std::cerr << "conformance: skipping backend " << row.name
                          << ", it is not implemented in this build: " << *reason << '\n';
                continue;
            }
        }
        selection.backends.push_back(
            {row.name, row.configKey, row.format, row.extensions.front()});
    }
    selection.unknownNames = std::move(unmatched);
    return selection;
}
} // namespace

BackendSelection const& selectBackends()
{
    static BackendSelection const selection = select();
    return selection;
}

std::string scratchDirectory(BackendUnderTest const& backend, std::string const& scenario)
{
    namespace fs = std::filesystem;
    fs::path const directory =
        fs::path("conformance_data") / backend.configKey / scenario;
    fs::remove_all(directory);
    fs::create_directories(directory);
    return directory.string();
}
} // namespace conformance
