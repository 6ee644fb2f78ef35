#include "IO/JSON/JSONText.hpp"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <limits>

namespace openPMD::jsonio
{
namespace
{
// Decimal exponents between these limits print without exponent, as in
// nlohmann::json (which took them from its version 2 for stability).
constexpr int minPlainExponent = -4;
constexpr int maxPlainExponent = std::numeric_limits<double>::digits10;

void appendExponent(std::string& out, int exponent)
{
    out += exponent < 0 ? '-' : '+';
    int const magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10)
    {
        out += '0';
    }
    appendInteger(out, magnitude);
}

/**
 * Lays out `digits` (no leading zero) times 10^(n - digits.size()) the
 * way nlohmann::json's dtoa does.
 */
void appendLayout(std::string& out, std::string_view digits, int n)
{
    int const k = static_cast<int>(digits.size());
    if (k <= n && n <= maxPlainExponent)
    {
        // digits[000].0
        out.append(digits);
        out.append(static_cast<size_t>(n - k), '0');
        out += ".0";
    }
    else if (0 < n && n <= maxPlainExponent)
    {
        // dig.its
        out.append(digits.substr(0, static_cast<size_t>(n)));
        out += '.';
        out.append(digits.substr(static_cast<size_t>(n)));
    }
    else if (minPlainExponent < n && n <= 0)
    {
        // 0.[000]digits
        out += "0.";
        out.append(static_cast<size_t>(-n), '0');
        out.append(digits);
    }
    else
    {
        // d[.igits]e+123
        out += digits[0];
        if (k > 1)
        {
            out += '.';
            out.append(digits.substr(1));
        }
        out += 'e';
        appendExponent(out, n - 1);
    }
}

template <typename Float>
void appendFiniteNumber(std::string& out, Float value)
{
    if (value == 0)
    {
        out += std::signbit(value) ? "-0.0" : "0.0";
        return;
    }
    // Shortest round-trip digits in the form "-d.ddde+XX".
    char buffer[64];
    auto const result = std::to_chars(buffer, buffer + sizeof(buffer), value,
                                      std::chars_format::scientific);
    std::string_view const text(buffer, static_cast<size_t>(result.ptr - buffer));
    size_t position = 0;
    if (text[0] == '-')
    {
        out += '-';
        position = 1;
    }
    auto const ePosition = text.find('e');
    std::string digits;
    for (size_t i = position; i < ePosition; ++i)
    {
        if (text[i] != '.')
        {
            digits += text[i];
        }
    }
    int exponent = 0;
    auto const exponentStart = text.data() + ePosition + 1;
    auto const exponentBegin = *exponentStart == '+' ? exponentStart + 1 : exponentStart;
    std::from_chars(exponentBegin, text.data() + text.size(), exponent);
    appendLayout(out, digits, exponent + 1);
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(),
                      [](char x, char y)
                      {
                          return std::tolower(static_cast<unsigned char>(x)) ==
                                 std::tolower(static_cast<unsigned char>(y));
                      });
}
} // namespace

template <typename Float>
void appendFloat(std::string& out, Float value)
{
    if (std::isnan(value))
    {
        out += '"';
        out += nanText;
        out += '"';
        return;
    }
    if (std::isinf(value))
    {
        out += '"';
        out += value > 0 ? infinityText : negativeInfinityText;
        out += '"';
        return;
    }
    if constexpr (std::is_same_v<Float, long double>)
    {
        if (std::fabs(value) > static_cast<long double>(DBL_MAX))
        {
            out += '"';
            appendFiniteNumber(out, value);
            out += '"';
            return;
        }
    }
    appendFiniteNumber(out, value);
}

template void appendFloat<float>(std::string&, float);
template void appendFloat<double>(std::string&, double);
template void appendFloat<long double>(std::string&, long double);

void appendString(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char const c : text)
    {
        auto const byte = static_cast<unsigned char>(c);
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (byte < 0x20)
            {
                out += "\\u00";
                out += hex[byte >> 4];
                out += hex[byte & 0xf];
            }
            else
            {
                out += c;
            }
        }
    }
    out += '"';
}

template <typename Float>
std::optional<Float> parseFloatLiteral(std::string_view text)
{
    Float value{};
    auto const* end = text.data() + text.size();
    auto const result = std::from_chars(text.data(), end, value);
    if (result.ptr != end || text.empty())
    {
        return std::nullopt;
    }
    if (result.ec == std::errc::result_out_of_range)
    {
        // from_chars leaves the value alone then: decide between overflow
        // and underflow by the sign of the decimal exponent.
        bool const negative = text[0] == '-';
        auto const e = text.find_first_of("eE");
        bool const tiny =
            e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
        Float const magnitude = tiny ? Float(0) : std::numeric_limits<Float>::infinity();
        return negative ? -magnitude : magnitude;
    }
    if (result.ec != std::errc())
    {
        return std::nullopt;
    }
    return value;
}

template <typename Float>
std::optional<Float> parseFloatString(std::string_view text)
{
    std::string_view unsigned_text = text;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+'))
    {
        negative = text[0] == '-';
        unsigned_text = text.substr(1);
    }
    if (equalsIgnoringCase(unsigned_text, nanText))
    {
        return std::numeric_limits<Float>::quiet_NaN();
    }
    if (equalsIgnoringCase(unsigned_text, infinityText) ||
        equalsIgnoringCase(unsigned_text, "inf"))
    {
        Float const infinity = std::numeric_limits<Float>::infinity();
        return negative ? -infinity : infinity;
    }
    return parseFloatLiteral<Float>(text);
}

template std::optional<float> parseFloatLiteral<float>(std::string_view);
template std::optional<double> parseFloatLiteral<double>(std::string_view);
template std::optional<long double> parseFloatLiteral<long double>(std::string_view);
template std::optional<float> parseFloatString<float>(std::string_view);
template std::optional<double> parseFloatString<double>(std::string_view);
template std::optional<long double> parseFloatString<long double>(std::string_view);
} // namespace openPMD::jsonio
