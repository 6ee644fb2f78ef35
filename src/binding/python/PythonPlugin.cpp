// The `python` backend plugin, libopenPMD_plugin_python.so: an unchanged
// program stores through the Python connector class named by
//   OPENPMD_PYTHON_CONNECTOR=package.module:ClassName
// (docs/python-connectors.md, "Using a connector from C++"). Its register
// function starts CPython if the process has no interpreter (or joins the
// running one), imports the class and registers it as register_connector
// does. Without the variable it registers nothing and starts nothing.
//
// The interpreter it starts is never finalized: registry rows and open
// connectors may hold Python objects until the process ends, and
// finalizing under them (or in a static destructor) could crash. The GIL is
// released once start-up is done; the bridge acquires it per call.
#include "ConnectorRegistration.hpp"
#include "PythonStoreType.hpp"

#include <openPMD/IO/BackendPlugin.hpp>

#include <pybind11/embed.h>

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <vector>

#ifndef OPENPMD_PYTHON_PACKAGE_DIRS
#define OPENPMD_PYTHON_PACKAGE_DIRS ""
#endif

namespace
{
namespace py = pybind11;

char const* const variableName = "OPENPMD_PYTHON_CONNECTOR";

/** The loader reports this as error::PluginLoad with the plugin's path. */
[[noreturn]] void fail(std::string const& value, std::string const& why)
{
    throw std::runtime_error(std::string(variableName) + "='" + value + "': " + why);
}

struct ClassPath
{
    std::string module;
    /** The class within the module, possibly nested: "Outer.Inner". */
    std::vector<std::string> attributes;
};

bool isIdentifierPath(std::string const& text)
{
    if (text.empty() || text.front() == '.' || text.back() == '.' ||
        text.find("..") != std::string::npos)
    {
        return false;
    }
    for (char c : text)
    {
        bool const alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '_';
        if (!alnum && c != '.' && static_cast<unsigned char>(c) < 0x80)
        {
            return false;
        }
    }
    return true;
}

ClassPath parse(std::string const& value)
{
    auto const colon = value.find(':');
    if (colon == std::string::npos || value.find(':', colon + 1) != std::string::npos ||
        !isIdentifierPath(value.substr(0, colon)) ||
        !isIdentifierPath(value.substr(colon + 1)))
    {
        fail(value, "expected package.module:ClassName (e.g. "
                    "openpmd_api.connectors.sqlite:SQLiteConnector)");
    }
    ClassPath path{value.substr(0, colon), {}};
    std::string const attributes = value.substr(colon + 1);
    std::string::size_type begin = 0;
    while (begin <= attributes.size())
    {
        auto end = attributes.find('.', begin);
        end = end == std::string::npos ? attributes.size() : end;
        path.attributes.push_back(attributes.substr(begin, end - begin));
        begin = end + 1;
    }
    return path;
}

std::string directoryOfThisPlugin()
{
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&directoryOfThisPlugin), &info) == 0 ||
        info.dli_fname == nullptr)
    {
        return {};
    }
    std::string const file = info.dli_fname;
    auto const slash = file.find_last_of('/');
    return slash == std::string::npos ? std::string(".") : file.substr(0, slash);
}

bool exists(std::string const& path)
{
    struct stat info
    {
    };
    return stat(path.c_str(), &info) == 0;
}

/**
 * Appends the openpmd_api package directories known relative to this plugin
 * (build tree, install) to sys.path: PYTHONPATH still comes first.
 */
void addPackageDirectories()
{
    std::string const base = directoryOfThisPlugin();
    std::string const relatives = OPENPMD_PYTHON_PACKAGE_DIRS;
    if (base.empty())
    {
        return;
    }
    py::list sysPath = py::module_::import("sys").attr("path");
    std::string::size_type begin = 0;
    while (begin < relatives.size())
    {
        auto end = relatives.find(':', begin);
        end = end == std::string::npos ? relatives.size() : end;
        std::string const dir = base + "/" + relatives.substr(begin, end - begin);
        begin = end + 1;
        if (exists(dir + "/openpmd_api/__init__.py") && !sysPath.contains(dir))
        {
            sysPath.append(dir);
        }
    }
}

/** Starts CPython unless the process runs one (then this joins it). */
void startInterpreterIfNeeded(std::string const& value)
{
    if (Py_IsInitialized())
    {
        return;
    }
    // The loader opened this plugin (and so libpython) RTLD_LOCAL, but
    // extension modules (numpy, _sqlite3, openpmd_api) expect libpython's
    // symbols in the global scope: promote the already loaded library.
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&Py_IsInitialized), &info) != 0 &&
        info.dli_fname != nullptr)
    {
        // The handle is kept: libpython stays loaded until the process ends.
        (void)dlopen(info.dli_fname, RTLD_NOW | RTLD_GLOBAL | RTLD_NOLOAD);
    }
    try
    {
        // No signal handlers: Ctrl-C stays the program's, not Python's.
        py::initialize_interpreter(false, 0, nullptr, false);
    }
    catch (std::exception const& e)
    {
        fail(value, std::string("cannot start the Python interpreter: ") + e.what());
    }
    {
        py::gil_scoped_acquire gil;
        try
        {
            addPackageDirectories();
        }
        catch (py::error_already_set const& e)
        {
            fail(value, "cannot extend sys.path: " + openPMD::python::exceptionText(e));
        }
    }
    // Start-up holds the GIL: release it for good. The bridge (and other
    // threads) take it with PyGILState_Ensure per call.
    (void)PyEval_SaveThread();
}

void importAndRegister(std::string const& value, ClassPath const& path)
{
    py::gil_scoped_acquire gil;
    py::object object;
    try
    {
        object = py::module_::import(path.module.c_str());
    }
    catch (py::error_already_set const& e)
    {
        py::list sysPath = py::module_::import("sys").attr("path");
        fail(value, "cannot import module '" + path.module +
                        "': " + openPMD::python::exceptionText(e) +
                        " (set PYTHONPATH; sys.path is " +
                        py::repr(sysPath).cast<std::string>() + ")");
    }
    std::string walked = path.module;
    for (auto const& attribute : path.attributes)
    {
        if (!py::hasattr(object, attribute.c_str()))
        {
            fail(value, "'" + walked + "' has no attribute '" + attribute + "'");
        }
        object = object.attr(attribute.c_str());
        walked += "." + attribute;
    }
    try
    {
        openPMD::python::registerConnectorClass(object);
    }
    catch (py::error_already_set const& e)
    {
        fail(value, openPMD::python::exceptionText(e));
    }
    catch (std::exception const& e) // py::type_error, openPMD::Error
    {
        fail(value, e.what());
    }
}

void registerBackends()
{
    // The Zarr backend's Python stores: CPython starts when the first one
    // is opened, not now.
    openPMD::python::registerPythonStoreType(
        []
        {
            static std::mutex startup;
            std::lock_guard<std::mutex> lock(startup);
            startInterpreterIfNeeded("(a python store of the Zarr backend)");
        });
    char const* set = std::getenv(variableName);
    std::string const value = set ? set : "";
    if (value.empty())
    {
        return; // loaded from a plugin directory without a connector to serve
    }
    ClassPath const path = parse(value);
    startInterpreterIfNeeded(value);
    importAndRegister(value, path);
}
} // namespace

OPENPMD_BACKEND_PLUGIN("python", registerBackends);
