#pragma once

// The parsed form of a JSON text before it is turned into the document tree
// (JSONNode), and the pieces of a file that are kept as read (verbatim).

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace openPMD::jsonio
{
/**
 * nlohmann::json with long double numbers, so that long doubles keep their
 * precision. A number literal whose value as float or double would differ
 * from rounding the literal directly (double rounding through long double)
 * is kept as its text, stored as a `binary` value, which JSON text can
 * never produce otherwise; use floatLiteral() to read numbers.
 */
using RawJSON = nlohmann::basic_json<std::map, std::vector, std::string, bool,
                                     std::int64_t, std::uint64_t, long double>;

/** Why a text is not JSON: byte offset, line, column and parser message. */
struct JSONSyntaxError
{
    size_t byte = 0;
    size_t line = 1;
    size_t column = 1;
    std::string message;
};

/** Parses `text`; on a syntax error fills `error` and returns nullopt. */
std::optional<RawJSON> parseRawJSON(std::string const& text, JSONSyntaxError& error);

/** True for a number literal: integer, float or kept-as-text float. */
bool isNumber(RawJSON const&);

/**
 * The value of a number literal as Float, correctly rounded from the
 * literal. Empty if `value` is no number.
 */
template <typename Float>
std::optional<Float> floatLiteral(RawJSON const& value);

/** Appends `value` as compact JSON text (sorted keys), as written to files. */
void appendRawJSON(std::string& out, RawJSON const& value);

/** A short description for error messages, e.g. `string "abc"` or `array of 3`. */
std::string describe(RawJSON const& value);
} // namespace openPMD::jsonio
