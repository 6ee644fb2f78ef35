// The command-line tools' code (tools/), for `python3 -m openpmd_api.ls`:
// users who install only the Python module get the same tool.
#include "Common.hpp"

#include <CheckCommand.hpp>
#include <LsCommand.hpp>
#include <PipeCommand.hpp>

#include <iostream>

namespace openPMD::python
{
namespace
{
template <int (*command)(std::vector<std::string> const&)>
int runTool(std::vector<std::string> const& arguments)
{
    // Python and C++ buffer their output separately: keep the order.
    py::module_::import("sys").attr("stdout").attr("flush")();
    int const status = command(arguments);
    std::cout.flush();
    return status;
}
/** The pipe in this process alone (the module has no MPI tools). */
int pipeSerial(std::vector<std::string> const& arguments)
{
    return tools::pipeCommand(arguments);
}
} // namespace

void initTools(py::module_& m)
{
    m.def("_run_ls", &runTool<&tools::lsCommand>, py::arg("arguments"),
          "Runs openpmd-ls with these arguments; returns its exit status.");
    m.def("_run_pipe", &runTool<&pipeSerial>, py::arg("arguments"),
          "Runs openpmd-pipe with these arguments; returns its exit status.");
    m.def("_run_check", &runTool<&tools::checkCommand>, py::arg("arguments"),
          "Runs openpmd-check with these arguments; returns its exit status.");
}
} // namespace openPMD::python
