// Catch2 under MPI: every rank runs the same test cases in the same order.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <mpi.h>

int main(int argc, char* argv[])
{
    MPI_Init(&argc, &argv);
    int const failed = Catch::Session().run(argc, argv);
    // A rank whose test failed makes the whole run fail.
    int anyFailed = 0;
    MPI_Allreduce(&failed, &anyFailed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    MPI_Finalize();
    return anyFailed != 0 ? 1 : 0;
}
