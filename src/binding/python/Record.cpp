#include "Common.hpp"
#include "RecordMapping.hpp"

namespace openPMD::python
{
void initRecord(py::module_& m)
{
    py::class_<Record, RecordComponent> record(
        m, "Record", "A particle quantity: a record of components (or a scalar one)");
    record.def(py::init<Record const&>(), py::arg("other"),
               "Another handle on the same object (shares its state, as a copy in C++)");
    addRecordMethods<Record>(record);
    addTimeOffset<Record>(record);
    record.def("__repr__", [](Record const& r)
               { return "<openPMD.Record at '" + r.myPath().openPMDPath() + "'>"; });

    py::class_<PatchRecord, PatchRecordComponent> patchRecord(
        m, "Patch_Record",
        "A quantity of particle patches (offset, extent, numParticles...)");
    patchRecord.def(
        py::init<PatchRecord const&>(), py::arg("other"),
        "Another handle on the same object (shares its state, as a copy in C++)");
    addRecordMethods<PatchRecord>(patchRecord);
}
} // namespace openPMD::python
