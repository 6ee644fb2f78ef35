#include "TestedExtensions.hpp"

#include "RecordingBackend.hpp"

#include <openPMD/IO/BackendRegistry.hpp>
#include <openPMD/IO/PluginLoader.hpp>
#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#if openPMD_TEST_MEMORY_BACKEND
#include <MemoryBackend.hpp>
#endif

namespace frontendtest
{
using namespace openPMD;

namespace
{
std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/**
 * OPENPMD_FRONTEND_BACKENDS=pymemory,pysqlite: only these backends (row name
 * or config key), e.g. the Python connectors that the python plugin registers
 * (test/frontend/CMakeLists.txt). Their extensions, in the order named; the
 * recording backend stays registered for the tests that use it directly.
 */
std::vector<std::string> requestedExtensions(std::string const& list)
{
    // Rows of plugins appear only once the environment's plugins are loaded.
    loadPluginsFromEnvironment();
    std::vector<std::string> result;
    std::istringstream names(list);
    std::string name;
    while (std::getline(names, name, ','))
    {
        if (name.empty())
            continue;
        BackendRow const* row = BackendRegistry::findByName(name);
        if (row == nullptr || row->extensions.empty())
        {
            FAIL("OPENPMD_FRONTEND_BACKENDS names backend '"
                 << name << "', which is not registered (plugins loaded: "
                 << loadedBackendPlugins().size() << ")");
        }
        result.push_back(row->extensions.front().substr(1));
    }
    return result;
}
} // namespace

std::vector<std::string> testedExtensions()
{
    std::string const first = memtest::registerBackend();
#if openPMD_TEST_MEMORY_BACKEND
    memory_backend::registerMemoryBackend();
#endif
    if (char const* requested = std::getenv("OPENPMD_FRONTEND_BACKENDS");
        requested != nullptr && *requested != '\0')
    {
        return requestedExtensions(lowercase(requested));
    }
    std::vector<std::string> result{first};
    for (auto const& ext : getFileExtensions())
    {
        if (ext == "memtest")
            continue;
        try
        {
            createIOHandler("frontend_probe", Access::CREATE,
                            determineFormat("x." + ext));
            result.push_back(ext);
        }
        catch (error::OperationUnsupportedInBackend const&)
        {
            WARN("backend for ." << ext << " is not implemented yet: not tested");
        }
    }
    return result;
}

bool fileExists(std::string const& path)
{
    std::filesystem::path const file(path);
    BackendRow const* row = BackendRegistry::findByFilename(path);
    if (row == nullptr || !row->listFiles)
    {
        return std::filesystem::exists(file);
    }
    auto const names = row->listFiles(file.parent_path().string());
    return std::find(names.begin(), names.end(), file.filename().string()) != names.end();
}

std::string freshDir(std::string const& name)
{
    std::filesystem::remove_all(name);
    std::filesystem::create_directories(name);
    return name;
}

std::size_t countLog(std::string const& prefix)
{
    auto const& log = memtest::log();
    return static_cast<std::size_t>(std::count_if(log.begin(), log.end(),
                                                  [&](std::string const& e)
                                                  { return e.rfind(prefix, 0) == 0; }));
}
} // namespace frontendtest
