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
/**
 * A property getter whose result keeps `self` alive: def_property_readonly
 * ignores py::keep_alive, so the getter is wrapped in a cpp_function that
 * has it. Children of a Series keep the Series (and its storage) open.
 */
template <typename Getter>
py::cpp_function keepParentAlive(Getter&& getter)
{
    return py::cpp_function(std::forward<Getter>(getter), py::keep_alive<0, 1>());
}

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
} // namespace openPMD::python
