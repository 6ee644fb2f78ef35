#pragma once

// The store type "python" of the Zarr backend, shared by the Python module
// (a Python program) and the python plugin (an unchanged C++ program).

#include <functional>

namespace openPMD::python
{
/**
 * Registers the store type "python" unless it is registered already (the
 * module and the plugin may both be loaded). `ensureInterpreter` runs before
 * each store is opened: the plugin starts CPython there, lazily, so a
 * program that never opens a Python store never starts an interpreter.
 * Does not need the GIL.
 */
void registerPythonStoreType(std::function<void()> ensureInterpreter);
} // namespace openPMD::python
