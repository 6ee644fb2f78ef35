#pragma once

#include "Common.hpp"

namespace openPMD::python
{
/**
 * A Python value as an attribute, its type chosen from the value:
 * bool -> BOOL, int -> LONG (ULONGLONG above the int64 range), float ->
 * DOUBLE, complex -> CDOUBLE, str -> STRING; numpy scalars keep their type;
 * lists, tuples and 1-d arrays (and memoryviews) become the vector type of
 * their elements (VEC_STRING, VEC_LONG, VEC_DOUBLE, VEC_CDOUBLE, or the
 * array's dtype; bools: VEC_UCHAR of 0 and 1); bytes and bytearray ->
 * VEC_UCHAR (one byte: UCHAR).
 * @throws py::type_error for anything else (e.g. an empty list).
 */
Attribute toAttribute(py::handle value);
/**
 * A Python value converted to the attribute type `dtype` (bytes count as a
 * sequence of ints).
 */
Attribute toAttribute(py::handle value, Datatype dtype);
/**
 * An attribute as a Python value: scalars as int, float, complex, bool, str
 * (CHAR as int; long double types as numpy scalars, to keep their
 * precision), vectors and ARR_DBL_7 as lists.
 */
py::object fromAttribute(Attribute const&);
} // namespace openPMD::python
