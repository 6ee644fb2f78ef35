#include "AttributeJSON.hpp"

#include <array>
#include <complex>
#include <string>
#include <type_traits>
#include <vector>

namespace openPMD::tools
{
namespace
{
template <typename T>
struct IsComplex : std::false_type
{
};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type
{
};

template <typename T>
nlohmann::json scalarToJSON(T const& value)
{
    if constexpr (IsComplex<T>::value)
    {
        return nlohmann::json::array(
            {static_cast<double>(value.real()), static_cast<double>(value.imag())});
    }
    else if constexpr (std::is_same_v<T, char>)
    {
        return std::string(1, value);
    }
    else if constexpr (std::is_same_v<T, long double>)
    {
        return static_cast<double>(value);
    }
    else
    {
        return value;
    }
}

template <typename Sequence>
nlohmann::json sequenceToJSON(Sequence const& values)
{
    auto array = nlohmann::json::array();
    for (auto const& value : values)
    {
        array.push_back(scalarToJSON(value));
    }
    return array;
}

template <typename T>
struct IsSequence : std::false_type
{
};
template <typename T>
struct IsSequence<std::vector<T>> : std::true_type
{
};
template <typename T, std::size_t n>
struct IsSequence<std::array<T, n>> : std::true_type
{
};
} // namespace

nlohmann::json attributeValueToJSON(Attribute const& attribute)
{
    return std::visit(
        [](auto const& value) -> nlohmann::json
        {
            using T = std::decay_t<decltype(value)>;
            if constexpr (IsSequence<T>::value)
            {
                return sequenceToJSON(value);
            }
            else
            {
                return scalarToJSON(value);
            }
        },
        attribute.getResource());
}
} // namespace openPMD::tools
