#pragma once

// Registration of a Python connector class as a backend row, shared by
// openpmd_api.register_connector (the Python module) and the `python` backend
// plugin (PythonPlugin.cpp), which both link openPMD_connector_bridge.
#include "Common.hpp"

#include <string>

namespace openPMD::python
{
/**
 * Makes `cls` a backend (name and extensions from its class attributes,
 * docs/python-connectors.md). Needs the GIL.
 * @throws py::type_error if `cls` is no connector class,
 *         error::WrongAPIUsage if its name is taken.
 */
void registerConnectorClass(py::handle cls);

/** "TypeName: message" of a Python exception (needs the GIL). */
std::string exceptionText(py::error_already_set const&);
} // namespace openPMD::python
