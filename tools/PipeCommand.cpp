// openpmd-pipe: copies a series to another backend, encoding or place
// (docs/tools.md). The program (openpmd_pipe_main.cpp) runs this.

#include "PipeCommand.hpp"
#include "ChunkPlan.hpp"
#include "IterationSelection.hpp"
#include "ProgressBar.hpp"
#include "SeriesCompare.hpp"
#include "SeriesCopy.hpp"
#include "ToolExit.hpp"
#include "auxiliary/UTF8.hpp"

#include <openPMD/openPMD.hpp>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <unistd.h>

using namespace openPMD;
using namespace openPMD::tools;

namespace
{
char const* const usageText =
    R"(usage: openpmd-pipe --in SERIES --out SERIES [options]

Copies an openPMD series to another backend, encoding or place: h5 -> json,
json -> h5, group-based (data.h5) -> file-based (data_%T.h5), or to any
registered backend (plugins: OPENPMD_PLUGINS). Attributes keep their exact
types; constant and empty components stay constant and empty. Data move
chunk by chunk, so memory stays within --max-memory whatever the size.

options:
  --in SERIES            the series to read (file name or data_%T pattern)
  --out SERIES           the series to write; it is created (replaced)
  --in-options OPTIONS   options for opening the input (JSON, TOML or @file)
  --out-options OPTIONS  options for creating the output
  --iterations SEL       only these iterations: INDEX or FIRST:LAST[:STEP],
                         comma-separated (LAST included), e.g. 0:100:10
  --max-memory SIZE      data held at once, e.g. 64MiB, 1GB (default 256MiB)
  --verify               read the output back and compare every attribute
                         and value with the input
  --quiet                no progress bar (it is shown only on a terminal)
  -h, --help             this text

exit status: 0 copied (and verified); 1 --verify found differences;
2 the input could not be read or the output not written; 64 bad command line.
)";

struct Arguments
{
    std::string in, out;
    std::string inOptions = "{}", outOptions = "{}";
    IterationSelection iterations;
    std::size_t maxMemory = std::size_t(256) << 20;
    bool verify = false;
    bool quiet = false;
};

int usageError(std::string const& message)
{
    std::cerr << "openpmd-pipe: " << message << " (see openpmd-pipe --help)\n";
    return exit_code::usage;
}

std::optional<int> parseArguments(std::vector<std::string> const& argv, Arguments& args)
{
    for (std::size_t i = 0; i < argv.size(); ++i)
    {
        std::string const& arg = argv[i];
        if (arg == "-h" || arg == "--help")
        {
            std::cout << usageText;
            return exit_code::ok;
        }
        if (arg == "--verify")
        {
            args.verify = true;
            continue;
        }
        if (arg == "--quiet")
        {
            args.quiet = true;
            continue;
        }
        bool const takesValue = arg == "--in" || arg == "--out" ||
                                arg == "--in-options" || arg == "--out-options" ||
                                arg == "--iterations" || arg == "--max-memory";
        if (!takesValue)
            return usageError(arg.empty() || arg[0] != '-'
                                  ? "unexpected argument '" + arg +
                                        "' (use --in and --out)"
                                  : "unknown option '" + arg + "'");
        if (i + 1 >= argv.size())
            return usageError(arg + " needs a value");
        std::string const& value = argv[++i];
        try
        {
            if (arg == "--in")
                args.in = value;
            else if (arg == "--out")
                args.out = value;
            else if (arg == "--in-options")
                args.inOptions = value;
            else if (arg == "--out-options")
                args.outOptions = value;
            else if (arg == "--iterations")
                args.iterations = IterationSelection::parse(value);
            else
                args.maxMemory = parseByteSize(value);
        }
        catch (std::invalid_argument const& e)
        {
            return usageError(arg + ": " + e.what());
        }
    }
    if (args.in.empty() || args.out.empty())
        return usageError("both --in and --out are needed");
    return std::nullopt;
}

/**
 * Closes Series after a failure that was already reported: their
 * destructors would report it again on stderr, which is silenced meanwhile
 * so that the tool's error stays one line.
 */
