#include "openPMD/IO/PluginLoader.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/BackendPlugin.hpp"
#include "openPMD/IO/BackendRegistry.hpp"

#include <algorithm>
#include <cstdlib>
#include <dirent.h>
#include <dlfcn.h>
#include <fmt/format.h>
#include <limits.h>
#include <mutex>
#include <sys/stat.h>

#ifndef OPENPMD_INSTALLED_PLUGIN_DIR
#define OPENPMD_INSTALLED_PLUGIN_DIR ""
#endif

namespace openPMD
{
namespace
{
struct PluginTable
{
    std::recursive_mutex mutex;
    std::vector<LoadedPlugin> loaded;
    /** Canonical paths of the files in `loaded`, same order. */
    std::vector<std::string> canonicalPaths;
    bool environmentDone = false;
};

PluginTable& table()
{
    static PluginTable plugins;
    return plugins;
}

std::vector<std::string> split(std::string const& list, char separator)
{
    std::vector<std::string> parts;
    std::string::size_type begin = 0;
    while (begin <= list.size())
    {
        auto end = list.find(separator, begin);
        if (end == std::string::npos)
        {
            end = list.size();
        }
        std::string part = list.substr(begin, end - begin);
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t") + 1);
        if (!part.empty())
        {
            parts.push_back(std::move(part));
        }
        begin = end + 1;
    }
    return parts;
}

std::string environment(char const* name)
{
    char const* value = std::getenv(name);
    return value ? value : "";
}

bool isFile(std::string const& path)
{
    struct stat info
    {
    };
    return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

bool looksLikePath(std::string const& nameOrPath)
{
    return nameOrPath.find('/') != std::string::npos ||
           (nameOrPath.size() > 3 &&
            nameOrPath.compare(nameOrPath.size() - 3, 3, ".so") == 0);
}

std::string fileNameOf(std::string const& pluginName)
{
    return "libopenPMD_plugin_" + pluginName + ".so";
}

/** openPMD/plugins beside the loaded libopenPMD.so (an install moved elsewhere). */
std::string pluginDirectoryBesideLibrary()
{
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&installedPluginDirectory), &info) == 0 ||
        info.dli_fname == nullptr)
    {
        return {};
    }
    std::string const library = info.dli_fname;
    auto const slash = library.find_last_of('/');
    return slash == std::string::npos ? std::string()
                                      : library.substr(0, slash) + "/openPMD/plugins";
}

std::vector<std::string> searchDirectories()
{
    auto dirs = split(environment("OPENPMD_PLUGIN_PATH"), ':');
    for (auto const& dir : {pluginDirectoryBesideLibrary(), installedPluginDirectory()})
    {
        if (!dir.empty() && std::find(dirs.begin(), dirs.end(), dir) == dirs.end())
        {
            dirs.push_back(dir);
        }
    }
    return dirs;
}

std::string resolve(std::string const& nameOrPath)
{
    if (looksLikePath(nameOrPath))
    {
        if (!isFile(nameOrPath))
        {
            throw error::PluginLoad(nameOrPath, "no such file");
        }
        return nameOrPath;
    }
    auto const dirs = searchDirectories();
    for (auto const& dir : dirs)
    {
        std::string const candidate = dir + "/" + fileNameOf(nameOrPath);
        if (isFile(candidate))
        {
            return candidate;
        }
    }
    std::string searched;
    for (auto const& dir : dirs)
    {
        searched += (searched.empty() ? "" : ", ") + dir;
    }
    throw error::PluginLoad(
        nameOrPath,
        fmt::format("no file {} in the plugin directories ({}; set OPENPMD_PLUGIN_PATH)",
                    fileNameOf(nameOrPath), searched.empty() ? "none" : searched));
}

std::string canonical(std::string const& path)
{
    char resolved[PATH_MAX];
    return realpath(path.c_str(), resolved) ? std::string(resolved) : path;
}

std::string describeFlags(std::uint32_t flags)
{
    return fmt::format(
        "MPI {}, {} std::string", (flags & plugin_build_flags::mpi) ? "on" : "off",
        (flags & plugin_build_flags::cxx11StringABI) ? "C++11" : "pre-C++11");
}

/** Checks the descriptor's fixed fields; nothing of the plugin runs before. */
BackendPluginDescriptor const& checkedDescriptor(void* handle, std::string const& path)
{
    auto const* descriptor = static_cast<BackendPluginDescriptor const*>(
        dlsym(handle, OPENPMD_BACKEND_PLUGIN_SYMBOL));
    if (descriptor == nullptr)
    {
        throw error::PluginLoad(
            path, fmt::format("it exports no symbol '{}' (is it a libopenPMD plugin? "
                              "declare it with OPENPMD_BACKEND_PLUGIN)",
                              OPENPMD_BACKEND_PLUGIN_SYMBOL));
    }
    if (descriptor->abiVersion != OPENPMD_PLUGIN_ABI_VERSION)
    {
        throw error::PluginLoad(
            path, fmt::format("built for plugin ABI version {}, this libopenPMD has "
                              "version {}; rebuild the plugin against this libopenPMD",
                              descriptor->abiVersion, OPENPMD_PLUGIN_ABI_VERSION));
    }
    if (descriptor->buildFlags != plugin_build_flags::current())
    {
        throw error::PluginLoad(
            path, fmt::format("built with {}, this libopenPMD with {}",
                              describeFlags(descriptor->buildFlags),
                              describeFlags(plugin_build_flags::current())));
    }
    if (descriptor->name == nullptr || descriptor->registerBackends == nullptr)
    {
        throw error::PluginLoad(path,
                                "its descriptor has no name or no register function");
    }
    return *descriptor;
}

