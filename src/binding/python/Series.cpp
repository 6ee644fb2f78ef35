#include "Common.hpp"

#include <optional>
#include <string>

#if openPMD_HAVE_MPI && defined(openPMD_HAVE_PYTHON_MPI)
#include <mpi4py/mpi4py.h>
#endif

namespace openPMD::python
{
namespace
{
/** A Python iterator over readIterations(): the C++ iterator opens each
 *  iteration and closes the previous one when advanced. */
struct ReadIterationsIterator
{
    SeriesIterator current;
    bool started = false;

    IndexedIteration next()
    {
        if (started)
        {
            ++current;
        }
        started = true;
        if (current == SeriesIterator::end())
        {
            throw py::stop_iteration();
        }
        return *current;
    }
};

/** A file path given as str or os.PathLike (pathlib.Path). */
std::string pathString(py::handle path)
{
    return py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>();
}

/**
 * Options given as a JSON/TOML string, as a dict (dumped to JSON) or as a
 * pathlib.Path of an options file (the "@file" form).
 */
std::string optionsString(py::handle options)
{
    if (py::isinstance<py::str>(options))
    {
        return options.cast<std::string>();
    }
    if (py::isinstance(options, py::module_::import("os").attr("PathLike")))
    {
        return "@" + pathString(options);
    }
    if (py::isinstance<py::dict>(options))
    {
        return py::module_::import("json").attr("dumps")(options).cast<std::string>();
    }
    throw py::type_error(
        "Series: options are a JSON/TOML string, a dict or a pathlib.Path "
        "(the third argument may also be an mpi4py communicator in MPI "
        "builds), not " +
        py::repr(options).cast<std::string>());
}

#if openPMD_HAVE_MPI && defined(openPMD_HAVE_PYTHON_MPI)
/**
 * The MPI_Comm of an mpi4py communicator. Anything else throws
 * reference_cast_error, which makes pybind11 try the next overload (the
 * serial constructor, whose third argument is the options).
 */
MPI_Comm communicatorOf(py::handle comm)
{
    if (py::isinstance<py::str>(comm) || py::isinstance<py::dict>(comm))
    {
        throw py::reference_cast_error();
    }
    if (import_mpi4py() < 0)
    {
        PyErr_Clear(); // no mpi4py at run time: cannot be a communicator
        throw py::reference_cast_error();
    }
    if (!PyObject_TypeCheck(comm.ptr(), &PyMPIComm_Type))
    {
        throw py::reference_cast_error();
    }
    MPI_Comm* communicator = PyMPIComm_Get(comm.ptr());
    if (communicator == nullptr)
    {
        throw py::error_already_set();
    }
    return *communicator;
}
#endif

void addRootAttributes(py::class_<Series, Attributable>& series)
{
    using S = Series;
    auto const self = py::return_value_policy::reference_internal;
    series.def_property("openPMD", &S::openPMD, &S::setOpenPMD)
        .def("set_openPMD", &S::setOpenPMD, self)
        .def_property("openPMD_extension", &S::openPMDextension, &S::setOpenPMDextension)
        .def("set_openPMD_extension", &S::setOpenPMDextension, self)
        .def_property("base_path", &S::basePath, &S::setBasePath)
        .def("set_base_path", &S::setBasePath, self)
        .def_property("meshes_path", &S::meshesPath, &S::setMeshesPath)
        .def("set_meshes_path", &S::setMeshesPath, self)
        .def_property("particles_path", &S::particlesPath, &S::setParticlesPath)
        .def("set_particles_path", &S::setParticlesPath, self)
        .def_property("author", &S::author, &S::setAuthor)
        .def("set_author", &S::setAuthor, self)
        .def_property("software", &S::software,
                      [](S& s, std::string const& name) { s.setSoftware(name); })
        .def("set_software", &S::setSoftware, py::arg("name"),
             py::arg("version") = "unspecified", self)
        .def_property_readonly("software_version", &S::softwareVersion)
        .def(
            "set_software_version",
            [](S& s, std::string const& version) -> S&
            { return s.setSoftware(s.software(), version); },
            self)
        .def_property("date", &S::date, &S::setDate)
        .def("set_date", &S::setDate, self)
        .def_property("software_dependencies", &S::softwareDependencies,
                      &S::setSoftwareDependencies)
        .def("set_software_dependencies", &S::setSoftwareDependencies, self)
        .def_property("machine", &S::machine, &S::setMachine)
        .def("set_machine", &S::setMachine, self)
        .def_property("iteration_encoding", &S::iterationEncoding,
                      &S::setIterationEncoding)
        .def("set_iteration_encoding", &S::setIterationEncoding, self)
        .def_property("iteration_format", &S::iterationFormat, &S::setIterationFormat)
        .def("set_iteration_format", &S::setIterationFormat, self)
        .def_property("name", &S::name, &S::setName)
        .def("set_name", &S::setName, self)
        .def_property_readonly("backend", &S::backend);
}
} // namespace

void initSeries(py::module_& m)
{
    py::class_<ReadIterationsIterator>(m, "SeriesIterator")
        .def("__iter__", [](py::object self) { return self; })
        .def("__next__", &ReadIterationsIterator::next);
    py::class_<ReadIterations>(
        m, "ReadIterations", "Iterations one after the other, opened and closed for you")
        .def(
            "__iter__",
            [](ReadIterations& r) { return ReadIterationsIterator{r.begin()}; },
            py::keep_alive<0, 1>());
    py::class_<WriteIterations>(m, "WriteIterations",
                                "Write iterations one after the other")
        .def("__getitem__", &WriteIterations::operator[], py::arg("index"),
             py::return_value_policy::copy)
        .def("current_iteration", &WriteIterations::currentIteration);

    py::class_<Series, Attributable> series(
        m, "Series", "An openPMD data set: a series of iterations in one or many files");
    series
    // The MPI overload first: it passes on anything but a communicator.
#if openPMD_HAVE_MPI && defined(openPMD_HAVE_PYTHON_MPI)
        .def(py::init(
                 [](py::handle path, Access access, py::handle comm, py::handle options)
                 {
                     return Series(pathString(path), access, communicatorOf(comm),
                                   optionsString(options));
                 }),
             py::arg("filepath"), py::arg("access"), py::arg("mpi_communicator"),
             py::arg("options") = "{}", "A parallel Series over an mpi4py communicator")
#endif
        .def(py::init(
                 [](py::handle path, Access access, py::handle options)
                 { return Series(pathString(path), access, optionsString(options)); }),
             py::arg("filepath"), py::arg("access"), py::arg("options") = "{}",
             "Open or create a Series; %T in the file name means file-based. filepath: "
             "str or pathlib.Path; options: JSON/TOML string, dict, or pathlib.Path of "
             "an options file")
        .def("__bool__", [](Series const& s) { return static_cast<bool>(s); })
        .def("__len__", [](Series const& s) { return s.iterations.size(); })
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](Series& s, py::handle, py::handle, py::handle)
            {
                s.close();
                return false;
            },
            py::arg("exc_type"), py::arg("exc_value"), py::arg("traceback"))
        // As in openPMD-api, the iterations (and what is reached through
        // them) do not keep the Series object alive: when its last Python
        // reference goes, the Series is flushed and closed, even if an
        // iteration, mesh or component is still referenced (their data stay
        // valid, storage access then raises an error).
        .def_property_readonly("iterations", [](Series const& s) { return s.iterations; })
        .def("read_iterations", &Series::readIterations, py::keep_alive<0, 1>(),
             "Loop over the iterations; each is opened before and closed after its turn")
        .def("write_iterations", &Series::writeIterations, py::keep_alive<0, 1>(),
             "Write iterations in order; accessing one closes the previous one")
        .def("parse_base", &Series::parseBase)
        .def("flush", &Series::flush, py::arg("backend_config") = "{}",
             "A flush point: writes and reads everything pending")
        .def("close", &Series::close, "Flush and release the storage")
        .def("get_rank_table", &Series::rankTable, py::arg("collective") = false)
        .def("set_rank_table", &Series::setRankTable, py::arg("my_rank_info"),
             py::return_value_policy::reference_internal)
        .def("__repr__",
             [](Series const& s)
             {
                 if (!s)
                 {
                     return std::string("<openPMD.Series (closed)>");
                 }
                 return "<openPMD.Series at '" + s.myPath().filePath() + "' with " +
                        std::to_string(s.iterations.size()) + " iterations>";
             });
    addRootAttributes(series);
}
} // namespace openPMD::python
