// openpmd_api.register_connector(cls): a Python connector class becomes a
// backend row of the BackendRegistry (docs/python-connectors.md).
#include "ConnectorRegistration.hpp"
#include "ConnectorIOHandlerImpl.hpp"

#include <openPMD/IO/AbstractIOHandler.hpp>
#include <openPMD/IO/BackendRegistry.hpp>

#include <memory>
#include <string>
#include <vector>

namespace openPMD::python
{
namespace
{
char const* const protocolMethods[] = {
    "create_file",      "open_file",        "file_exists",     "close_file",
    "delete_file",      "list_files",       "create_group",    "group_exists",
    "delete_group",     "list_groups",      "create_dataset",  "extend_dataset",
    "dataset_info",     "delete_dataset",   "list_datasets",   "write_chunk",
    "read_chunk",       "available_chunks", "write_attribute", "read_attribute",
    "delete_attribute", "list_attributes",  "begin_flush",     "end_flush"};

/**
 * The registered class. The registry's rows live until the program ends,
 * possibly after the interpreter: the reference is never given back, so no
 * Python object is released without the GIL.
 */
struct ConnectorClass
{
    PyObject* cls = nullptr;
    std::string name;
    std::string qualname;
};

/** A handler with a new instance cls(options, rank, size) of the class. */
std::unique_ptr<AbstractIOHandler> createHandler(ConnectorClass const& connector,
                                                 BackendArguments const& arguments,
                                                 std::unique_ptr<ConnectorRanks> ranks)
{
    int const rank = ranks->rank();
    int const size = ranks->size();
    std::unique_ptr<ConnectorIOHandlerImpl> impl;
    {
        py::gil_scoped_acquire gil;
        py::object options;
        try
        {
            options = py::module_::import("json").attr("loads")(arguments.options);
        }
        catch (py::error_already_set const& e)
        {
            throw error::BackendConfigSchema(
                {connector.name}, "the options of connector " + connector.name +
                                      " are not JSON: " + exceptionText(e));
        }
        if (!py::isinstance<py::dict>(options))
        {
            throw error::BackendConfigSchema(
                {connector.name}, "the options of connector " + connector.name +
                                      " must be an object, got " + arguments.options);
        }
        py::object instance;
        try
        {
            instance = py::handle(connector.cls)(options, rank, size);
        }
        catch (py::error_already_set const& e)
        {
            std::string const message =
                "connector " + connector.name + ": " + connector.qualname + "(" +
                py::repr(options).cast<std::string>() + ", " + std::to_string(rank) +
                ", " + std::to_string(size) + ") raised " + exceptionText(e);
            if (e.matches(PyExc_ValueError) || e.matches(PyExc_TypeError))
            {
                throw error::BackendConfigSchema({connector.name}, message);
            }
            throw error::WriteError(error::AffectedObject::Other, connector.name,
                                    message);
        }
        impl = std::make_unique<ConnectorIOHandlerImpl>(
            arguments.directory, arguments.access, connector.name, std::move(instance),
            std::move(ranks));
    }
    return std::make_unique<ImplIOHandler>(arguments.directory, arguments.access,
                                           std::move(impl));
}

std::vector<std::string> listFiles(ConnectorClass const& connector,
                                   std::string const& directory)
{
    py::gil_scoped_acquire gil;
    try
    {
        return py::handle(connector.cls)
            .attr("list_files")(directory)
            .cast<std::vector<std::string>>();
    }
    catch (py::error_already_set const& e)
    {
        throw error::ReadError(
            error::AffectedObject::File, error::Reason::Other, connector.name,
            "connector " + connector.name + ": " + connector.qualname + ".list_files('" +
                directory + "') raised " + exceptionText(e));
    }
    catch (py::cast_error const&)
    {
        throw error::ReadError(
            error::AffectedObject::File, error::Reason::UnexpectedContent, connector.name,
            "connector " + connector.name + ": " + connector.qualname + ".list_files('" +
                directory + "') must return a list of str");
    }
}

py::object registerConnector(py::object cls)
{
    registerConnectorClass(cls);
    return cls;
}
} // namespace

std::string exceptionText(py::error_already_set const& e)
{
    return py::str(e.type().attr("__name__")).cast<std::string>() + ": " +
           py::str(e.value()).cast<std::string>();
}

void registerConnectorClass(py::handle cls)
{
    if (!py::isinstance<py::type>(cls))
    {
        throw py::type_error("register_connector expects a connector class, got " +
                             py::repr(cls).cast<std::string>());
    }
    auto connector = std::make_shared<ConnectorClass>();
    connector->qualname = py::str(cls.attr("__qualname__")).cast<std::string>();
    if (!py::hasattr(cls, "name") || !py::isinstance<py::str>(cls.attr("name")) ||
        py::len(cls.attr("name")) == 0)
    {
        throw py::type_error("connector class " + connector->qualname +
                             " needs a class attribute `name`, a non-empty str");
    }
    connector->name = cls.attr("name").cast<std::string>();
    std::vector<std::string> extensions;
    if (py::hasattr(cls, "extensions") &&
        !py::isinstance<py::str>(cls.attr("extensions")))
    {
        for (auto extension : cls.attr("extensions"))
        {
            if (!py::isinstance<py::str>(extension) || py::len(extension) == 0)
            {
                extensions.clear();
                break;
            }
            extensions.push_back("." + extension.cast<std::string>());
        }
    }
    if (extensions.empty())
    {
        throw py::type_error("connector class " + connector->qualname +
                             " needs a class attribute `extensions`, a non-empty list "
                             "of non-empty str (without dot)");
    }
    std::string missing;
    for (char const* name : protocolMethods)
    {
        if (!py::hasattr(cls, name) || !PyCallable_Check(cls.attr(name).ptr()))
        {
            missing += (missing.empty() ? "" : ", ") + std::string(name);
        }
    }
    if (!missing.empty())
    {
        throw py::type_error("connector class " + connector->qualname +
                             " lacks the protocol method(s) " + missing +
                             " (docs/python-connectors.md)");
    }
    if (BackendRegistry::findByName(connector->name) != nullptr)
    {
        throw error::WrongAPIUsage("register_connector(" + connector->qualname +
                                   "): a backend named '" + connector->name +
                                   "' is registered already");
    }
    connector->cls = cls.inc_ref().ptr();

    BackendRow row;
    row.name = connector->name;
    row.configKey = connector->name;
    row.extensions = extensions;
    row.available = true;
    row.create = [connector](BackendArguments const& arguments)
    { return createHandler(*connector, arguments, std::make_unique<ConnectorRanks>()); };
#if openPMD_HAVE_MPI
    // Each rank its own instance; the handler does the communication.
    row.createParallel = [connector](BackendArguments const& arguments, MPI_Comm comm) {
        return createHandler(*connector, arguments,
                             std::make_unique<ConnectorRanks>(comm));
    };
#endif
    row.listFiles = [connector](std::string const& directory)
    { return listFiles(*connector, directory); };
    {
        // Registration takes no Python object: let other threads run.
        py::gil_scoped_release release;
        BackendRegistry::registerBackend(std::move(row));
    }
}

void initConnectors(py::module_& m)
{
    m.def("register_connector", &registerConnector, py::arg("cls"),
          "Make a Python connector class (docs/python-connectors.md) a backend: "
          "Series use it for files with one of cls.extensions and for the option "
          "{\"backend\": cls.name}. Returns cls (usable as a class decorator).");
}
} // namespace openPMD::python
