// Write an openPMD series from every MPI rank: each rank writes its own rows
// of a 2-D mesh and its share of particles (the last rank has none).
// Collective calls (Series construction, declaring records, setting
// attributes, flush, close) are made by every rank alike; storeChunk is
// each rank's own.
//
// Usage: mpiexec -n <ranks> 5_write_parallel [output directory] [extension]
//        (default: . h5)

#include <openPMD/openPMD.hpp>

#include <mpi.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

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
    int status = 0;

    // The Series (and every handle of it) must be gone before MPI_Finalize.
    try
    {
        uint64_t const rowsPerRank = 2;
        uint64_t const columns = 10;
        auto const mine = static_cast<uint64_t>(rank);

        Series series(dir + "/5_parallel_write." + ext, Access::CREATE, MPI_COMM_WORLD,
                      R"({"rank_table": "hostname"})");
        if (rank == 0)
        {
            std::cout << "Created a Series for " << ranks << " ranks with backend "
                      << series.backend() << '\n';
        }
        Iteration iteration = series.iterations[1];
        iteration.setTime(1.0);

        // Every rank declares the same mesh, then fills its own rows.
        MeshRecordComponent mesh =
            iteration.meshes["mymesh"][MeshRecordComponent::SCALAR];
        mesh.resetDataset(Dataset(Datatype::FLOAT,
                                  {rowsPerRank * static_cast<uint64_t>(ranks), columns}));
        std::vector<float> rows(rowsPerRank * columns);
        for (size_t i = 0; i < rows.size(); ++i)
        {
            rows[i] = static_cast<float>(rank) * 100.f + static_cast<float>(i);
        }
        mesh.storeChunk(rows, {mine * rowsPerRank, 0}, {rowsPerRank, columns});

        // Particles: rank r has 3 * r + 1, the last rank none (it stores nothing).
        uint64_t total = 0;
        uint64_t offset = 0;
        for (int r = 0; r < ranks - 1; ++r)
        {
            offset += r < rank ? 3 * static_cast<uint64_t>(r) + 1 : 0;
            total += 3 * static_cast<uint64_t>(r) + 1;
        }
        uint64_t const count = rank == ranks - 1 ? 0 : 3 * mine + 1;
        Record position = iteration.particles["e"]["position"];
        position["x"].resetDataset(Dataset(Datatype::DOUBLE, {total}));
        std::vector<double> x(count);
        for (uint64_t i = 0; i < count; ++i)
        {
            x[i] = static_cast<double>(offset + i) * 0.5;
        }
        if (count > 0)
        {
            position["x"].storeChunk(x, {offset}, {count});
        }
        iteration.particles["e"]["positionOffset"]["x"].resetDataset(
            Dataset(Datatype::DOUBLE, {total}));
        iteration.particles["e"]["positionOffset"]["x"].makeConstant(0.0);

        series.flush();    // collective: every rank's data is written here
        iteration.close(); // collective
        series.close();    // collective
        if (rank == 0)
        {
            std::cout << "Wrote " << ranks * rowsPerRank << " rows and " << total
                      << " particles\n";
        }
    }
    catch (std::exception const& e)
    {
        std::cerr << "rank " << rank << ": " << e.what() << '\n';
        status = 1;
    }
    MPI_Finalize();
    return status;
}
