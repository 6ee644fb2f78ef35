// libFuzzer target: the first input byte picks one of the 38 attribute types,
// the rest of the input becomes a value of that type, and Attribute::get<U>()
// is asked for every one of the 38 types. A conversion either gives a value
// or throws error::IllegalConversion, agrees with getOptional<U>(), and a
// value always converts to its own type.

#include "FuzzSupport.hpp"

#include <openPMD/backend/Attribute.hpp>

#include <array>
#include <complex>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace
{
using namespace openPMD;

/** Consumes bytes of the input front to back; missing bytes read as zero. */
class ByteReader
{
public:
    ByteReader(std::uint8_t const* data, std::size_t size) : m_data(data), m_size(size) {}

    bool empty() const { return m_position >= m_size; }

    template <typename T>
    T scalar()
    {
        if constexpr (std::is_same_v<T, bool>)
        {
            return (byte() & 1u) != 0;
        }
        else
        {
            unsigned char bytes[sizeof(T)] = {};
            for (auto& b : bytes)
            {
                b = byte();
            }
            T value;
            std::memcpy(&value, bytes, sizeof(T));
            return value;
        }
    }

    std::string rest()
    {
        std::string text(reinterpret_cast<char const*>(m_data) +
                             std::min(m_position, m_size),
                         m_size - std::min(m_position, m_size));
        m_position = m_size;
        return text;
    }

private:
    std::uint8_t byte() { return m_position < m_size ? m_data[m_position++] : 0; }

    std::uint8_t const* m_data;
    std::size_t m_size;
    std::size_t m_position = 0;
};

template <typename T>
struct IsVector : std::false_type
{
};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type
{
};

template <typename T>
T makeValue(ByteReader& in)
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        return in.rest();
    }
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    {
        std::vector<std::string> strings;
        std::string const text = in.rest();
        std::size_t start = 0;
        for (std::size_t end; (end = text.find('\0', start)) != std::string::npos;
             start = end + 1)
        {
            strings.push_back(text.substr(start, end - start));
        }
        strings.push_back(text.substr(start));
        return strings;
    }
    else if constexpr (IsVector<T>::value)
    {
        T values;
        while (!in.empty())
        {
            values.push_back(makeValue<typename T::value_type>(in));
        }
        return values;
    }
    else if constexpr (std::is_same_v<T, std::array<double, 7>>)
    {
        T values{};
        for (auto& v : values)
        {
            v = in.scalar<double>();
        }
        return values;
    }
    else if constexpr (std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>> ||
                       std::is_same_v<T, std::complex<long double>>)
    {
        auto const real = in.scalar<typename T::value_type>();
        auto const imag = in.scalar<typename T::value_type>();
        return T(real, imag);
    }
    else
    {
        return in.scalar<T>();
    }
}

template <std::size_t... I>
Attribute makeAttribute(std::size_t index, ByteReader& in, std::index_sequence<I...>)
{
    std::optional<Attribute> made;
    ((index == I ? (void)made.emplace(
                       makeValue<std::variant_alternative_t<I, attribute_types>>(in))
                 : void()),
     ...);
    return *made;
}

template <typename U>
void checkConversion(Attribute const& attribute)
{
    bool threw = false;
    try
    {
        (void)attribute.get<U>();
    }
    catch (error::IllegalConversion const&)
    {
        threw = true;
    }
    bool const optional = attribute.getOptional<U>().has_value();
    fuzz::require(optional == !threw, "get<U>() and getOptional<U>() agree");
    if (std::holds_alternative<U>(attribute.getResource()))
    {
        fuzz::require(!threw, "a value converts to its own type");
    }
}

template <std::size_t... I>
void checkAllConversions(Attribute const& attribute, std::index_sequence<I...>)
{
    (checkConversion<std::variant_alternative_t<I, attribute_types>>(attribute), ...);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    constexpr auto count = std::variant_size_v<attribute_types>;
    ByteReader in(data + 1, size - 1);
    fuzz::expectOnlyOpenPMDErrors(
        [&]
        {
            Attribute const attribute =
                makeAttribute(data[0] % count, in, std::make_index_sequence<count>());
            fuzz::require(static_cast<std::size_t>(attribute.dtype) ==
                              attribute.getResource().index(),
                          "dtype matches the held type");
            checkAllConversions(attribute, std::make_index_sequence<count>());
        });
    return 0;
}
