// Two (or more) MPI ranks write one Series through a Python connector chosen
// by the environment (the python plugin: OPENPMD_PYTHON_CONNECTOR), each rank
// its own disjoint chunks of every dataset, then every rank reads back every
// value and attribute (docs/python-connectors.md, "MPI").
//
//   connector_mpi_test <directory> <extension>
//
// Group-based, one flush per iteration; and file-based with two iterations
// (two files) in one flush, where rank 0 holds the first file's transaction
// while the ranks create the second. Exits non-zero on the first mismatch.
#include <openPMD/openPMD.hpp>

#include <mpi.h>

#include <cstdint>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
int rank = 0;
int size = 1;
std::uint64_t const perRank = 5;
int failures = 0;

void check(bool condition, std::string const& what)
{
    if (!condition)
    {
        ++failures;
        std::cerr << "rank " << rank << ": FAILED: " << what << '\n';
    }
}

/** The value of element `i` (row `row` of E) as written: unique per element. */
double valueAt(std::uint64_t iteration, std::uint64_t row, std::uint64_t i)
{
    return static_cast<double>(iteration * 100000 + row * 1000 + i) + 0.25;
}

void writeIteration(Series& series, std::uint64_t index)
{
    auto iteration = series.iterations[index];
    iteration.setTime(static_cast<double>(index) * 0.5);
    iteration.setAttribute("ranks", size);
    auto E = iteration.meshes["E"];
    E.setAttribute("comment",
                   std::string("written by ") + std::to_string(size) + " ranks");
    std::uint64_t const columns = perRank * static_cast<std::uint64_t>(size);
    for (char const* component : {"x", "y"})
    {
        auto rc = E[component];
        rc.resetDataset(Dataset(Datatype::DOUBLE, {2, columns}));
        rc.setUnitSI(component[0] == 'x' ? 1.5 : 2.5);
        // This rank's columns of both rows: a box of 2 x perRank.
        auto data = std::make_shared<std::vector<double>>();
        for (std::uint64_t row = 0; row < 2; ++row)
        {
            for (std::uint64_t j = 0; j < perRank; ++j)
            {
                data->push_back(valueAt(index, row, rank * perRank + j));
            }
        }
        rc.storeChunk(std::shared_ptr<double>(data, data->data()),
                      {0, static_cast<std::uint64_t>(rank) * perRank}, {2, perRank});
    }
}

void checkIteration(Series& series, std::uint64_t index)
{
    std::string const at = "iteration " + std::to_string(index);
    auto iteration = series.iterations[index];
    check(iteration.time<double>() == static_cast<double>(index) * 0.5, at + ": time");
    check(iteration.getAttribute("ranks").get<int>() == size, at + ": attribute ranks");
    auto E = iteration.meshes["E"];
    check(E.getAttribute("comment").get<std::string>() ==
              "written by " + std::to_string(size) + " ranks",
          at + ": attribute comment");
    std::uint64_t const columns = perRank * static_cast<std::uint64_t>(size);
    for (char const* component : {"x", "y"})
    {
        auto rc = E[component];
        check(rc.getExtent() == Extent{2, columns}, at + ": extent");
        check(rc.unitSI() == (component[0] == 'x' ? 1.5 : 2.5), at + ": unitSI");
        check(rc.availableChunks().size() == static_cast<size_t>(size),
              at + ": one chunk per rank");
        auto data = rc.loadChunk<double>();
        series.flush();
        for (std::uint64_t row = 0; row < 2; ++row)
        {
            for (std::uint64_t i = 0; i < columns; ++i)
            {
                double const got = data.get()[row * columns + i];
                if (got != valueAt(index, row, i))
                {
                    check(false, at + " " + component + "[" + std::to_string(row) + ", " +
                                     std::to_string(i) + "] = " + std::to_string(got));
                }
            }
        }
    }
}

void groupBased(std::string const& path)
{
    {
        Series series(path, Access::CREATE, MPI_COMM_WORLD);
        for (std::uint64_t index : {1, 2, 3})
        {
            writeIteration(series, index);
            series.flush();
        }
    }
    Series series(path, Access::READ_ONLY, MPI_COMM_WORLD);
    check(series.iterations.size() == 3, path + ": 3 iterations");
    for (std::uint64_t index : {1, 2, 3})
    {
        checkIteration(series, index);
    }
}

void fileBased(std::string const& pattern)
{
    {
        Series series(pattern, Access::CREATE, MPI_COMM_WORLD);
        writeIteration(series, 10);
        writeIteration(series, 20);
        series.flush(); // both files in one flush
        writeIteration(series, 30);
    }
    Series series(pattern, Access::READ_ONLY, MPI_COMM_WORLD);
    check(series.iterations.size() == 3, pattern + ": 3 iterations");
    for (std::uint64_t index : {10, 20, 30})
    {
        checkIteration(series, index);
    }
}
} // namespace

int main(int argc, char** argv)
{
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (argc != 3)
    {
        std::cerr << "usage: connector_mpi_test <directory> <extension>\n";
        MPI_Abort(MPI_COMM_WORLD, 2);
    }
    std::string const directory = argv[1];
    std::string const extension = argv[2];
    try
    {
        groupBased(directory + "/groups." + extension);
        fileBased(directory + "/files_%T." + extension);
    }
    catch (std::exception const& e)
    {
        // A rank that stops here would leave the others in a collective.
        std::cerr << "rank " << rank << ": " << e.what() << '\n';
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    int total = 0;
    MPI_Allreduce(&failures, &total, 1, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
    if (rank == 0)
    {
        std::cout << (total == 0 ? "passed" : "FAILED") << ": " << size
                  << " ranks, group- and file-based, every value and attribute "
                     "read back on every rank ("
                  << total << " failures)\n";
    }
    MPI_Finalize();
    return total == 0 ? 0 : 1;
}
