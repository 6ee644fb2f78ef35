#pragma once

// Test values of every type, including the hard ones (extremes, NaN,
// infinities, negative zero, subnormals, long doubles beyond double), and a
// NaN-aware comparison.

#include <array>
#include <cmath>
#include <complex>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

namespace openPMD::test
{
template <typename T>
struct IsComplex : std::false_type
{
};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type
{
};

/** Random finite-or-not values that exercise all digits and exponents. */
template <typename F>
F randomFloat(std::mt19937_64& rng)
{
    if constexpr (std::is_same_v<F, long double>)
    {
        std::uniform_int_distribution<int> exponent(-16000, 16000);
        long double const mantissa =
            static_cast<long double>(rng()) / 18446744073709551616.0L;
        long double const value = std::ldexp(mantissa, exponent(rng));
        return (rng() & 1) ? -value : value;
    }
    else
    {
        using Bits = std::conditional_t<sizeof(F) == 4, std::uint32_t, std::uint64_t>;
        Bits const bits = static_cast<Bits>(rng());
        F value;
        std::memcpy(&value, &bits, sizeof(F));
        return value;
    }
}

template <typename F>
std::vector<F> specialFloats()
{
    using L = std::numeric_limits<F>;
    std::vector<F> values = {F(0),           -F(0),           F(1),         F(-1),
                             F(0.1),         F(1) / F(3),     L::max(),     L::lowest(),
                             L::min(),       L::denorm_min(), L::epsilon(), L::infinity(),
                             -L::infinity(), L::quiet_NaN(),  F(1e15),      F(1e16),
                             F(123456.789),  F(1e-5),         F(0.0001),    F(-2.5e-7)};
    if constexpr (std::is_same_v<F, long double>)
    {
        values.push_back(1e4000L);
        values.push_back(-3.5e-4000L);
        values.push_back(1.0L + std::numeric_limits<long double>::epsilon());
    }
    return values;
}

/** The i-th test value of T. */
template <typename T>
T sample(size_t i)
{
    if constexpr (IsComplex<T>::value)
    {
        using F = typename T::value_type;
        return T(sample<F>(2 * i), sample<F>(2 * i + 7));
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        static auto const specials = specialFloats<T>();
        if (i < specials.size())
        {
            return specials[i];
        }
        std::mt19937_64 rng(i);
        return randomFloat<T>(rng);
    }
    else
    {
        using L = std::numeric_limits<T>;
        switch (i % 6)
        {
        case 0:
            return L::min();
        case 1:
            return L::max();
        case 2:
            return T(0);
        default:
            return static_cast<T>(i * 37 + 3);
        }
    }
}

/** Equal, treating all NaNs as equal and telling -0.0 from 0.0. */
template <typename T>
bool same(T const& a, T const& b)
{
    if constexpr (IsComplex<T>::value)
    {
        return same(a.real(), b.real()) && same(a.imag(), b.imag());
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        if (std::isnan(a) || std::isnan(b))
        {
            return std::isnan(a) && std::isnan(b);
        }
        return a == b && std::signbit(a) == std::signbit(b);
    }
    else
    {
        return a == b;
    }
}

template <typename T>
bool same(std::vector<T> const& a, std::vector<T> const& b)
{
    if (a.size() != b.size())
    {
        return false;
    }
    for (size_t i = 0; i < a.size(); ++i)
    {
        if (!same(a[i], b[i]))
        {
            return false;
        }
    }
    return true;
}

template <typename T, size_t n>
bool same(std::array<T, n> const& a, std::array<T, n> const& b)
{
    for (size_t i = 0; i < n; ++i)
    {
        if (!same(a[i], b[i]))
        {
            return false;
        }
    }
    return true;
}
} // namespace openPMD::test
