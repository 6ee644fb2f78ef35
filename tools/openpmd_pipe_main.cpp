// The openpmd-pipe program (docs/tools.md); the work is in PipeCommand.cpp.
// Built with MPI, `mpiexec -n R openpmd-pipe ...` splits the data between
// the ranks and writes one series.

#include "PipeCommand.hpp"

#include <openPMD/config.hpp>

#include <cstdlib>

#if openPMD_HAVE_MPI
#include <mpi.h>

namespace
{
/** Started by mpiexec/srun (Open MPI, MPICH, PMIx)? Otherwise no MPI at all. */
bool launchedByMPI()
{
    for (char const* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    {
        if (std::getenv(name) != nullptr)
            return true;
    }
    return false;
}
} // namespace
#endif

int main(int argc, char** argv)
{
    std::vector<std::string> const arguments(argv + 1, argv + argc);
#if openPMD_HAVE_MPI
    if (!launchedByMPI())
        return openPMD::tools::pipeCommand(arguments);
    MPI_Init(&argc, &argv);
    openPMD::tools::PipeRanks ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &ranks.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks.size);
    if (ranks.size > 1)
    {
        ranks.open = [](std::string const& path, openPMD::Access access,
                        std::string const& options)
        { return openPMD::Series(path, access, MPI_COMM_WORLD, options); };
        ranks.barrier = [] { MPI_Barrier(MPI_COMM_WORLD); };
        ranks.abort = [](int status) { MPI_Abort(MPI_COMM_WORLD, status); };
    }
    int const status = openPMD::tools::pipeCommand(arguments, ranks);
    MPI_Finalize();
    return status;
#else
    return openPMD::tools::pipeCommand(arguments);
#endif
}