std::vector<std::string> backendNamesFrom(std::size_t firstRow)
{
    std::vector<std::string> names;
    auto const& rows = BackendRegistry::rows();
    for (std::size_t i = firstRow; i < rows.size(); ++i)
    {
        if (!rows[i].name.empty())
        {
            names.push_back(rows[i].name);
        }
    }
    return names;
}

LoadedPlugin loadResolved(std::string const& path)
{
    auto& plugins = table();
    std::string const canonicalPath = canonical(path);
    auto known = std::find(plugins.canonicalPaths.begin(), plugins.canonicalPaths.end(),
                           canonicalPath);
    if (known != plugins.canonicalPaths.end())
    {
        return plugins
            .loaded[static_cast<std::size_t>(known - plugins.canonicalPaths.begin())];
    }
    // RTLD_LOCAL: two plugins may use the same internal names.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
    {
        char const* why = dlerror();
        throw error::PluginLoad(
            path, fmt::format("cannot load it: {}", why ? why : "unknown dlopen error"));
    }
    BackendPluginDescriptor const* descriptor = nullptr;
    try
    {
        descriptor = &checkedDescriptor(handle, path);
    }
    catch (...)
    {
        // None of its functions was called (only static initialisers ran
        // at dlopen, as for any library) and nothing was registered.
        dlclose(handle);
        throw;
    }
    std::size_t const rowsBefore = BackendRegistry::rows().size();
    try
    {
        descriptor->registerBackends();
    }
    catch (std::exception const& e)
    {
        // Its code may be referenced by rows registered before the failure:
        // the library stays loaded.
        throw error::PluginLoad(
            path, fmt::format("registering its backends failed: {}", e.what()));
    }
    catch (...)
    {
        throw error::PluginLoad(path, "registering its backends threw a non-standard "
                                      "exception");
    }
    LoadedPlugin plugin{descriptor->name, path, backendNamesFrom(rowsBefore)};
    plugins.loaded.push_back(plugin);
    plugins.canonicalPaths.push_back(canonicalPath);
    return plugin;
}

bool isLoaded(std::string const& pluginName)
{
    auto const& loaded = table().loaded;
    return std::any_of(loaded.begin(), loaded.end(),
                       [&](LoadedPlugin const& plugin)
                       { return plugin.name == pluginName; });
}

/**
 * OPENPMD_PYTHON_CONNECTOR asks for the `python` plugin: it is loaded (by
 * name, from the plugin directories) unless OPENPMD_PLUGINS or the directory
 * scan loaded it already. Its register function reads the variable.
 */
void loadPythonPluginForConnector()
{
    std::string const connector = environment("OPENPMD_PYTHON_CONNECTOR");
    if (connector.empty() || isLoaded("python"))
    {
        return;
    }
    try
    {
        loadResolved(resolve("python"));
    }
    catch (error::PluginLoad const& e)
    {
        if (std::string(e.what()).find("OPENPMD_PYTHON_CONNECTOR") != std::string::npos)
        {
            throw; // the plugin's own error names the variable
        }
        // Not found or not loadable (e.g. no libpython): name the variable
        // that asked for it and keep the loader's reason.
        std::string const prefix = "Backend plugin '" + e.path + "': ";
        std::string reason = e.what();
        if (reason.rfind(prefix, 0) == 0)
        {
            reason.erase(0, prefix.size());
        }
        throw error::PluginLoad(e.path, "OPENPMD_PYTHON_CONNECTOR='" + connector +
                                            "' needs this plugin: " + reason);
    }
}

std::vector<std::string> pluginFilesIn(std::string const& directory)
{
    std::vector<std::string> files;
    DIR* dir = opendir(directory.c_str());
    if (dir == nullptr)
    {
        throw error::PluginLoad(directory, "OPENPMD_PLUGIN_PATH names a directory that "
                                           "cannot be listed");
    }
    while (dirent* entry = readdir(dir))
    {
        std::string const name = entry->d_name;
        if (name.rfind("libopenPMD_plugin_", 0) == 0 && name.size() > 3 &&
            name.compare(name.size() - 3, 3, ".so") == 0)
        {
            files.push_back(directory + "/" + name);
        }
    }
    closedir(dir);
    std::sort(files.begin(), files.end());
    return files;
}
} // namespace

std::string installedPluginDirectory()
{
    return OPENPMD_INSTALLED_PLUGIN_DIR;
}

LoadedPlugin loadBackendPlugin(std::string const& nameOrPath)
{
    std::lock_guard<std::recursive_mutex> lock(table().mutex);
    return loadResolved(resolve(nameOrPath));
}

std::vector<LoadedPlugin> loadedBackendPlugins()
{
    std::lock_guard<std::recursive_mutex> lock(table().mutex);
    return table().loaded;
}

void loadPluginsFromEnvironment()
{
    auto& plugins = table();
    std::lock_guard<std::recursive_mutex> lock(plugins.mutex);
    if (plugins.environmentDone)
    {
        return;
    }
    std::string const selected = environment("OPENPMD_PLUGINS");
    if (!selected.empty())
    {
        for (auto const& entry : split(selected, ','))
        {
            loadResolved(resolve(entry));
        }
    }
    else
    {
        for (auto const& dir : split(environment("OPENPMD_PLUGIN_PATH"), ':'))
        {
            for (auto const& file : pluginFilesIn(dir))
            {
                loadResolved(file);
            }
        }
    }
    loadPythonPluginForConnector();
    plugins.environmentDone = true;
}
} // namespace openPMD
