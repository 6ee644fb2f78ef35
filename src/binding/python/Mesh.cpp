#include "Common.hpp"
#include "RecordMapping.hpp"

#include <string>
#include <vector>

namespace openPMD::python
{
void initMesh(py::module_& m)
{
    py::class_<Mesh, MeshRecordComponent> mesh(
        m, "Mesh", "A field: a record of mesh components on a grid");
    mesh.def(py::init<Mesh const&>(), py::arg("other"),
             "Another handle on the same object (shares its state, as a copy in C++)");
    addRecordMethods<Mesh>(mesh);
    addTimeOffset<Mesh>(mesh);
    mesh.def_property("geometry", &Mesh::geometry,
                      py::overload_cast<Mesh::Geometry>(&Mesh::setGeometry))
        .def_property_readonly("geometry_string", &Mesh::geometryString)
        .def("set_geometry", py::overload_cast<Mesh::Geometry>(&Mesh::setGeometry),
             py::return_value_policy::reference_internal)
        .def("set_geometry", py::overload_cast<std::string>(&Mesh::setGeometry),
             py::return_value_policy::reference_internal)
        .def_property("geometry_parameters", &Mesh::geometryParameters,
                      &Mesh::setGeometryParameters)
        .def("set_geometry_parameters", &Mesh::setGeometryParameters,
             py::return_value_policy::reference_internal)
        .def_property(
            "data_order",
            [](Mesh const& mesh)
            { return std::string(1, static_cast<char>(mesh.dataOrder())); },
            [](Mesh& mesh, std::string const& order)
            {
                if (order != "C" && order != "F")
                {
                    throw py::value_error("data_order is 'C' or 'F', not '" + order +
                                          "'");
                }
                mesh.setDataOrder(static_cast<Mesh::DataOrder>(order[0]));
            })
        .def_property("axis_labels", &Mesh::axisLabels, &Mesh::setAxisLabels)
        .def("set_axis_labels", &Mesh::setAxisLabels,
             py::return_value_policy::reference_internal)
        .def_property(
            "grid_spacing", [](Mesh const& mesh) { return mesh.gridSpacing<double>(); },
            [](Mesh& mesh, std::vector<double> spacing) { mesh.setGridSpacing(spacing); })
        .def(
            "set_grid_spacing",
            [](Mesh& mesh, std::vector<double> spacing) -> Mesh&
            { return mesh.setGridSpacing(spacing); },
            py::return_value_policy::reference_internal)
        .def_property("grid_global_offset", &Mesh::gridGlobalOffset,
                      &Mesh::setGridGlobalOffset)
        .def("set_grid_global_offset", &Mesh::setGridGlobalOffset,
             py::return_value_policy::reference_internal)
        .def_property("grid_unit_SI", &Mesh::gridUnitSI, &Mesh::setGridUnitSI)
        .def("set_grid_unit_SI", &Mesh::setGridUnitSI,
             py::return_value_policy::reference_internal)
        .def("__repr__", [](Mesh const& mesh)
             { return "<openPMD.Mesh at '" + mesh.myPath().openPMDPath() + "'>"; });
}
} // namespace openPMD::python
