#pragma once

#include "Common.hpp"

namespace openPMD::python
{
/** The openPMD Datatype of a numpy dtype; UNDEFINED for types openPMD lacks. */
Datatype datatypeOf(py::dtype const&);
/**
 * The numpy dtype that holds values of a scalar Datatype (datasets, BOOL).
 * @throws error::WrongAPIUsage for vector types, STRING and UNDEFINED.
 */
py::dtype dtypeOf(Datatype);
/**
 * A Datatype from what Python users pass as a type: a Datatype, a numpy dtype,
 * a numpy scalar type (np.float32), a dtype string ("f8") or an array.
 * @throws py::type_error if it names no openPMD type.
 */
Datatype toDatatype(py::handle);
/**
 * A C-contiguous array in native byte order with the dtype of `dtype`:
 * `value` itself if it is one already, else a copy (made once).
 */
py::array contiguousArray(py::handle value, py::dtype const& dtype);
} // namespace openPMD::python
