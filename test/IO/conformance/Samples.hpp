#pragma once

// The values the suite writes and expects back. Every value is a function of
// its position, so any block of any dataset can be recomputed for comparison.

#include <openPMD/Dataset.hpp>
#include <openPMD/Datatype.hpp>
#include <openPMD/backend/Attribute.hpp>

#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace conformance
{
/** A well-mixed 64-bit number for each i (splitmix64). */
inline std::uint64_t mix(std::uint64_t i)
{
    std::uint64_t z = i + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

template <typename T>
struct IsComplex : std::false_type
{
};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type
{
    using value_type = T;
};

/**
 * The i-th sample of type T. The first samples are the extremes (max, lowest,
 * then zero for integers; smallest normal, smallest subnormal and epsilon for
 * floating point), the others spread over the whole range.
 */
template <typename T>
T sampleValue(std::uint64_t i)
{
    if constexpr (IsComplex<T>::value)
    {
        using R = typename IsComplex<T>::value_type;
        return T(sampleValue<R>(i), sampleValue<R>(i + 7919));
    }
    else if constexpr (std::is_same_v<T, char>)
    {
        // Plain char may be signed or not: stay in 0..127, valid either way.
        return i == 0   ? char(127)
               : i == 1 ? char(0)
                        : static_cast<char>(32 + mix(i) % 95);
    }
    else if constexpr (std::is_integral_v<T>)
    {
        using L = std::numeric_limits<T>;
        switch (i)
        {
        case 0:
            return L::max();
        case 1:
            return L::lowest();
        case 2:
            return T(0);
        default:
            // Keep the low bytes: a spread over the whole range of T.
            return static_cast<T>(mix(i));
        }
    }
    else
    {
        static_assert(std::is_floating_point_v<T>);
        using L = std::numeric_limits<T>;
        switch (i)
        {
        case 0:
            return L::max();
        case 1:
            return L::lowest();
        case 2:
            return L::min();
        case 3:
            return L::denorm_min();
        case 4:
            return L::epsilon();
        default:
        {
            std::uint64_t const m = mix(i);
            // 1 + k/3 is not exact in binary or decimal: it needs every digit.
            T const mantissa = T(1) + T(m % 1000003) / T(3);
            T const value = std::ldexp(mantissa, static_cast<int>(m % 81) - 40);
            return (m >> 63) != 0 ? -value : value;
        }
        }
    }
}

inline std::uint64_t elementCount(openPMD::Extent const& extent)
{
    std::uint64_t count = 1;
    for (auto e : extent)
    {
        count *= e;
    }
    return count;
}

/**
 * The sample stored at a position of any dataset: positions are numbered
 * 100 per dimension (each dimension of a test dataset is below 100), so the
 * value depends on the position only, not on the dataset's extent. That
 * keeps expectations valid when a dataset is extended.
 */
template <typename T>
T sampleAt(openPMD::Offset const& position)
{
    std::uint64_t index = 0;
    for (auto p : position)
    {
        index = index * 100 + p;
    }
    return sampleValue<T>(index);
}

/** The samples of the box (offset, extent) in dense row-major order. */
template <typename T>
std::vector<T> sampleBlock(openPMD::Offset const& offset, openPMD::Extent const& extent)
{
    std::vector<T> block;
    std::uint64_t const count = elementCount(extent);
    block.reserve(count);
    openPMD::Offset position = offset;
    for (std::uint64_t n = 0; n < count; ++n)
    {
        block.push_back(sampleAt<T>(position));
        // Advance the position row-major, innermost dimension first.
        for (size_t d = extent.size(); d-- > 0;)
        {
            if (++position[d] < offset[d] + extent[d])
            {
                break;
            }
            position[d] = offset[d];
        }
    }
    return block;
}

/** Calls f(T{}) once for each of the 17 dataset types T. */
template <typename F, size_t... I>
void forEachDatasetTypeImpl(F&& f, std::index_sequence<I...>)
{
    (f(std::variant_alternative_t<I, openPMD::dataset_types>{}), ...);
}
template <typename F>
void forEachDatasetType(F&& f)
{
    forEachDatasetTypeImpl(
        std::forward<F>(f),
        std::make_index_sequence<std::variant_size_v<openPMD::dataset_types>>());
}

/** An attribute name and the value the suite writes under it. */
struct NamedAttribute
{
    std::string name;
    openPMD::Attribute value;
};

/**
 * One attribute of each of the 38 attribute types (plus BOOL false), named
 * "attr_<TYPE>". ARR_DBL_7 is named "unitDimension": HDF5 has no type of its
 * own for it and recognizes it by that name, as openPMD-api does.
 */
std::vector<NamedAttribute> attributeSamples();

/**
 * Checks an attribute read back (its type slot and value) against the one
 * written: the type must be isSame() (HDF5 cannot tell CHAR from SCHAR nor
 * LONG from LONGLONG), the value exactly equal.
 */
void checkAttribute(std::string const& name, openPMD::Attribute const& written,
                    openPMD::Datatype readType,
                    openPMD::Attribute::resource const& readValue);
} // namespace conformance
