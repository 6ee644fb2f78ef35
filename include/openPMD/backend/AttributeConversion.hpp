#pragma once

// Implementation detail of Attribute::get<U>(); include Attribute.hpp instead.
// The rules are documented in docs/datatypes.md ("Reading attributes").

#include "openPMD/backend/Attribute.hpp"

#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <vector>

namespace openPMD::detail
{
template <typename T>
struct IsStdVector : std::false_type
{
};
template <typename T>
struct IsStdVector<std::vector<T>> : std::true_type
{
};

template <typename T>
struct IsStdArray : std::false_type
{
};
template <typename T, std::size_t N>
struct IsStdArray<std::array<T, N>> : std::true_type
{
};

// std::complex is only specified for the floating-point types.
template <typename T>
struct IsStdComplex : std::false_type
{
};
template <typename T>
struct IsStdComplex<std::complex<T>> : std::is_floating_point<T>
{
};

/** std::vector and std::array hold elements; std::string counts as a scalar. */
template <typename T>
constexpr bool isSequence = IsStdVector<T>::value || IsStdArray<T>::value;

template <typename T>
constexpr bool isRealNumber = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

template <typename T>
constexpr bool isNumber = isRealNumber<T> || IsStdComplex<T>::value;

template <typename T>
constexpr bool isCharType = std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
                            std::is_same_v<T, unsigned char>;

/**
 * Whether one element of type From converts to one element of type To: the
 * same type, or numbers except complex -> real. This is a property of the
 * types only, so that an empty vector converts exactly when a full one does.
 */
template <typename To, typename From>
constexpr bool elementConvertible = std::is_same_v<To, From> ||
                                    (isNumber<To> && isNumber<From> &&
                                     !(IsStdComplex<From>::value &&
                                       !IsStdComplex<To>::value));

/**
 * Whether the floating-point value x, truncated, is representable in Int.
 * A cast of anything else is undefined behaviour in C++. The bounds are
 * powers of two, exact in every floating-point type.
 */
template <typename Int, typename Float>
bool fitsInteger(Float x)
{
    long double const truncated = std::trunc(static_cast<long double>(x));
    long double const limit = std::ldexp(1.0L, std::numeric_limits<Int>::digits);
    long double const lowest = std::numeric_limits<Int>::is_signed ? -limit : 0.0L;
    return truncated >= lowest && truncated < limit; // false for NaN
}

/** One element, for elementConvertible<To, From>; fails only if out of range. */
template <typename To, typename From>
std::optional<To> convertElement(From const& x, ConversionFailure& why)
{
    static_assert(elementConvertible<To, From>);
    if constexpr (std::is_same_v<To, From>)
    {
        return x;
    }
    else if constexpr (IsStdComplex<To>::value)
    {
        using Part = typename To::value_type;
        if constexpr (IsStdComplex<From>::value)
        {
            return To(static_cast<Part>(x.real()), static_cast<Part>(x.imag()));
        }
        else
        {
            return To(static_cast<Part>(x), Part{});
        }
    }
    else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>)
    {
        if (!fitsInteger<To>(x))
        {
            why = ConversionFailure::OutOfRange;
            return std::nullopt;
        }
        return static_cast<To>(x);
    }
    else
    {
        return static_cast<To>(x);
    }
}

/** Copies a vector or array element by element into `out` (already sized). */
template <typename Out, typename Sequence>
bool convertElements(Sequence const& in, Out& out, ConversionFailure& why)
{
    using To = typename Out::value_type;
    auto target = out.begin();
    for (auto const& x : in)
    {
        auto converted = convertElement<To>(x, why);
        if (!converted)
        {
            return false;
        }
        *target++ = std::move(*converted);
    }
    return true;
}

