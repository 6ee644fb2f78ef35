#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace frontendtest
{
/**
 * Extensions to run frontend tests on: the recording backend ("memtest"),
 * the example memory backend if built, and every built backend that works.
 */
std::vector<std::string> testedExtensions();

/** Removes and recreates the directory `name`; returns it. */
std::string freshDir(std::string const& name);

/** How many entries of the recording backend's log start with `prefix`. */
std::size_t countLog(std::string const& prefix);
} // namespace frontendtest
