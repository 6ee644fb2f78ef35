#pragma once

#include <cstdint>

namespace openPMD
{
/**
 * The seven SI base dimensions, as indices into the unitDimension attribute:
 * length, mass, time, electric current, thermodynamic temperature, amount of
 * substance, luminous intensity.
 */
enum class UnitDimension : std::uint8_t
{
    L = 0,
    M,
    T,
    I,
    theta,
    N,
    J
};
} // namespace openPMD
