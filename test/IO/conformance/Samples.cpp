#include "Samples.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <variant>

namespace conformance
{
using namespace openPMD;

namespace
{
template <typename T>
struct IsVector : std::false_type
{
};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type
{
    using element = T;
};

template <typename T>
T attributeSample()
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        return "a string with spaces, / \"quotes\" \\ and UTF-8: \xc2\xb5m";
    }
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    {
        return {"x", "", "a longer string"};
    }
    else if constexpr (std::is_same_v<T, std::array<double, 7>>)
    {
        return {1., -2., 0.5, 0., 0., 0., 3.};
    }
    else if constexpr (std::is_same_v<T, bool>)
    {
        return true;
    }
    else if constexpr (IsVector<T>::value)
    {
        using E = typename IsVector<T>::element;
        T values;
        for (std::uint64_t i = 0; i < 7; ++i)
        {
            values.push_back(sampleValue<E>(i));
        }
        return values;
    }
    else
    {
        return sampleValue<T>(0);
    }
}

template <size_t... I>
std::vector<NamedAttribute> allAttributeSamples(std::index_sequence<I...>)
{
    std::vector<NamedAttribute> samples;
    auto add = [&samples](auto value)
    {
        Attribute attribute(std::move(value));
        std::string name = attribute.dtype == Datatype::ARR_DBL_7
                               ? "unitDimension"
                               : "attr_" + datatypeToString(attribute.dtype);
        samples.push_back({std::move(name), std::move(attribute)});
    };
    (add(attributeSample<std::variant_alternative_t<I, attribute_types>>()), ...);
    return samples;
}

/**
 * The value read back as T, the type written. An alias type (same size
 * and signedness, which checkAttribute ensured) converts losslessly.
 */
template <typename T, typename Got>
std::optional<T> asWrittenType(Got const& got)
{
    if constexpr (std::is_same_v<T, Got>)
    {
        return got;
    }
    else if constexpr (std::is_arithmetic_v<T> && std::is_arithmetic_v<Got> &&
                       sizeof(T) == sizeof(Got))
    {
        return static_cast<T>(got);
    }
    else if constexpr (IsVector<T>::value && IsVector<Got>::value)
    {
        T converted;
        for (auto const& element : got)
        {
            auto e = asWrittenType<typename IsVector<T>::element>(element);
            if (!e)
            {
                return std::nullopt;
            }
            converted.push_back(*e);
        }
        return converted;
    }
    else
    {
        return std::nullopt;
    }
}
} // namespace

std::vector<NamedAttribute> attributeSamples()
{
    auto samples = allAttributeSamples(
        std::make_index_sequence<std::variant_size_v<attribute_types>>());
    samples.push_back({"attr_BOOL_false", Attribute(false)});
    return samples;
}

void checkAttribute(std::string const& name, Attribute const& written, Datatype readType,
                    Attribute::resource const& readValue)
{
    INFO("attribute '" << name << "' written as " << written.dtype << ", read back as "
                       << readType);
    CHECK(isSame(readType, written.dtype));
    // The type slot must describe the value slot.
    CHECK(readType == Attribute(readValue).dtype);
    std::visit(
        [&](auto const& expected)
        {
            using T = std::decay_t<decltype(expected)>;
            auto got = std::visit(
                [](auto const& value) { return asWrittenType<T>(value); }, readValue);
            REQUIRE(got.has_value());
            CHECK(*got == expected);
        },
        written.getResource());
}
} // namespace conformance
