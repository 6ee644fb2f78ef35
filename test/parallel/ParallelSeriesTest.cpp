// The MPI Series end to end: written by every rank (slabs, uneven particle
// shares, a rank that writes nothing), read back by one rank with a serial
// Series, by every rank with a parallel Series (READ_ONLY and READ_LINEAR),
// for JSON and HDF5, file- and group-based, both HDF5 transfer modes.
#include "ParallelSeriesSupport.hpp"

#include <catch2/catch.hpp>

using namespace parallel_test;
using mpi_test::rank;
using mpi_test::SharedDirectory;
using mpi_test::size;

namespace
{
/** Rank 0 alone, with a serial Series, after every rank finished writing. */
void readSerially(std::string const& path, Scenario const& scenario)
{
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank() == 0)
    {
        Series series(path, Access::READ_ONLY);
        checkSeries(series, scenario, size() - 1);
        if (scenario.fileBased)
        {
            // Each file got the root attributes as they were while it was open.
            auto const directory = path.substr(0, path.find_last_of('/'));
            for (auto index : iterationIndices())
            {
                Series single(directory + "/series_" + std::to_string(index) + "." +
                                  scenario.extension,
                              Access::READ_ONLY);
                CHECK(single.getAttribute("lastIteration").get<std::uint64_t>() == index);
            }
        }
    }
    MPI_Barrier(MPI_COMM_WORLD);
}

/** Every rank, each loading another rank's slab. */
void readInParallel(std::string const& path, Scenario const& scenario,
                    std::string const& options = "{}")
{
    Series series(path, Access::READ_ONLY, MPI_COMM_WORLD, options);
    if (options.find("defer_iteration_parsing") != std::string::npos)
    {
        // The documented way: every rank opens the iterations it will use.
        for (auto index : iterationIndices())
        {
            series.iterations[index].open();
        }
    }
    CHECK(series.backend() == (scenario.extension == "h5"     ? "MPI_HDF5"
                               : scenario.extension == "zarr" ? "Zarr"
                                                              : "JSON"));
    checkSeries(series, scenario, size() - 1 - rank());
    series.close();
}

/** Every rank, iteration after iteration (opened and closed for us). */
void readLinearly(std::string const& path)
{
    Series series(path, Access::READ_LINEAR, MPI_COMM_WORLD);
    std::vector<std::uint64_t> seen;
    for (IndexedIteration it : series.readIterations())
    {
        seen.push_back(it.iterationIndex);
        checkIteration(series, it, it.iterationIndex, rank());
    }
    CHECK(seen == iterationIndices());
}

void roundTrip(Scenario const& scenario)
{
    SharedDirectory directory;
    std::string const path = directory.path() + "/" + scenario.fileName();
    writeSeries(path, scenario);
    readSerially(path, scenario);
    readInParallel(path, scenario);
    // Deferred parsing: the iterations are read when opened (by every rank).
    readInParallel(path, scenario, R"({"defer_iteration_parsing": true})");
    readLinearly(path);
}
} // namespace

TEST_CASE("parallel Series, JSON, group-based", "[json]")
{
    roundTrip({"json", false});
}

TEST_CASE("parallel Series, JSON, file-based", "[json]")
{
    roundTrip({"json", true});
}

TEST_CASE("parallel Series, JSON, writeIterations()", "[json]")
{
    Scenario scenario{"json", true};
    scenario.writeIterations = true;
    roundTrip(scenario);
}

TEST_CASE("parallel Series, HDF5, group-based, independent transfers", "[hdf5]")
{
    roundTrip({"h5", false});
}

TEST_CASE("parallel Series, HDF5, group-based, collective transfers (Series option)",
          "[hdf5]")
{
    roundTrip({"h5", false, R"({"hdf5": {"independent_stores": false}})"});
}

TEST_CASE("parallel Series, HDF5, file-based, collective transfers (per flush)", "[hdf5]")
{
    roundTrip({"h5", true, "{}", R"({"hdf5": {"independent_stores": false}})"});
}

TEST_CASE("parallel Series, HDF5, file-based, independent transfers", "[hdf5]")
{
    roundTrip({"h5", true});
}

