#pragma once

#include <string_view>

namespace openPMD::auxiliary
{
/**
 * True if `text` is valid UTF-8: no overlong forms, no surrogates, nothing
 * above U+10FFFF. JSON text and TOML documents must be.
 */
bool isValidUTF8(std::string_view text);
} // namespace openPMD::auxiliary
