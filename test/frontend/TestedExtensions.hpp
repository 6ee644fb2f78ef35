#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace frontendtest
{
/**
 * Extensions to run frontend tests on: the recording backend ("memtest"),
 * the example memory backend if built, and every built backend that works.
 * With OPENPMD_FRONTEND_BACKENDS=name,... only the named backends (after
 * loading the plugins the environment selects), e.g. the Python connectors.
 */
std::vector<std::string> testedExtensions();

/**
 * Whether the backend of the path's extension has the file: listed by the
 * backend's own listFiles (backends keeping files in memory, connectors),
 * else on disk.
 */
bool fileExists(std::string const& path);

/** Removes and recreates the directory `name`; returns it. */
std::string freshDir(std::string const& name);

/** How many entries of the recording backend's log start with `prefix`. */
std::size_t countLog(std::string const& prefix);
} // namespace frontendtest
