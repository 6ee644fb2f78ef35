// The rank table of a parallel Series: one row per rank, from the rank_table
// option or Series::setRankTable, read back serially and in parallel.
#include "MPITestSupport.hpp"

#include "openPMD/openPMD.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace openPMD;
using mpi_test::rank;
using mpi_test::SharedDirectory;
using mpi_test::size;

namespace
{
std::string hostName()
{
    char buffer[256] = {};
    REQUIRE(gethostname(buffer, sizeof(buffer) - 1) == 0);
    return buffer;
}

std::string processorName()
{
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    int length = 0;
    MPI_Get_processor_name(name, &length);
    return std::string(name, static_cast<size_t>(length));
}

chunk_assignment::RankMeta sameRowEverywhere(std::string const& row)
{
    chunk_assignment::RankMeta table;
    for (int r = 0; r < size(); ++r)
    {
        table.emplace(static_cast<unsigned>(r), row);
    }
    return table;
}

/** Rows of different lengths (rank r: r + 1 letters). */
chunk_assignment::RankMeta unevenRows()
{
    chunk_assignment::RankMeta table;
    for (int r = 0; r < size(); ++r)
    {
        table.emplace(static_cast<unsigned>(r),
                      "rank-" + std::string(static_cast<size_t>(r) + 1, 'a'));
    }
    return table;
}

/** Write one iteration with some data, so that the table is not alone. */
void writeWithTable(std::string const& path, std::string const& options,
                    std::optional<std::string> myRow,
                    chunk_assignment::RankMeta const& expected)
{
    Series series(path, Access::CREATE, MPI_COMM_WORLD, options);
    if (myRow)
    {
        series.setRankTable(*myRow);
    }
    // Before the flush: this rank's row, or all of them collectively.
    auto const own = series.rankTable(false);
    REQUIRE(own.size() == 1);
    CHECK(own.begin()->first == static_cast<unsigned>(rank()));
    CHECK(own.begin()->second == expected.at(static_cast<unsigned>(rank())));
    CHECK(series.rankTable(true) == expected);
    auto E = series.iterations[1].meshes["E"][RecordComponent::SCALAR];
    E.resetDataset(Dataset(Datatype::INT, {static_cast<uint64_t>(size())}));
    auto value = std::make_shared<int>(rank());
    E.storeChunk(value, {static_cast<uint64_t>(rank())}, {1});
    series.flush();
    CHECK(series.rankTable(false) == expected);
    series.close();
}

void readTable(std::string const& path, chunk_assignment::RankMeta const& expected)
{
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank() == 0)
    {
        Series serial(path, Access::READ_ONLY);
        CHECK(serial.rankTable() == expected);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    {
        Series parallel(path, Access::READ_ONLY, MPI_COMM_WORLD);
        CHECK(parallel.rankTable(true) == expected);
        CHECK(parallel.rankTable(false) == expected);
        auto E = parallel.iterations[1].meshes["E"][RecordComponent::SCALAR];
        auto values = E.loadChunk<int>();
        parallel.flush();
        for (int r = 0; r < size(); ++r)
        {
            REQUIRE(values.get()[r] == r);
        }
    }
    {
        Series linear(path, Access::READ_LINEAR, MPI_COMM_WORLD);
        linear.parseBase();
        CHECK(linear.rankTable(true) == expected);
    }
}

void rankTables(std::string const& extension)
{
    SharedDirectory directory;
    auto const file = [&](char const* name)
    { return directory.path() + "/" + name + "." + extension; };

    SECTION("rank_table: hostname")
    {
        auto const expected = sameRowEverywhere(hostName());
        writeWithTable(file("host"), R"({"rank_table": "hostname"})", std::nullopt,
                       expected);
        readTable(file("host"), expected);
    }
    SECTION("rank_table: mpi_processor_name")
    {
        auto const expected = sameRowEverywhere(processorName());
        writeWithTable(file("proc"), R"({"rank_table": "mpi_processor_name"})",
                       std::nullopt, expected);
        readTable(file("proc"), expected);
    }
    SECTION("setRankTable with rows of different lengths")
    {
        auto const expected = unevenRows();
        writeWithTable(file("rows"), "{}", expected.at(static_cast<unsigned>(rank())),
                       expected);
        readTable(file("rows"), expected);
    }
    SECTION("no rank table")
    {
        {
            Series series(file("none"), Access::CREATE, MPI_COMM_WORLD);
            series.iterations[1].setTime(1.0);
        }
        Series read(file("none"), Access::READ_ONLY, MPI_COMM_WORLD);
        CHECK(read.rankTable(true).empty());
    }
}
} // namespace

TEST_CASE("rank table of a parallel Series, JSON", "[json]")
{
    rankTables("json");
}

TEST_CASE("rank table of a parallel Series, HDF5", "[hdf5]")
{
    rankTables("h5");
}
