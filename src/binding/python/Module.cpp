#include "Common.hpp"
#include "PythonStoreType.hpp"

// The order matters: a class is registered before the classes that derive
// from it and before functions whose signatures name it.
PYBIND11_MODULE(openpmd_api_cxx, m)
{
    using namespace openPMD::python;
    m.doc() = "libopenPMD: read and write openPMD data (openpmd_api compatible)";
    initErrors(m);
    initEnums(m);
    initDatatype(m);
    initAttributable(m);
    initDataset(m);
    initRecordComponent(m);
    initMesh(m);
    initRecord(m);
    initContainers(m);
    initIteration(m);
    initSeries(m);
    initHelper(m);
    initConnectors(m);
    // The Zarr backend's {"store": {"type": "python"}} in this process.
    registerPythonStoreType({});
#if openPMD_PYTHON_TOOLS
    initTools(m);
#endif
}
