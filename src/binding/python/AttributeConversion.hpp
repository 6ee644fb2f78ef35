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

/**
 * An attribute in the exact form of the Python connector protocol
 * (docs/python-connectors.md, "Datatypes and values"): numeric scalars as
 * numpy scalars of the exact dtype, vectors and ARR_DBL_7 as 1-d numpy
 * arrays, STRING as str (UTF-8, surrogateescape), VEC_STRING as a list of
 * str, BOOL as bool. A fresh object.
 */
py::object toConnectorValue(Attribute const&);
/**
 * A value a connector returned for the datatype `dtype`, checked strictly
 * against the form of toConnectorValue.
 * @throws py::type_error naming the expected form if it does not match.
 */
Attribute fromConnectorValue(Datatype dtype, py::handle value);
} // namespace openPMD::python
