#pragma once

// Text-level encoding of JSON scalars as the JSON backend writes them:
// numbers in the layout nlohmann::json (and thus openPMD-api) prints, the
// non-finite encodings, and string escaping. Locale independent throughout.

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "auxiliary/UTF8.hpp"

namespace openPMD::jsonio
{
/** The strings that stand for non-finite floating-point values. */
inline constexpr std::string_view nanText = "NaN";
inline constexpr std::string_view infinityText = "Infinity";
inline constexpr std::string_view negativeInfinityText = "-Infinity";

/** Appends an integer (any width, also the char types) as a JSON number. */
template <typename Int>
void appendInteger(std::string& out, Int value)
{
    static_assert(std::is_integral_v<Int>);
    char buffer[24];
    auto const result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    out.append(buffer, result.ptr);
}

/**
 * Appends a floating-point value: finite values as a JSON number with the
 * shortest digits that read back to the same value of type Float, laid out
 * like nlohmann::json prints (always a '.' or an exponent: 1.0, 0.0001,
 * 1e-05, 1.5e+20); NaN and +-infinity as the JSON strings "NaN", "Infinity",
 * "-Infinity"; long doubles beyond the range of double as a JSON string of
 * the number (a plain number would make double-based readers reject the
 * whole file).
 */
template <typename Float>
void appendFloat(std::string& out, Float value);

/** Appends `text` as a quoted JSON string, escaped like nlohmann::json. */
void appendString(std::string& out, std::string_view text);

/** True if `text` is valid UTF-8 (JSON text must be). */
using auxiliary::isValidUTF8;

/**
 * Parses a JSON number literal into Float, correctly rounded for that type;
 * magnitudes beyond its range become +-infinity or +-0. Empty if `text` is
 * no number.
 */
template <typename Float>
std::optional<Float> parseFloatLiteral(std::string_view text);

/**
 * Parses the string form of a floating-point value: "NaN", "Infinity",
 * "-Infinity" (case-insensitive, also "inf", "+inf", "nan") or a number
 * literal. Empty if `text` is none of these.
 */
template <typename Float>
std::optional<Float> parseFloatString(std::string_view text);
} // namespace openPMD::jsonio
