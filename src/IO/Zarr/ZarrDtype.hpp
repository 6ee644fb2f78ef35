#pragma once

// The mapping between openPMD dataset types and Zarr v2 dtype strings, and
// the fill value of an array (what unwritten elements read as).
//
//   CHAR, SCHAR |i1   UCHAR |u1   SHORT <i2   USHORT <u2   INT <i4   UINT <u4
//   LONG, LONGLONG <i8   ULONG, ULONGLONG <u8   (sizes are the platform's)
//   FLOAT <f4   DOUBLE <f8   LONG_DOUBLE <f16 (x86-64: 80-bit extended in 16 bytes)
//   CFLOAT <c8   CDOUBLE <c16   CLONG_DOUBLE <c32
// The exact openPMD type is kept in .zattrs (see ZarrAttributes.hpp), so
// CHAR/SCHAR and LONG/LONGLONG come back as written.

#include "IO/Zarr/ZarrJson.hpp"
#include "openPMD/Datatype.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace openPMD::zarr
{
/** The Zarr dtype string of a dataset type, e.g. "<f8". */
std::string zarrDtypeOf(Datatype);

/**
 * The openPMD type of a Zarr dtype string ("<f8", "|b1" ...), UNDEFINED if
 * this backend cannot store it (big-endian, strings, structured types).
 * "|b1" (bool) and "|S1" read as UCHAR and CHAR.
 */
Datatype datatypeOfZarrDtype(std::string const&);

/** The fill value written into .zarray: "NaN" for floating point, 0 otherwise. */
Json defaultFillValue(Datatype);

/**
 * One element holding `fill` (a .zarray fill_value; null means 0).
 * @throws std::invalid_argument if the value does not fit the type.
 */
std::vector<std::byte> fillElement(Datatype, Json const& fill);
} // namespace openPMD::zarr
