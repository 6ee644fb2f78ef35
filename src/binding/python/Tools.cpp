// The command-line tools' code (tools/), for `python3 -m openpmd_api.ls`:
// users who install only the Python module get the same tool.
#include "Common.hpp"

#include <LsCommand.hpp>

#include <iostream>

namespace openPMD::python
{
void initTools(py::module_& m)
{
    m.def(
        "_run_ls",
        [](std::vector<std::string> const& arguments)
        {
            // Python and C++ buffer their output separately: keep the order.
            py::module_::import("sys").attr("stdout").attr("flush")();
            int const status = tools::lsCommand(arguments);
            std::cout.flush();
            return status;
        },
        py::arg("arguments"),
        "Runs openpmd-ls with these arguments; returns its exit status.");
}
} // namespace openPMD::python
