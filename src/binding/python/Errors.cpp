#include "Common.hpp"
#include "Mapping.hpp"

#include <string>

namespace openPMD::python
{
namespace
{
// One Python type per openPMD::error type, all derived from openpmd_api.Error
// (itself a RuntimeError), so `except io.Error` catches any library failure.
struct ErrorTypes
{
    PyObject* base = nullptr;
    PyObject* operationUnsupported = nullptr;
    PyObject* wrongAPIUsage = nullptr;
    PyObject* backendConfigSchema = nullptr;
    PyObject* internal = nullptr;
    PyObject* noSuchAttribute = nullptr;
    PyObject* readError = nullptr;
    PyObject* writeError = nullptr;
    PyObject* illegalConversion = nullptr;
    PyObject* pluginLoad = nullptr;
    PyObject* noSuchKey = nullptr;
};
ErrorTypes errorTypes;

PyObject* makeType(py::module_& m, char const* name, PyObject* base, char const* doc)
{
    py::exception<Error> type(m, name, base);
    type.doc() = doc;
    return type.ptr();
}

void translate(std::exception_ptr failure)
{
    auto const raise = [](PyObject* type, Error const& e)
    { PyErr_SetString(type, e.what()); };
    try
    {
        std::rethrow_exception(failure);
    }
    catch (error::OperationUnsupportedInBackend const& e)
    {
        raise(errorTypes.operationUnsupported, e);
    }
    catch (error::WrongAPIUsage const& e)
    {
        raise(errorTypes.wrongAPIUsage, e);
    }
    catch (error::BackendConfigSchema const& e)
    {
        raise(errorTypes.backendConfigSchema, e);
    }
    catch (error::Internal const& e)
    {
        raise(errorTypes.internal, e);
    }
    catch (error::NoSuchAttribute const& e)
    {
        raise(errorTypes.noSuchAttribute, e);
    }
    catch (error::ReadError const& e)
    {
        raise(errorTypes.readError, e);
    }
    catch (error::WriteError const& e)
    {
        raise(errorTypes.writeError, e);
    }
    catch (error::IllegalConversion const& e)
    {
        raise(errorTypes.illegalConversion, e);
    }
    catch (error::PluginLoad const& e)
    {
        raise(errorTypes.pluginLoad, e);
    }
    catch (Error const& e)
    {
        raise(errorTypes.base, e);
    }
}
} // namespace

void raiseNoSuchKey(std::string const& message)
{
    PyErr_SetString(errorTypes.noSuchKey, message.c_str());
    throw py::error_already_set();
}

void initErrors(py::module_& m)
{
    auto& t = errorTypes;
    t.base = makeType(m, "Error", PyExc_RuntimeError,
                      "Base of every error of the openPMD library");
    t.operationUnsupported =
        makeType(m, "ErrorOperationUnsupportedInBackend", t.base,
                 "The backend of the file does not support the operation");
    t.wrongAPIUsage = makeType(m, "ErrorWrongAPIUsage", t.base,
                               "The API was used in a way it does not allow");
    t.backendConfigSchema = makeType(m, "ErrorBackendConfigSchema", t.base,
                                     "An option string does not fit its schema");
    t.internal = makeType(m, "ErrorInternal", t.base, "A bug in the library");
    t.noSuchAttribute =
        makeType(m, "ErrorNoSuchAttribute", t.base, "The attribute does not exist");
    t.readError = makeType(m, "ErrorReadError", t.base,
                           "Storage could not be read (missing, unreadable, unexpected)");
    t.writeError = makeType(m, "ErrorWriteError", t.base, "Storage could not be written");
    t.illegalConversion = makeType(m, "ErrorIllegalConversion", t.base,
                                   "A value does not convert to the requested type");
    t.pluginLoad =
        makeType(m, "ErrorPluginLoad", t.base, "A backend plugin could not be loaded");
    // A missing key in a read-only container: a KeyError as for a dict, and an
    // IndexError as openPMD-api raises there (its C++ std::out_of_range).
    py::object const bases =
        py::make_tuple(py::handle(PyExc_KeyError), py::handle(PyExc_IndexError));
    t.noSuchKey = makeType(m, "NoSuchKeyError", bases.ptr(),
                           "The key is not in the container of a read-only Series "
                           "(both a KeyError and an IndexError)");
    py::register_exception_translator(&translate);
}
} // namespace openPMD::python
