// Read the series that 5_write_parallel wrote, from every MPI rank: each
// rank loads the rows another rank wrote and checks them; rank 0 prints the
// rank table.
//
// Usage: mpiexec -n <ranks> 4_read_parallel [directory] [extension]
//        (default: . h5)

#include <openPMD/openPMD.hpp>

#include <mpi.h>

#include <iostream>
#include <string>

using namespace openPMD;

int main(int argc, char* argv[])
{
    MPI_Init(&argc, &argv);
    int rank = 0;
    int ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    std::string const dir = argc > 1 ? argv[1] : ".";
    std::string const ext = argc > 2 ? argv[2] : "h5";
    int wrong = 0;

    try
    {
        Series series(dir + "/5_parallel_write." + ext, Access::READ_ONLY,
                      MPI_COMM_WORLD);
        auto const table = series.rankTable(/* collective = */ true);
        if (rank == 0)
        {
            std::cout << "Series written by " << table.size() << " rank(s):";
            for (auto const& [writer, host] : table)
            {
                std::cout << " " << writer << "@" << host;
            }
            std::cout << '\n';
        }

        Iteration iteration = series.iterations[1];
        MeshRecordComponent mesh =
            iteration.meshes["mymesh"][MeshRecordComponent::SCALAR];
        Extent const extent = mesh.getExtent();
        uint64_t const rowsPerRank = extent[0] / static_cast<uint64_t>(ranks);
        // Each rank reads the rows its neighbour wrote.
        int const writer = (rank + 1) % ranks;
        auto rows = mesh.loadChunk<float>(
            {static_cast<uint64_t>(writer) * rowsPerRank, 0}, {rowsPerRank, extent[1]});
        auto x = iteration.particles["e"]["position"]["x"].loadChunk<double>();
        uint64_t const particles =
            iteration.particles["e"]["position"]["x"].getExtent()[0];
        series.flush(); // collective: the buffers are filled here

        for (uint64_t i = 0; i < rowsPerRank * extent[1]; ++i)
        {
            wrong += rows.get()[i] !=
                     static_cast<float>(writer) * 100.f + static_cast<float>(i);
        }
        for (uint64_t i = 0; i < particles; ++i)
        {
            wrong += x.get()[i] != static_cast<double>(i) * 0.5;
        }
        std::cout << "rank " << rank << " read the rows of rank " << writer << " and "
                  << particles << " particles: " << (wrong == 0 ? "correct" : "WRONG")
                  << '\n';
        series.close();
    }
    catch (std::exception const& e)
    {
        std::cerr << "rank " << rank << ": " << e.what() << '\n';
        wrong = 1;
    }
    int anyWrong = 0;
    MPI_Allreduce(&wrong, &anyWrong, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    MPI_Finalize();
    return anyWrong == 0 ? 0 : 1;
}
