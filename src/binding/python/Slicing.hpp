#pragma once

#include "Common.hpp"

namespace openPMD::python
{
/**
 * rc[index] with numpy's basic indexing: integers (negative from the end),
 * slices (any step; the bounding block is loaded, the step applied as a view)
 * and one Ellipsis. The array is filled at the next flush point.
 */
py::array loadSlice(RecordComponent&, py::handle index);
/**
 * rc[index] = value: integers and slices of step 1; `value` is broadcast to
 * the selection (copied once if it is not a contiguous array of the shape).
 */
void storeSlice(RecordComponent&, py::handle index, py::handle value);
} // namespace openPMD::python