template <typename U, typename From>
std::optional<U> convertToVector(From const& value, ConversionFailure& why)
{
    using To = typename U::value_type;
    if constexpr (isSequence<From>)
    {
        if constexpr (elementConvertible<To, typename From::value_type>)
        {
            U result(value.size());
            if (convertElements(value, result, why))
            {
                return result;
            }
            return std::nullopt;
        }
    }
    else if constexpr (elementConvertible<To, From>)
    {
        auto element = convertElement<To>(value, why);
        if (!element)
        {
            return std::nullopt;
        }
        U result;
        result.push_back(std::move(*element));
        return result;
    }
    why = ConversionFailure::IncompatibleTypes;
    return std::nullopt;
}

template <typename U, typename From>
std::optional<U> convertToArray(From const& value, ConversionFailure& why)
{
    using To = typename U::value_type;
    constexpr std::size_t size = std::tuple_size_v<U>;
    if constexpr (isSequence<From>)
    {
        if constexpr (elementConvertible<To, typename From::value_type>)
        {
            if (value.size() != size)
            {
                why = ConversionFailure::ElementCount;
                return std::nullopt;
            }
            U result{};
            if (convertElements(value, result, why))
            {
                return result;
            }
            return std::nullopt;
        }
    }
    else if constexpr (elementConvertible<To, From>)
    {
        if constexpr (size == 1)
        {
            auto element = convertElement<To>(value, why);
            if (element)
            {
                return U{std::move(*element)};
            }
            return std::nullopt;
        }
        why = ConversionFailure::ElementCount;
        return std::nullopt;
    }
    why = ConversionFailure::IncompatibleTypes;
    return std::nullopt;
}

template <typename U, typename From>
std::optional<U> convertToScalar(From const& value, ConversionFailure& why)
{
    if constexpr (isSequence<From>)
    {
        if constexpr (elementConvertible<U, typename From::value_type>)
        {
            if (value.size() != 1)
            {
                why = ConversionFailure::ElementCount;
                return std::nullopt;
            }
            return convertElement<U>(*value.begin(), why);
        }
    }
    else if constexpr (isCharType<From> && std::is_same_v<U, std::string>)
    {
        return std::string(1, static_cast<char>(value));
    }
    else if constexpr (std::is_same_v<From, std::string> && isCharType<U>)
    {
        if (value.size() != 1)
        {
            why = ConversionFailure::ElementCount;
            return std::nullopt;
        }
        return static_cast<U>(value.front());
    }
    else if constexpr (elementConvertible<U, From>)
    {
        return convertElement<U>(value, why);
    }
    why = ConversionFailure::IncompatibleTypes;
    return std::nullopt;
}

template <typename U, typename From>
std::optional<U> convertAttributeValue(From const& value, ConversionFailure& why)
{
    if constexpr (std::is_same_v<U, From>)
    {
        return value;
    }
    else if constexpr (IsStdVector<U>::value)
    {
        return convertToVector<U>(value, why);
    }
    else if constexpr (IsStdArray<U>::value)
    {
        return convertToArray<U>(value, why);
    }
    else
    {
        return convertToScalar<U>(value, why);
    }
}

/** The compiler's name of a type, demangled where the platform allows. */
std::string demangledTypeName(std::type_info const&);

/** A C++ spelling of T for messages, e.g. "std::vector<bool>". */
template <typename T>
std::string cppTypeName()
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        return "std::string";
    }
    else if constexpr (IsStdVector<T>::value)
    {
        return "std::vector<" + cppTypeName<typename T::value_type>() + ">";
    }
    else if constexpr (IsStdArray<T>::value)
    {
        return "std::array<" + cppTypeName<typename T::value_type>() + ", " +
               std::to_string(std::tuple_size_v<T>) + ">";
    }
    else
    {
        return demangledTypeName(typeid(T));
    }
}

template <typename U>
std::string attributeTargetName()
{
    constexpr Datatype dt = determineDatatype<U>();
    if constexpr (dt != Datatype::UNDEFINED)
    {
        return datatypeToString(dt);
    }
    else
    {
        return cppTypeName<U>() + " (not an openPMD datatype)";
    }
}
} // namespace openPMD::detail