void discardQuietly(std::optional<Series>& in, std::optional<Series>& out)
{
    std::fflush(stderr);
    std::cerr.flush();
    int const saved = dup(STDERR_FILENO);
    int const null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    out.reset();
    in.reset();
    std::cerr.flush();
    if (saved >= 0 && null >= 0)
        dup2(saved, STDERR_FILENO);
    if (null >= 0)
        close(null);
    if (saved >= 0)
        close(saved);
}

int failed(char const* what, std::string const& series, std::exception const& e)
{
    std::cerr << "openpmd-pipe: " << what << " '" << series
              << "': " << auxiliary::printable(e.what()) << '\n';
    return exit_code::unreadable;
}

int verifyCopy(Arguments const& args, std::vector<std::uint64_t> const& indices)
{
    std::vector<std::string> differences;
    try
    {
        Series expected(args.in, Access::READ_ONLY, args.inOptions);
        Series actual(args.out, Access::READ_ONLY, args.outOptions);
        SeriesCompare compare(expected, actual, args.maxMemory);
        compare.compareSeriesAttributes();
        for (auto index : indices)
            compare.compareIteration(index);
        differences = compare.differences();
    }
    catch (std::exception const& e)
    {
        return failed("--verify cannot read", args.out, e);
    }
    for (auto const& difference : differences)
        std::cerr << "openpmd-pipe: --verify: " << auxiliary::printable(difference)
                  << '\n';
    if (!differences.empty())
        return exit_code::problems;
    if (!args.quiet)
        std::cerr << "openpmd-pipe: verified " << indices.size()
                  << " iterations: every attribute and value equal\n";
    return exit_code::ok;
}
} // namespace

namespace openPMD::tools
{
int pipeCommand(std::vector<std::string> const& arguments)
{
    Arguments args;
    if (auto stop = parseArguments(arguments, args))
        return *stop;

    std::optional<Series> in;
    try
    {
        in.emplace(args.in, Access::READ_ONLY, args.inOptions);
    }
    catch (std::exception const& e)
    {
        return failed("cannot open", args.in, e);
    }
    std::vector<std::uint64_t> indices;
    std::uint64_t totalBytes = 0;
    std::optional<Series> out;
    try
    {
        for (auto& [index, iteration] : in->iterations)
        {
            if (!args.iterations.contains(index))
                continue;
            indices.push_back(index);
            totalBytes += SeriesCopy::dataBytes(iteration);
        }
    }
    catch (std::exception const& e)
    {
        return failed("cannot read", args.in, e);
    }
    try
    {
        out.emplace(args.out, Access::CREATE, args.outOptions);
    }
    catch (std::exception const& e)
    {
        int const status = failed("cannot create", args.out, e);
        discardQuietly(in, out);
        return status;
    }

    auto const start = std::chrono::steady_clock::now();
    bool const showProgress = !args.quiet && ProgressBar::stderrIsTerminal();
    std::uint64_t bytesDone = 0;
    try
    {
        ProgressBar progress(showProgress, indices.size(), totalBytes);
        std::uint64_t iterationsDone = 0;
        SeriesCopy copy(*in, *out, args.maxMemory,
                        [&](std::uint64_t bytes)
                        { progress.update(iterationsDone, bytes); });
        copy.copySeriesAttributes();
        for (auto index : indices)
        {
            copy.copyIteration(index);
            ++iterationsDone;
            progress.update(iterationsDone, copy.bytesDone());
        }
        bytesDone = copy.bytesDone();
        out->close();
        in->close();
    }
    catch (std::exception const& e)
    {
        int const status = failed("cannot copy", args.in + "' to '" + args.out, e);
        discardQuietly(in, out);
        return status;
    }
    double const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!args.quiet)
        std::cerr << "openpmd-pipe: copied " << indices.size() << " iterations, "
                  << humanBytes(double(bytesDone)) << " of data in " << seconds << " s ("
                  << humanBytes(seconds > 0 ? double(bytesDone) / seconds : 0) << "/s)\n";
    return args.verify ? verifyCopy(args, indices) : exit_code::ok;
}
} // namespace openPMD::tools
