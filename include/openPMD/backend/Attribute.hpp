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
/**
 * A value of any of the 38 attribute types (see Datatype).
 *
 * dtype always equals the index of the held alternative, so the Datatype of an
 * Attribute is known without inspecting the variant. get<U>() converts where
 * the conversion is meaningful:
 *  - numeric scalars to other numeric scalars (static_cast);
 *  - vectors to vectors of another numeric element type, element by element;
 *  - a scalar to a one-element vector, a one-element vector to a scalar;
 *  - vectors to std::array and back (sizes must match for std::array);
 *  - a char to a one-character string and a one-character string to a char;
 * and throws error::IllegalConversion naming both types otherwise.
 */
class Attribute
{
public:
    using resource = attribute_types;

    Attribute(resource value);

    /** Construct from any attribute type (e.g. Attribute(3.5), Attribute(vec)). */
    template <
        typename T,
        typename = std::enable_if_t<
            !std::is_same_v<std::decay_t<T>, Attribute> &&
            !std::is_same_v<std::decay_t<T>, resource> &&
            std::is_constructible_v<resource, T&&>>>
    Attribute(T&& value) : Attribute(resource(std::forward<T>(value)))
    {}

    /** String literals are stored as STRING. */
    Attribute(char const* value) : Attribute(resource(std::string(value))) {}

    /** The type of the held value. */
    Datatype dtype;

    /** The held value. */
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
    /** Converts a held value to U; nullopt if the conversion is not allowed. */
    template <typename U, typename From>
    std::optional<U> convertAttributeValue(From const& value);

    [[noreturn]] void throwIllegalAttributeConversion(Datatype from, Datatype to);
} // namespace detail

template <typename U>
std::optional<U> Attribute::getOptional() const
{
    return std::visit(
        [](auto const& held) -> std::optional<U> {
            return detail::convertAttributeValue<U>(held);
        },
        m_value);
}

template <typename U>
U Attribute::get() const
{
    auto converted = getOptional<U>();
    if (!converted)
    {
        detail::throwIllegalAttributeConversion(dtype, determineDatatype<U>());
    }
    return std::move(*converted);
}
} // namespace openPMD

#include "openPMD/backend/AttributeConversion.hpp"
