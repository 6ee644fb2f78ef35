#pragma once

// Shared by every translation unit of the Python module: pybind11 with its
// numpy, STL and complex casters, the library, and one init function per
// group of bound classes (each defined in the .cpp of the same name).
#include <openPMD/openPMD.hpp>

#include <pybind11/complex.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;

namespace openPMD::python
{
/*
 * Lifetimes: every bound object is a C++ handle sharing its object's state,
 * so no Python object needs to keep its parent alive (the C++ objects stay
 * valid). Only the Series object decides when the Series is closed: when its
 * last Python reference goes (or close()), as in openPMD-api, even while
 * handles of its iterations, meshes or components live on.
 */

void initErrors(py::module_&);
void initEnums(py::module_&);
void initDatatype(py::module_&);
void initAttributable(py::module_&);
void initDataset(py::module_&);
void initRecordComponent(py::module_&);
void initMesh(py::module_&);
void initRecord(py::module_&);
void initContainers(py::module_&);
void initIteration(py::module_&);
void initSeries(py::module_&);
void initHelper(py::module_&);
void initConnectors(py::module_&);
#if openPMD_PYTHON_TOOLS
void initTools(py::module_&);
#endif
} // namespace openPMD::python
