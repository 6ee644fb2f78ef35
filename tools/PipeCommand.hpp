#pragma once

#include <openPMD/IO/Access.hpp>
#include <openPMD/Series.hpp>

#include <functional>
#include <string>
#include <vector>

namespace openPMD::tools
{
/**
 * The processes of one pipe. Serial by default; the MPI program
 * (openpmd_pipe_main.cpp) opens the Series on MPI_COMM_WORLD, and the ranks
 * split every dataset's pieces between them.
 */
struct PipeRanks
{
    int rank = 0;
    int size = 1;
    /** Opens a Series (under MPI: collectively). */
    std::function<Series(std::string const&, Access, std::string const&)> open =
        [](std::string const& path, Access access, std::string const& options)
    { return Series(path, access, options); };
    /** Waits for every rank. */
    std::function<void()> barrier = [] {};
    /** Ends every rank after an error on one (MPI_Abort); unused when serial. */
    std::function<void(int status)> abort = [](int) {};
};

/**
 * openpmd-pipe with these arguments (without the program name): prints to
 * std::cout and std::cerr (rank 0 only), returns the exit status
 * (ToolExit.hpp).
 */
int pipeCommand(std::vector<std::string> const& arguments,
                PipeRanks const& ranks = PipeRanks());
} // namespace openPMD::tools
