#pragma once

// Encoding and decoding of single values (attribute values and dataset
// elements) between C++ types and JSON:
//   integers and the char types  -> JSON number ('c' -> 99)
//   float, double, long double   -> JSON number; "NaN", "Infinity", "-Infinity"
//   std::complex<F>              -> [re, im]
//   std::string                  -> JSON string
//   bool                         -> true / false
// Decoding is lenient where openPMD-api's files need it: integer literals for
// floating-point values, null for NaN, integral float literals for integers.

#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/JSONText.hpp"
#include "IO/JSON/RawJSON.hpp"

#include <cmath>
#include <complex>
#include <limits>
#include <string>
#include <type_traits>

namespace openPMD::jsonio
{
template <typename T>
struct IsComplexType : std::false_type
{
};
template <typename T>
struct IsComplexType<std::complex<T>> : std::true_type
{
};

template <typename T>
constexpr bool isCharType = std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
                            std::is_same_v<T, unsigned char>;

/** Appends one scalar value (see the table above). */
template <typename T>
void appendValue(std::string& out, T const& value)
{
    if constexpr (std::is_same_v<T, bool>)
    {
        out += value ? "true" : "false";
    }
    else if constexpr (std::is_same_v<T, std::string>)
    {
        appendString(out, value);
    }
    else if constexpr (isCharType<T>)
    {
        appendInteger(out, static_cast<int>(value));
    }
    else if constexpr (std::is_integral_v<T>)
    {
        appendInteger(out, value);
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        appendFloat(out, value);
    }
    else
    {
        static_assert(IsComplexType<T>::value, "no JSON encoding for this type");
        out += '[';
        appendFloat(out, value.real());
        out += ',';
        appendFloat(out, value.imag());
        out += ']';
    }
}

namespace detail
{
template <typename Int>
std::optional<Int> integerValue(RawJSON const& value)
{
    using Limits = std::numeric_limits<Int>;
    switch (value.type())
    {
    case RawJSON::value_t::number_unsigned:
    {
        auto const u = value.get_ref<RawJSON::number_unsigned_t const&>();
        if (u > static_cast<std::uint64_t>(Limits::max()))
        {
            return std::nullopt;
        }
        return static_cast<Int>(u);
    }
    case RawJSON::value_t::number_integer:
    {
        auto const i = value.get_ref<RawJSON::number_integer_t const&>();
        if constexpr (std::is_signed_v<Int>)
        {
            if (i < static_cast<std::int64_t>(Limits::min()) ||
                i > static_cast<std::int64_t>(Limits::max()))
            {
                return std::nullopt;
            }
        }
        else if (i < 0 || static_cast<std::uint64_t>(i) > Limits::max())
        {
            return std::nullopt;
        }
        return static_cast<Int>(i);
    }
    default:
    {
        // An integral float literal such as 3.0 is accepted.
        auto const f = floatLiteral<long double>(value);
        if (!f || !std::isfinite(*f) || *f != std::trunc(*f) ||
            *f < static_cast<long double>(Limits::min()) ||
            *f > static_cast<long double>(Limits::max()))
        {
            return std::nullopt;
        }
        return static_cast<Int>(*f);
    }
    }
}

template <typename T>
std::string expectation()
{
    if constexpr (std::is_same_v<T, bool>)
    {
        return "true or false";
    }
    else if constexpr (std::is_same_v<T, std::string>)
    {
        return "a string";
    }
    else if constexpr (std::is_integral_v<T>)
    {
        return "an integer in [" + std::to_string(std::numeric_limits<T>::min()) + ", " +
               std::to_string(std::numeric_limits<T>::max()) + "]";
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        return "a number (or \"NaN\", \"Infinity\", \"-Infinity\", null)";
    }
    else
    {
        return "a complex number [re, im]";
    }
}
} // namespace detail

namespace detail
{
/** A non-complex scalar of type T, or nothing if `value` does not fit. */
template <typename T>
std::optional<T> decodeScalar(RawJSON const& value)
{
    if constexpr (std::is_same_v<T, bool>)
    {
        return value.is_boolean() ? std::optional<T>(value.get<bool>()) : std::nullopt;
    }
    else if constexpr (std::is_same_v<T, std::string>)
    {
        return value.is_string() ? std::optional<T>(value.get_ref<std::string const&>())
                                 : std::nullopt;
    }
    else if constexpr (std::is_integral_v<T>)
    {
        if (isNumber(value))
        {
            return integerValue<T>(value);
        }
        // A one-character string for a char type.
        if (isCharType<T> && value.is_string() &&
            value.get_ref<std::string const&>().size() == 1)
        {
            return static_cast<T>(value.get_ref<std::string const&>()[0]);
        }
        return std::nullopt;
    }
    else
    {
        static_assert(std::is_floating_point_v<T>, "no JSON decoding for this type");
        if (isNumber(value))
        {
            return floatLiteral<T>(value);
        }
        if (value.is_string())
        {
            return parseFloatString<T>(value.get_ref<std::string const&>());
        }
        if (value.is_null())
        {
            // openPMD-api writes NaN as null.
            return std::numeric_limits<T>::quiet_NaN();
        }
        return std::nullopt;
    }
}
} // namespace detail

/**
 * Decodes one scalar value of type T.
 * @throws ContentError naming `path` and what was expected.
 */
template <typename T>
T decodeValue(RawJSON const& value, std::string const& path)
{
    if constexpr (IsComplexType<T>::value)
    {
        using Part = typename T::value_type;
        if (value.is_array() && value.size() == 2)
        {
            return T(decodeValue<Part>(value[0], path + "/0"),
                     decodeValue<Part>(value[1], path + "/1"));
        }
    }
    else if (auto result = detail::decodeScalar<T>(value))
    {
        return *result;
    }
    throw ContentError{path, "expected " + detail::expectation<T>() + ", found " +
                                 describe(value)};
}
} // namespace openPMD::jsonio
