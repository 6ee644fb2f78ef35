#include "Common.hpp"

#include <string>

namespace openPMD::python
{
void initIteration(py::module_& m)
{
    py::class_<Iteration, Attributable>(m, "Iteration",
                                        "One snapshot: meshes and particles at one time")
        .def(py::init<Iteration const&>(), py::arg("other"),
             "Another handle on the same object (shares its state, as a copy in C++)")
        .def_property(
            "time", [](Iteration const& it) { return it.time<double>(); },
            [](Iteration& it, double time) { it.setTime(time); })
        .def(
            "set_time",
            [](Iteration& it, double time) -> Iteration& { return it.setTime(time); },
            py::arg("time"), py::return_value_policy::reference_internal)
        .def_property(
            "dt", [](Iteration const& it) { return it.dt<double>(); },
            [](Iteration& it, double dt) { it.setDt(dt); })
        .def(
            "set_dt", [](Iteration& it, double dt) -> Iteration& { return it.setDt(dt); },
            py::arg("dt"), py::return_value_policy::reference_internal)
        .def_property("time_unit_SI", &Iteration::timeUnitSI, &Iteration::setTimeUnitSI)
        .def("set_time_unit_SI", &Iteration::setTimeUnitSI, py::arg("time_unit_SI"),
             py::return_value_policy::reference_internal)
        .def("open", &Iteration::open, py::return_value_policy::reference_internal,
             "Open the iteration now (reads it in read modes)")
        .def("close", &Iteration::close, py::arg("flush") = true,
             py::return_value_policy::reference_internal,
             "Flush (if flush) and release the iteration; it cannot be reopened")
        .def_property_readonly("closed", &Iteration::closed)
        .def_property_readonly("meshes", [](Iteration const& it) { return it.meshes; })
        .def_property_readonly("particles",
                               [](Iteration const& it) { return it.particles; })
        .def("__repr__", [](Iteration const& it)
             { return "<openPMD.Iteration at '" + it.myPath().openPMDPath() + "'>"; });

    py::class_<IndexedIteration, Iteration>(m, "IndexedIteration",
                                            "An iteration together with its index")
        .def_readonly("iteration_index", &IndexedIteration::iterationIndex);
}
} // namespace openPMD::python
