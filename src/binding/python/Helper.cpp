#include "Common.hpp"

#include <sstream>
#include <string>

namespace openPMD::python
{
void initHelper(py::module_& m)
{
    m.def(
        "list_series",
        [](Series& series, bool longer)
        {
            std::ostringstream text;
            helper::listSeries(series, longer, text);
            // Through Python's stdout, so redirections and pytest's capsys see it.
            py::print(text.str(), py::arg("end") = "");
        },
        py::arg("series"), py::arg("longer") = false,
        "Print a summary of a Series (what openpmd-ls prints)");

    m.def("merge_json", &json::merge, py::arg("default_value") = "{}",
          py::arg("overwrite") = "{}",
          "Merge two option strings (JSON or TOML): objects recursively, a value in "
          "overwrite replaces the default, null removes the key");

    m.attr("__version__") = getVersion();
    m.attr("__openPMD_standard__") = getStandard();
    m.attr("__openPMD_standard_minimum__") = getStandardMinimum();
    m.attr("variants") = getVariants();
    m.attr("file_extensions") = getFileExtensions();
    m.attr("__license__") = "BSD-3-Clause";
}
} // namespace openPMD::python
