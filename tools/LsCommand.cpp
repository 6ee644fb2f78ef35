// openpmd-ls: what an openPMD series holds (docs/tools.md). The program
// (openpmd_ls_main.cpp) and `python3 -m openpmd_api.ls` both run this.

#include "LsCommand.hpp"
#include "IterationSelection.hpp"
#include "SeriesListing.hpp"
#include "ToolExit.hpp"
#include "auxiliary/UTF8.hpp"

#include <openPMD/openPMD.hpp>

#include <cstring>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>

using namespace openPMD;
using namespace openPMD::tools;

namespace
{
char const* const usageText =
    R"(usage: openpmd-ls [options] SERIES

Lists what an openPMD series holds: series attributes, iterations, meshes with
their components (type, shape), particle species with their records and
particle counts. SERIES is a file name (data.h5, data.json) or a file-based
pattern (data_%T.h5); any backend works, including plugins selected with
OPENPMD_PLUGINS and OPENPMD_BACKEND.

options:
  --json                 machine-readable output (one JSON document)
  --attributes           every attribute of every object, with its type
  --chunks               the chunks the backend reports for every component
  --iterations SEL       only these iterations: INDEX or FIRST:LAST[:STEP]
                         (LAST included, either end may be empty), several
                         separated by commas, e.g. 0:100:10,250
  --options OPTIONS      options for opening the series (JSON, TOML or @file)
  -h, --help             this text

exit status: 0 listed; 1 listed, but some iterations could not be read;
2 the series could not be opened; 64 bad command line.
)";

struct Arguments
{
    std::string series;
    std::string openOptions = "{}";
    bool json = false;
    ListingOptions listing;
};

int usageError(std::string const& message)
{
    std::cerr << "openpmd-ls: " << message << " (see openpmd-ls --help)\n";
    return exit_code::usage;
}

/** Fills `args`; returns an exit code if the program should stop now. */
std::optional<int> parseArguments(std::vector<std::string> const& argv, Arguments& args)
{
    for (size_t i = 0; i < argv.size(); ++i)
    {
        std::string const arg = argv[i];
        auto value = [&]() -> std::optional<std::string>
        {
            if (i + 1 >= argv.size())
                return std::nullopt;
            return argv[++i];
        };
        if (arg == "-h" || arg == "--help")
        {
            std::cout << usageText;
            return exit_code::ok;
        }
        else if (arg == "--json")
            args.json = true;
        else if (arg == "--attributes")
            args.listing.attributes = true;
        else if (arg == "--chunks")
            args.listing.chunks = true;
        else if (arg == "--iterations" || arg == "--options")
        {
            auto const v = value();
            if (!v)
                return usageError(arg + " needs a value");
            if (arg == "--options")
            {
                args.openOptions = *v;
                continue;
            }
            try
            {
                args.listing.iterations = IterationSelection::parse(*v);
            }
            catch (std::invalid_argument const& e)
            {
                return usageError(e.what());
            }
        }
        else if (!arg.empty() && arg[0] == '-')
            return usageError("unknown option '" + arg + "'");
        else if (!args.series.empty())
            return usageError("one SERIES only, got '" + args.series + "' and '" + arg +
                              "'");
        else
            args.series = arg;
    }
    if (args.series.empty())
        return usageError("no SERIES given");
    return std::nullopt;
}
} // namespace

namespace openPMD::tools
{
int lsCommand(std::vector<std::string> const& arguments)
{
    Arguments args;
    if (auto stop = parseArguments(arguments, args))
        return *stop;

    std::optional<Series> series;
    try
    {
        series.emplace(args.series, Access::READ_ONLY, args.openOptions);
    }
    catch (std::exception const& e)
    {
        std::cerr << "openpmd-ls: cannot open '" << args.series
                  << "': " << auxiliary::printable(e.what()) << '\n';
        return exit_code::unreadable;
    }
    try
    {
        SeriesListing const listing(*series, args.listing);
        if (args.json)
            std::cout << listing.json().dump(2) << '\n';
        else
            listing.printText(std::cout);
        series->close();
        return listing.errors() == 0 ? exit_code::ok : exit_code::problems;
    }
    catch (std::exception const& e)
    {
        std::cerr << "openpmd-ls: cannot read '" << args.series
                  << "': " << auxiliary::printable(e.what()) << '\n';
        return exit_code::unreadable;
    }
}
} // namespace openPMD::tools
