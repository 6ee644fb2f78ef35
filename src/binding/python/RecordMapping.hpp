#pragma once

#include "Mapping.hpp"
#include "Slicing.hpp"

#include <array>
#include <map>

namespace openPMD::python
{
/**
 * What Mesh, Record and Patch_Record share: component access by name,
 * record[Record_Component.SCALAR] for scalar records, numpy slicing on a
 * scalar record itself, `scalar` and `unit_dimension` (set from a dict of
 * Unit_Dimension to powers, read as the list of the seven powers).
 */
template <typename Record, typename Class>
void addRecordMethods(Class& cls)
{
    addMapping<Record>(cls);
    cls.def(
           "__getitem__",
           [](Record& record, py::handle index) { return loadSlice(record, index); },
           py::arg("index"))
        .def_property_readonly("scalar", &Record::scalar)
        .def_property(
            "unit_dimension",
            [](Record const& record)
            {
                return record.containsAttribute("unitDimension")
                           ? record.unitDimension()
                           : std::array<double, 7>{};
            },
            [](Record& record, std::map<UnitDimension, double> const& udim)
            { record.setUnitDimension(udim); },
            "The powers of the SI base dimensions: set from a dict "
            "{Unit_Dimension: power}, read as a list of 7 powers")
        .def(
            "set_unit_dimension",
            [](Record& record, std::map<UnitDimension, double> const& udim) -> Record&
            { return record.setUnitDimension(udim); },
            py::arg("unit_dimension"), py::return_value_policy::reference_internal);
}

/** time_offset (a double) of Mesh and Record. */
template <typename Record, typename Class>
void addTimeOffset(Class& cls)
{
    cls.def_property(
           "time_offset",
           [](Record const& record) { return record.template timeOffset<double>(); },
           [](Record& record, double offset) { record.setTimeOffset(offset); })
        .def(
            "set_time_offset",
            [](Record& record, double offset) -> Record&
            { return record.setTimeOffset(offset); },
            py::arg("time_offset"), py::return_value_policy::reference_internal);
}
} // namespace openPMD::python
