// openpmd-pipe: copies a series to another backend, encoding or place
// (docs/tools.md). The program (openpmd_pipe_main.cpp) runs this.

#include "PipeCommand.hpp"
#include "ChunkPlan.hpp"
#include "IterationSelection.hpp"
#include "PipeProgress.hpp"
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
#include <set>
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
  --resume               continue a conversion that was stopped: skip the
                         iterations it completed (OUT.pipe-progress lists
                         them), redo the one it was writing
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
    bool resume = false;
};

/** Under MPI only rank 0 explains the command line (every rank parses it). */
bool g_silentRank = false;

int usageError(std::string const& message)
{
    if (!g_silentRank)
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
            if (!g_silentRank)
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
        if (arg == "--resume")
        {
            args.resume = true;
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
 * Silences stderr while it lives: the library's own reports of a failure
 * that the tool reports itself (in one line) or expects.
 */
class SilencedStderr
{
public:
    SilencedStderr()
    {
        std::fflush(stderr);
        std::cerr.flush();
        m_saved = dup(STDERR_FILENO);
        m_null = open("/dev/null", O_WRONLY);
        if (m_saved >= 0 && m_null >= 0)
            dup2(m_null, STDERR_FILENO);
    }
    ~SilencedStderr()
    {
        std::fflush(stderr);
        std::cerr.flush();
        if (m_saved >= 0 && m_null >= 0)
            dup2(m_saved, STDERR_FILENO);
        if (m_null >= 0)
            close(m_null);
        if (m_saved >= 0)
            close(m_saved);
    }
    SilencedStderr(SilencedStderr const&) = delete;
    SilencedStderr& operator=(SilencedStderr const&) = delete;

private:
    int m_saved = -1;
    int m_null = -1;
};

/** Closes Series after a failure that was already reported. */
void discardQuietly(std::optional<Series>& in, std::optional<Series>& out)
{
    SilencedStderr silenced;
    out.reset();
    in.reset();
}

int failed(char const* what, std::string const& series, std::exception const& e,
           std::string const& where = "")
{
    std::cerr << "openpmd-pipe" << where << ": " << what << " '" << series
              << "': " << auxiliary::printable(e.what()) << '\n';
    return exit_code::unreadable;
}

bool outputExists(Arguments const& args)
{
    SilencedStderr silenced; // a missing output is no news here
    try
    {
        Series(args.out, Access::READ_ONLY, args.outOptions).close();
        return true;
    }
    catch (std::exception const&)
    {
        return false;
    }
}

/** Removes the iterations that a stopped conversion left half written. */
void dropIncomplete(Series& out, std::set<std::uint64_t> const& completed)
{
    std::vector<std::uint64_t> partial;
    for (auto const& entry : out.iterations)
    {
        if (!completed.count(entry.first))
            partial.push_back(entry.first);
    }
    for (auto index : partial)
        out.iterations.erase(index);
    out.flush();
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
int pipeCommand(std::vector<std::string> const& arguments, PipeRanks const& ranks)
{
    bool const lead = ranks.rank == 0; // prints, keeps the progress file, verifies
    g_silentRank = !lead;
    Arguments args;
    if (auto stop = parseArguments(arguments, args))
        return *stop;
    if (!lead)
        args.quiet = true;

    std::optional<Series> in;
    try
    {
        in.emplace(ranks.open(args.in, Access::READ_ONLY, args.inOptions));
    }
    catch (std::exception const& e)
    {
        return lead ? failed("cannot open", args.in, e) : exit_code::unreadable;
    }
    PipeProgress progressFile(args.out, args.in);
    std::set<std::uint64_t> completed;
    bool const resuming = args.resume && progressFile.exists();
    if (resuming)
    {
        try
        {
            completed = progressFile.completed();
        }
        catch (std::exception const& e)
        {
            return failed("cannot resume into", args.out, e);
        }
    }
    else if (args.resume && outputExists(args))
    {
        if (!args.quiet)
            std::cerr << "openpmd-pipe: '" << args.out
                      << "' exists and no conversion into it was stopped: nothing to "
                         "resume\n";
        in.reset();
        return exit_code::ok;
    }

    std::vector<std::uint64_t> indices; // all selected
    std::uint64_t totalBytes = 0;       // of those still to copy
    std::optional<Series> out;
    try
    {
        for (auto& [index, iteration] : in->iterations)
        {
            if (!args.iterations.contains(index))
                continue;
            indices.push_back(index);
            if (!completed.count(index))
                totalBytes += SeriesCopy::dataBytes(iteration);
        }
    }
    catch (std::exception const& e)
    {
        return failed("cannot read", args.in, e);
    }
    try
    {
        if (resuming)
        {
            out.emplace(ranks.open(args.out, Access::READ_WRITE, args.outOptions));
            dropIncomplete(*out, completed);
            if (!args.quiet)
                std::cerr << "openpmd-pipe: resuming: " << completed.size()
                          << " iterations were complete\n";
        }
        else
        {
            if (lead)
                progressFile.start();
            ranks.barrier(); // no rank creates the output before the list exists
            out.emplace(ranks.open(args.out, Access::CREATE, args.outOptions));
        }
    }
    catch (std::exception const& e)
    {
        int const status =
            lead ? failed("cannot create", args.out, e) : exit_code::unreadable;
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
        SeriesCopy copy(
            *in, *out, args.maxMemory,
            [&](std::uint64_t bytes) { progress.update(iterationsDone, bytes); },
            ranks.rank, ranks.size);
        copy.copySeriesAttributes();
        for (auto index : indices)
        {
            if (!completed.count(index))
            {
                copy.copyIteration(index); // closed in the output when it returns
                if (lead)
                    progressFile.markCompleted(index);
            }
            ++iterationsDone;
            progress.update(iterationsDone, copy.bytesDone());
        }
        bytesDone = copy.bytesDone();
        out->close();
        in->close();
        if (lead)
            progressFile.remove();
    }
    catch (std::exception const& e)
    {
        std::string const where =
            ranks.size > 1 ? " (rank " + std::to_string(ranks.rank) + ")" : "";
        int const status = failed("cannot copy", args.in + "' to '" + args.out, e, where);
        if (ranks.size > 1)
            ranks.abort(status); // the other ranks wait in a collective call
        discardQuietly(in, out);
        return status;
    }
    ranks.barrier();
    if (!lead)
        return exit_code::ok;
    double const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!args.quiet)
        std::cerr << "openpmd-pipe: copied " << indices.size() << " iterations, "
                  << humanBytes(double(bytesDone)) << " of data in " << seconds << " s ("
                  << humanBytes(seconds > 0 ? double(bytesDone) / seconds : 0) << "/s)\n";
    return args.verify ? verifyCopy(args, indices) : exit_code::ok;
}
} // namespace openPMD::tools
