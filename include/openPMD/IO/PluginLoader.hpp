#pragma once

#include <string>
#include <vector>

namespace openPMD
{
/** A backend plugin that this process has loaded. */
struct LoadedPlugin
{
    /** The name its descriptor gives. */
    std::string name;
    /** The file it was loaded from, as given or as found. */
    std::string path;
    /** Names of the backends it registered. */
    std::vector<std::string> backends;
};

/**
 * Loads a backend plugin (see BackendPlugin.hpp) and registers its backends.
 * A file loaded before (the same file by any path) is not loaded again.
 * Plugins stay loaded until the process ends.
 *
 * @param nameOrPath a path (it contains '/' or ends in ".so") or a plugin
 *        name, looked for as libopenPMD_plugin_<name>.so in the directories
 *        of OPENPMD_PLUGIN_PATH, then in openPMD/plugins beside the loaded
 *        libopenPMD.so, then in the installed plugin directory
 * @throws error::PluginLoad naming the file: not found, not a shared
 *         library, no descriptor, another plugin ABI or build, or a backend
 *         name or extension that is already taken
 */
LoadedPlugin loadBackendPlugin(std::string const& nameOrPath);

/** The plugins loaded so far, in load order. */
std::vector<LoadedPlugin> loadedBackendPlugins();

/**
 * Loads the plugins the environment selects, once per process (thread-safe):
 * OPENPMD_PLUGINS (comma-separated names or paths) if set, else every
 * libopenPMD_plugin_*.so in the directories of OPENPMD_PLUGIN_PATH
 * (colon-separated). Every Series and createIOHandler calls it first; after
 * a failure (error::PluginLoad) the next call tries again.
 */
void loadPluginsFromEnvironment();

/** Where `cmake --install` puts plugins: <libdir>/openPMD/plugins. */
std::string installedPluginDirectory();
} // namespace openPMD
