// openpmd-check: checks a series against the openPMD standard (docs/tools.md).
// The program (openpmd_check_main.cpp) and `python3 -m openpmd_api.check`
// both run this.

#include "CheckCommand.hpp"
#include "IterationSelection.hpp"
#include "SeriesCheck.hpp"
#include "ToolExit.hpp"
#include "auxiliary/UTF8.hpp"

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <optional>
#include <stdexcept>

using namespace openPMD;
using namespace openPMD::tools;

namespace
{
char const* const usageText =
    R"(usage: openpmd-check [options] SERIES

Checks a series against the openPMD standard 1.0.x/1.1.0 (and the ED-PIC
extension when openPMDextension says so): required attributes and their
types, consistency of dimensions and particle counts, naming rules. Prints
one line per finding: "error: PATH: ..." or "warning: PATH: ...".

options:
  --json                 machine-readable output: {"errors": [...],
                         "warnings": [...], "clean": true|false}
  --iterations SEL       only these iterations (see openpmd-ls --help)
  --options OPTIONS      options for opening the series (JSON, TOML or @file)
  -h, --help             this text

exit status: 0 no errors (warnings allowed); 1 errors found; 2 the series
could not be read; 64 bad command line.
)";

int usageError(std::string const& message)
{
    std::cerr << "openpmd-check: " << message << " (see openpmd-check --help)\n";
    return exit_code::usage;
}
} // namespace

namespace openPMD::tools
{
int checkCommand(std::vector<std::string> const& argv)
{
    std::string seriesPath, options = "{}";
    bool json = false;
    IterationSelection iterations;
    for (std::size_t i = 0; i < argv.size(); ++i)
    {
        std::string const& arg = argv[i];
        if (arg == "-h" || arg == "--help")
        {
            std::cout << usageText;
            return exit_code::ok;
        }
        if (arg == "--json")
            json = true;
        else if (arg == "--iterations" || arg == "--options")
        {
            if (i + 1 >= argv.size())
                return usageError(arg + " needs a value");
            std::string const& value = argv[++i];
            if (arg == "--options")
                options = value;
            else
            {
                try
                {
                    iterations = IterationSelection::parse(value);
                }
                catch (std::invalid_argument const& e)
                {
                    return usageError(e.what());
                }
            }
        }
        else if (!arg.empty() && arg[0] == '-')
            return usageError("unknown option '" + arg + "'");
        else if (!seriesPath.empty())
            return usageError("one SERIES only, got '" + seriesPath + "' and '" + arg +
                              "'");
        else
            seriesPath = arg;
    }
    if (seriesPath.empty())
        return usageError("no SERIES given");

    try
    {
        Series series(seriesPath, Access::READ_ONLY, options);
        SeriesCheck const check(series, iterations);
        if (json)
            std::cout << check.json().dump(2) << '\n';
        else
        {
            for (auto const& f : check.findings())
                std::cout << (f.error ? "error: " : "warning: ") << f.path << ": "
                          << auxiliary::printable(f.message) << '\n';
            std::cout << seriesPath << ": " << check.errors() << " errors, "
                      << check.findings().size() - check.errors() << " warnings\n";
        }
        series.close();
        return check.errors() == 0 ? exit_code::ok : exit_code::problems;
    }
    catch (std::exception const& e)
    {
        std::cerr << "openpmd-check: cannot read '" << seriesPath
                  << "': " << auxiliary::printable(e.what()) << '\n';
        return exit_code::unreadable;
    }
}
} // namespace openPMD::tools