TEST_CASE("parallel Series, HDF5, writeIterations(), collective", "[hdf5]")
{
    Scenario scenario{"h5", false, R"({"hdf5": {"independent_stores": false}})"};
    scenario.writeIterations = true;
    roundTrip(scenario);
}

namespace
{
/** APPEND an iteration to a group-based Series under MPI, then read it all. */
void appendIteration(std::string const& extension)
{
    SharedDirectory directory;
    Scenario const scenario{extension, false};
    std::string const path = directory.path() + "/" + scenario.fileName();
    writeSeries(path, scenario);
    auto const ranks = static_cast<uint64_t>(size());
    {
        Series series(path, Access::APPEND, MPI_COMM_WORLD);
        Iteration it = series.iterations[400];
        auto E = it.meshes["E"][RecordComponent::SCALAR];
        E.resetDataset(Dataset(Datatype::INT, {ranks}));
        auto value = std::make_shared<int>(10 * rank() + 7);
        E.storeChunk(value, {static_cast<uint64_t>(rank())}, {1});
        it.close();
    }
    Series series(path, Access::READ_ONLY, MPI_COMM_WORLD);
    CHECK(series.author() == "parallel test"); // kept from the first write
    REQUIRE(series.iterations.size() == iterationIndices().size() + 1);
    checkIteration(series, series.iterations[100], 100, rank());
    auto values =
        series.iterations[400].meshes["E"][RecordComponent::SCALAR].loadChunk<int>();
    series.flush();
    for (uint64_t r = 0; r < ranks; ++r)
    {
        REQUIRE(values.get()[r] == 10 * static_cast<int>(r) + 7);
    }
}
} // namespace

TEST_CASE("parallel Series, JSON, APPEND", "[json]")
{
    appendIteration("json");
}

TEST_CASE("parallel Series, HDF5, APPEND", "[hdf5]")
{
    appendIteration("h5");
}

namespace
{
/** A span store on rank 0 alone: it must not flush alone (a hang) and is written. */
void spanOnOneRank(std::string const& extension)
{
    SharedDirectory directory;
    std::string const path = directory.path() + "/span." + extension;
    {
        Series series(path, Access::CREATE, MPI_COMM_WORLD);
        auto E = series.iterations[1].meshes["E"][RecordComponent::SCALAR];
        E.resetDataset(Dataset(Datatype::DOUBLE, {8}));
        if (rank() == 0)
        {
            auto view = E.storeChunk<double>({0}, {8});
            for (size_t i = 0; i < 8; ++i)
            {
                view.currentBuffer().data()[i] = 0.5 * static_cast<double>(i);
            }
        }
        series.iterations[1].close();
    }
    Series series(path, Access::READ_ONLY, MPI_COMM_WORLD);
    auto values =
        series.iterations[1].meshes["E"][RecordComponent::SCALAR].loadChunk<double>();
    series.flush();
    for (size_t i = 0; i < 8; ++i)
    {
        REQUIRE(values.get()[i] == 0.5 * static_cast<double>(i));
    }
}
} // namespace

TEST_CASE("parallel Series, JSON, span store on one rank", "[json]")
{
    spanOnOneRank("json");
}

TEST_CASE("parallel Series, HDF5, span store on one rank", "[hdf5]")
{
    spanOnOneRank("h5");
}

TEST_CASE("parallel Series, Zarr, group-based", "[zarr]")
{
    roundTrip({"zarr", false});
}

TEST_CASE("parallel Series, Zarr, file-based", "[zarr]")
{
    roundTrip({"zarr", true});
}

TEST_CASE("parallel Series, Zarr, writeIterations()", "[zarr]")
{
    Scenario scenario{"zarr", true};
    scenario.writeIterations = true;
    roundTrip(scenario);
}

TEST_CASE("parallel Series, Zarr, APPEND", "[zarr]")
{
    appendIteration("zarr");
}

TEST_CASE("parallel Series, Zarr, span store on one rank", "[zarr]")
{
    spanOnOneRank("zarr");
}
