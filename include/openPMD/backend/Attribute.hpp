#pragma once

#include "openPMD/Datatype.hpp"
#include "openPMD/Error.hpp"

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace openPMD
{
namespace detail
{
/** Why Attribute::get<U>() could not convert (chooses the error message). */
enum class ConversionFailure
{
    IncompatibleTypes, ///< no conversion between the two types exists
    ElementCount,      ///< allowed types, but the number of elements differs
    OutOfRange         ///< a value is NaN or outside the range of the target
};
} // namespace detail

/**
 * A value of any of the 38 attribute types (see Datatype).
 *
 * dtype always equals the index of the held alternative, so the Datatype of an
 * Attribute is known without inspecting the variant. get<U>() converts where
 * the conversion keeps the meaning of the value (docs/datatypes.md has the
 * full table):
 *  - numeric scalars (integers, char types, floating point) to each other,
 *    with C++ cast semantics; real to complex; complex to complex;
 *    never complex to real, never to or from bool;
 *  - vectors to vectors of another element type, element by element;
 *  - a scalar to a one-element vector, a one-element vector to a scalar;
 *  - vectors to std::array and back (the sizes must match);
 *  - a char type to a one-character string and back;
 *  - strings only to strings and to vectors of strings.
 * Anything else throws error::IllegalConversion naming both types; so does a
 * floating-point value that is NaN or out of range for an integer target.
 */
class Attribute
{
public:
    using resource = attribute_types;

    Attribute(resource value);

    /** Construct from any attribute type (e.g. Attribute(3.5), Attribute(vec)). */
    template <typename T,
              typename = std::enable_if_t<!std::is_same_v<std::decay_t<T>, Attribute> &&
                                          !std::is_same_v<std::decay_t<T>, resource> &&
                                          std::is_constructible_v<resource, T&&>>>
    Attribute(T&& value) : Attribute(resource(std::forward<T>(value)))
    {
    }

    /** String literals are stored as STRING. */
    Attribute(char const* value) : Attribute(resource(std::string(value))) {}

    /** The type of the held value. */
    Datatype dtype;

    /** The held value (a reference: reading it copies nothing). */
    resource const& getResource() const { return m_value; }

    /**
     * The value converted to U (see the class comment for what converts).
     * @throws error::IllegalConversion if it does not convert.
     */
    template <typename U>
    U get() const;

    /** Like get<U>(), but an empty optional where the conversion fails. */
    template <typename U>
    std::optional<U> getOptional() const;

private:
    resource m_value;
};

namespace detail
{
/**
 * Converts a held value to U; nullopt (with the reason in `why`) if the
 * conversion is not allowed. Defined in AttributeConversion.hpp.
 */
template <typename U, typename From>
std::optional<U> convertAttributeValue(From const& value, ConversionFailure& why);

/** A readable name of U: its Datatype, else a C++ spelling. */
template <typename U>
std::string attributeTargetName();

[[noreturn]] void throwIllegalAttributeConversion(Attribute const& from,
                                                  std::string const& targetName,
                                                  ConversionFailure why);
} // namespace detail

template <typename U>
std::optional<U> Attribute::getOptional() const
{
    static_assert(!std::is_reference_v<U> && !std::is_const_v<U>,
                  "Attribute::get<U>(): U must be a plain value type");
    // Visit the stored variant in place: no copy of the held value besides
    // the result.
    return std::visit(
        [](auto const& held)
        {
            detail::ConversionFailure ignored{};
            return detail::convertAttributeValue<U>(held, ignored);
        },
        m_value);
}

template <typename U>
U Attribute::get() const
{
    static_assert(!std::is_reference_v<U> && !std::is_const_v<U>,
                  "Attribute::get<U>(): U must be a plain value type");
    auto why = detail::ConversionFailure::IncompatibleTypes;
    auto converted = std::visit([&why](auto const& held)
                                { return detail::convertAttributeValue<U>(held, why); },
                                m_value);
    if (!converted)
    {
        detail::throwIllegalAttributeConversion(*this, detail::attributeTargetName<U>(),
                                                why);
    }
    return std::move(*converted);
}
} // namespace openPMD

#include "openPMD/backend/AttributeConversion.hpp"

/**
 * Calls X(T) for each of the 38 attribute types (the alternatives of
 * attribute_types, in Datatype order).
 */
#define OPENPMD_FOR_EACH_ATTRIBUTE_TYPE(X)                                               \
    X(char)                                                                              \
    X(unsigned char)                                                                     \
    X(signed char)                                                                       \
    X(short)                                                                             \
    X(int)                                                                               \
    X(long)                                                                              \
    X(long long)                                                                         \
    X(unsigned short)                                                                    \
    X(unsigned int)                                                                      \
    X(unsigned long)                                                                     \
    X(unsigned long long)                                                                \
    X(float)                                                                             \
    X(double)                                                                            \
    X(long double)                                                                       \
    X(std::complex<float>)                                                               \
    X(std::complex<double>)                                                              \
    X(std::complex<long double>)                                                         \
    X(std::string)                                                                       \
    X(std::vector<char>)                                                                 \
    X(std::vector<short>)                                                                \
    X(std::vector<int>)                                                                  \
    X(std::vector<long>)                                                                 \
    X(std::vector<long long>)                                                            \
    X(std::vector<unsigned char>)                                                        \
    X(std::vector<unsigned short>)                                                       \
    X(std::vector<unsigned int>)                                                         \
    X(std::vector<unsigned long>)                                                        \
    X(std::vector<unsigned long long>)                                                   \
    X(std::vector<float>)                                                                \
    X(std::vector<double>)                                                               \
    X(std::vector<long double>)                                                          \
    X(std::vector<std::complex<float>>)                                                  \
    X(std::vector<std::complex<double>>)                                                 \
    X(std::vector<std::complex<long double>>)                                            \
    X(std::vector<signed char>)                                                          \
    X(std::vector<std::string>)                                                          \
    X(std::array<double, 7>)                                                             \
    X(bool)

namespace openPMD
{
// get<U> and getOptional<U> for the attribute types are compiled once, in
// the library: each instantiation visits all 38 alternatives, and doing that
// in every translation unit that reads an attribute made builds much slower.
#define OPENPMD_DECLARE_ATTRIBUTE_GET(...)                                               \
    extern template __VA_ARGS__ Attribute::get<__VA_ARGS__>() const;                     \
    extern template std::optional<__VA_ARGS__> Attribute::getOptional<__VA_ARGS__>()     \
        const;
OPENPMD_FOR_EACH_ATTRIBUTE_TYPE(OPENPMD_DECLARE_ATTRIBUTE_GET)
#undef OPENPMD_DECLARE_ATTRIBUTE_GET
} // namespace openPMD
