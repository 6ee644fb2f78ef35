#pragma once

#include "Common.hpp"

namespace openPMD::python
{
/** rc.make_constant(value): the value converted to the declared type, if any. */
void makeConstant(RecordComponent&, py::handle value);
} // namespace openPMD::python
