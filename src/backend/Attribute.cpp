#include "openPMD/backend/Attribute.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <memory>

#if __has_include(<cxxabi.h>)
#include <cxxabi.h>
#define OPENPMD_HAVE_CXXABI 1
#endif

namespace openPMD
{
namespace
{
// Attribute::dtype is the variant index, so every alternative must sit at
// the index of its own Datatype.
template <std::size_t... I>
constexpr bool attributeTypesInEnumOrder(std::index_sequence<I...>)
{
    return ((determineDatatype<std::variant_alternative_t<I, Attribute::resource>>() ==
             static_cast<Datatype>(I)) &&
            ...);
}
constexpr std::size_t numberOfAttributeTypes = std::variant_size_v<Attribute::resource>;
static_assert(numberOfAttributeTypes == static_cast<std::size_t>(Datatype::UNDEFINED));
static_assert(
    attributeTypesInEnumOrder(std::make_index_sequence<numberOfAttributeTypes>{}));

template <typename T>
struct IsContainer : std::bool_constant<detail::isSequence<T>>
{
};
template <>
struct IsContainer<std::string> : std::true_type
{
};

/** " (3 elements)" for containers, "" for scalars. */
std::string describeSize(Attribute::resource const& value)
{
    return std::visit(
        [](auto const& held) -> std::string
        {
            using Held = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<Held, std::string>)
            {
                return fmt::format(" (a string of length {})", held.size());
            }
            else if constexpr (IsContainer<Held>::value)
            {
                return fmt::format(" ({} element{})", held.size(),
                                   held.size() == 1 ? "" : "s");
            }
            else
            {
                return {};
            }
        },
        value);
}

char const* explain(Datatype from, detail::ConversionFailure why)
{
    switch (why)
    {
    case detail::ConversionFailure::ElementCount:
        return from == Datatype::STRING
                   ? "only a string of exactly one character converts to a char type"
                   : "the number of elements does not fit the target";
    case detail::ConversionFailure::OutOfRange:
        return "a value is NaN or outside the range of the target type";
    case detail::ConversionFailure::IncompatibleTypes:
        break;
    }
    return "there is no conversion between these types (see docs/datatypes.md)";
}
} // namespace

Attribute::Attribute(resource value)
    : dtype(static_cast<Datatype>(value.index())), m_value(std::move(value))
{
}

namespace detail
{
std::string demangledTypeName(std::type_info const& type)
{
#ifdef OPENPMD_HAVE_CXXABI
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(
        abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
    if (status == 0 && demangled)
    {
        return demangled.get();
    }
#endif
    return type.name();
}

void throwIllegalAttributeConversion(Attribute const& from, std::string const& targetName,
                                     ConversionFailure why)
{
    throw error::IllegalConversion(
        fmt::format("Attribute::get: cannot convert an attribute of type {}{} to {}: {}",
                    datatypeToString(from.dtype), describeSize(from.getResource()),
                    targetName, explain(from.dtype, why)));
}
} // namespace detail
// The instantiations that Attribute.hpp declares extern.
#define OPENPMD_INSTANTIATE_ATTRIBUTE_GET(...)                                           \
    template __VA_ARGS__ Attribute::get<__VA_ARGS__>() const;                            \
    template std::optional<__VA_ARGS__> Attribute::getOptional<__VA_ARGS__>() const;
OPENPMD_FOR_EACH_ATTRIBUTE_TYPE(OPENPMD_INSTANTIATE_ATTRIBUTE_GET)
#undef OPENPMD_INSTANTIATE_ATTRIBUTE_GET
} // namespace openPMD
