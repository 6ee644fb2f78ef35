#pragma once

#include <string>
#include <vector>

namespace frontendtest
{
/**
 * Extensions to run frontend tests on: the recording backend ("memtest"),
 * the example memory backend if built, and every built backend that works.
 */
std::vector<std::string> testedExtensions();
} // namespace frontendtest
