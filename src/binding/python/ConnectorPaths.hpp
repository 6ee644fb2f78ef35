#pragma once

#include <string>

namespace openPMD::python
{
/** True if `relative` names no segment ("", "/", "//"). */
bool isEmptyPath(std::string const& relative);
/**
 * The absolute path of `relative` (segments separated by '/', repeated
 * slashes ignored) below the absolute path `base` ("/" for the root).
 */
std::string joinPath(std::string const& base, std::string const& relative);
} // namespace openPMD::python
