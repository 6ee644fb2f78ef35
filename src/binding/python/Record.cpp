#include "Common.hpp"
#include "RecordMapping.hpp"

namespace openPMD::python
{
void initRecord(py::module_& m)
{
    py::class_<Record, RecordComponent> record(
        m, "Record", "A particle quantity: a record of components (or a scalar one)");
    addRecordMethods<Record>(record);
    addTimeOffset<Record>(record);
    record.def("__repr__", [](Record const& r)
               { return "<openPMD.Record at '" + r.myPath().openPMDPath() + "'>"; });

    py::class_<PatchRecord, PatchRecordComponent> patchRecord(
        m, "Patch_Record",
        "A quantity of particle patches (offset, extent, numParticles...)");
    addRecordMethods<PatchRecord>(patchRecord);
}
} // namespace openPMD::python
