#include "Common.hpp"

namespace openPMD::python
{
void initEnums(py::module_& m)
{
    py::enum_<Access>(m, "Access", "How a Series opens its storage")
        .value("read_only", Access::READ_ONLY)
        .value("read_random_access", Access::READ_RANDOM_ACCESS)
        .value("read_linear", Access::READ_LINEAR)
        .value("read_write", Access::READ_WRITE)
        .value("create", Access::CREATE)
        .value("append", Access::APPEND);

    py::enum_<Mesh::Geometry>(m, "Geometry", "The geometry of a mesh")
        .value("cartesian", Mesh::Geometry::cartesian)
        .value("thetaMode", Mesh::Geometry::thetaMode)
        .value("cylindrical", Mesh::Geometry::cylindrical)
        .value("spherical", Mesh::Geometry::spherical)
        .value("other", Mesh::Geometry::other);

    py::enum_<IterationEncoding>(m, "Iteration_Encoding",
                                 "How iterations are laid out in storage")
        .value("file_based", IterationEncoding::fileBased)
        .value("group_based", IterationEncoding::groupBased)
        .value("variable_based", IterationEncoding::variableBased);

    py::enum_<UnitDimension>(m, "Unit_Dimension",
                             "The seven SI base dimensions (keys of unit_dimension)")
        .value("L", UnitDimension::L)
        .value("M", UnitDimension::M)
        .value("T", UnitDimension::T)
        .value("I", UnitDimension::I)
        .value("theta", UnitDimension::theta)
        .value("N", UnitDimension::N)
        .value("J", UnitDimension::J);
}
} // namespace openPMD::python
