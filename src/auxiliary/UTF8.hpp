#pragma once

#include <string>
#include <string_view>

namespace openPMD::auxiliary
{
/**
 * True if `text` is valid UTF-8: no overlong forms, no surrogates, nothing
 * above U+10FFFF. JSON text and TOML documents must be.
 */
bool isValidUTF8(std::string_view text);

/**
 * `text` safe to print on one line: bytes that are not valid UTF-8 and
 * control characters (newlines too) become \xNN. For messages that quote
 * file content.
 */
std::string printable(std::string_view text);
} // namespace openPMD::auxiliary
