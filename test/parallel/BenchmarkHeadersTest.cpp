// The parallel benchmark helpers openPMD-api installs (benchmark/mpi/*.hpp):
// block slicing, dataset fillers and MPIBenchmark's write/read report, on
// the communicator's ranks (CTest runs this on 2 ranks and on 1).
#include <openPMD/benchmark/mpi/MPIBenchmark.hpp>
#include <openPMD/benchmark/mpi/OneDimensionalBlockSlicer.hpp>
#include <openPMD/benchmark/mpi/RandomDatasetFiller.hpp>
#include <openPMD/openPMD.hpp>

#include "MPITestSupport.hpp"

#include <catch2/catch.hpp>
#include <mpi.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <set>

using namespace openPMD;

namespace
{
/** Checks that the blocks of `size` ranks tile `total` along `dim` in order. */
void checkTiling(Extent total, Extent::value_type dim, int size)
{
    OneDimensionalBlockSlicer slicer(dim);
    Extent::value_type next = 0;
    for (int rank = 0; rank < size; ++rank)
    {
        auto [offset, extent] = slicer.sliceBlock(total, size, rank);
        REQUIRE(offset.size() == total.size());
        REQUIRE(extent.size() == total.size());
        for (std::size_t d = 0; d < total.size(); ++d)
        {
            if (d != dim)
            {
                CHECK(offset[d] == 0);
                CHECK(extent[d] == total[d]);
            }
        }
        CHECK(offset[dim] == next);
        // Nearly equal: the thickness is length / size, rounded up or down.
        CHECK(extent[dim] >= total[dim] / size);
        CHECK(extent[dim] <= total[dim] / size + 1);
        next = offset[dim] + extent[dim];
    }
    CHECK(next == total[dim]);
    auto [offset, extent] = slicer.sliceBlock(total, size, size); // beyond the ranks
    CHECK(extent == Extent(total.size(), 0));
}

std::string benchmarkDir()
{
    std::string const dir = "benchmark_headers";
    if (mpi_test::rank() == 0)
    {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    return dir;
}

void runBenchmarkFor(std::string const& extension)
{
    std::string const base = benchmarkDir() + "/bench";
    Extent const total{10, 3};
    auto slicer = std::make_shared<OneDimensionalBlockSlicer>(0);
    std::uniform_int_distribution<std::uint64_t> distribution(5, 9);
    RandomDatasetFiller<decltype(distribution)> filler{distribution};
    filler.setSeed(42);
    SimpleDatasetFillerProvider<decltype(filler)> provider{filler};
    MPIBenchmark<decltype(provider)> benchmark{base, total, slicer, provider};
    Datatype const dt = determineDatatype<std::uint64_t>();
    benchmark.addConfiguration("{}", extension, dt, 3);
    benchmark.addConfiguration("{}", extension, dt, 2, 1); // rank 0 only
    auto report = benchmark.runBenchmark<std::chrono::steady_clock>();

    if (mpi_test::rank() == 0)
    {
        // One entry per participating rank and configuration.
        REQUIRE(report.durations.size() ==
                static_cast<std::size_t>(mpi_test::size()) + 1);
        for (int rank = 0; rank < mpi_test::size(); ++rank)
        {
            auto const times =
                report.getReport(rank, "{}", extension, mpi_test::size(), dt, 3);
            CHECK(times.first.count() >= 0);
            CHECK(times.second.count() > 0);
        }
        CHECK_NOTHROW(report.getReport(0, "{}", extension, 1, dt, 2));
        CHECK_THROWS_AS(report.getReport(0, "{}", extension, 7, dt, 2),
                        std::runtime_error);
        for (auto const& entry : report.durations)
        {
            CHECK(std::get<2>(entry.first) /* extension */ == extension);
        }
    }
    else
    {
        CHECK(report.durations.empty());
    }

    // The last configuration (rank 0 alone, 2 iterations) is what is on disk.
    MPI_Barrier(MPI_COMM_WORLD);
    if (mpi_test::rank() == 0)
    {
        Series series(base + "." + extension, Access::READ_ONLY);
        REQUIRE(series.iterations.size() == 2);
        for (auto& entry : series.iterations)
        {
            auto id = entry.second.meshes["id"][MeshRecordComponent::SCALAR];
            CHECK(id.getDatatype() == dt);
            REQUIRE(id.getExtent() == total);
            auto values = id.loadChunk<std::uint64_t>();
            series.flush();
            for (std::size_t i = 0; i < 30; ++i)
            {
                CHECK(values.get()[i] >= 5);
                CHECK(values.get()[i] <= 9);
            }
        }
    }
    MPI_Barrier(MPI_COMM_WORLD);
}
} // namespace

TEST_CASE("OneDimensionalBlockSlicer tiles a dimension in nearly equal slabs", "[json]")
{
    checkTiling({10, 4}, 0, 3);
    checkTiling({10, 4}, 1, 3);
    checkTiling({7}, 0, 7);
    checkTiling({3, 2}, 0, 5); // more ranks than cells: some get nothing
    checkTiling({1000003, 1}, 0, 64);
    checkTiling({~Extent::value_type(0) - 5}, 0, 3); // no overflow near 2^64
}

TEST_CASE("RandomDatasetFiller: seeded, buffered and resized", "[json]")
{
    std::uniform_real_distribution<double> distribution(-1.0, 1.0);
    RandomDatasetFiller<decltype(distribution)> a{distribution, 16};
    RandomDatasetFiller<decltype(distribution)> b{distribution, 16};
    a.setSeed(3);
    b.setSeed(3);
    auto first = a.produceData();
    auto same = b.produceData();
    for (int i = 0; i < 16; ++i)
    {
        CHECK(first.get()[i] == same.get()[i]);
        CHECK(first.get()[i] >= -1.0);
        CHECK(first.get()[i] < 1.0);
    }
    a.bufferMode();
    CHECK(a.produceData() == a.produceData());
    a.setNumberOfItems(4);
    CHECK(a.produceData() == a.produceData());
    auto made =
        RandomDatasetFiller<decltype(distribution)>::makeRandomDatasetFiller(8, 2.0, 3.0);
    auto values = made.produceData();
    for (int i = 0; i < 8; ++i)
    {
        CHECK(values.get()[i] >= 2.0);
        CHECK(values.get()[i] < 3.0);
    }
    SimpleDatasetFillerProvider<decltype(made)> provider{made};
    CHECK(provider.operator()<double>() != nullptr);
    CHECK_THROWS_AS(provider.operator()<int>(), std::runtime_error);
}

TEST_CASE("MPIBenchmark writes, reads and reports, JSON", "[json]")
{
    runBenchmarkFor("json");
}

TEST_CASE("MPIBenchmark writes, reads and reports, HDF5", "[hdf5]")
{
    runBenchmarkFor("h5");
}
