// Parallel writes (every rank its own slabs, uneven particle shares, one rank
// writing nothing, several flushes) read back by one rank and by all ranks,
// on every MPI backend and transfer mode.
#include "MPITestSupport.hpp"

#include "openPMD/Error.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace mpi_test;

namespace
{
struct Setup
{
    Format format;
    std::string file;
    /** Handler options at construction (write and read). */
    std::string options = "{}";
    /** Per-flush backend options. */
    std::string flushConfig = "{}";
    std::string expectedBackend;
};

int const saltE2 = 1, saltE3 = 2, saltX = 3;

Extent extentE2()
{
    return {4 * static_cast<uint64_t>(size()), 5};
}
Extent extentE3()
{
    return {2, 3 * static_cast<uint64_t>(size()), 4};
}

void enqueueWrite(Session& s, Writable& node, int salt, Extent const& global,
                  Offset offset, Extent extent)
{
    Parameter<Operation::WRITE_DATASET> write;
    write.offset = offset;
    write.extent = extent;
    write.dtype = Datatype::DOUBLE;
    write.data = block(salt, global, offset, extent);
    s.enqueue(node, std::move(write));
}

void createDataset(Session& s, Writable& node, std::string const& name, Extent extent)
{
    Parameter<Operation::CREATE_DATASET> create;
    create.name = name;
    create.extent = std::move(extent);
    create.dtype = Datatype::DOUBLE;
    s.enqueue(node, std::move(create));
}

void writeAttribute(Session& s, Writable& node, std::string const& name, Attribute value)
{
    Parameter<Operation::WRITE_ATT> write;
    write.name = name;
    write.value = std::move(value);
    s.enqueue(node, std::move(write));
}

void writeSeries(std::string const& directory, Setup const& setup)
{
    Session s(directory, Access::CREATE, setup.format, MPI_COMM_WORLD, setup.options);
    REQUIRE(s.handler().backendName() == setup.expectedBackend);
    int const r = rank();
    auto& root = s.node();
    s.enqueue(root, Parameter<Operation::CREATE_FILE>{setup.file});
    auto& meshes = s.node(&root);
    s.enqueue(meshes, Parameter<Operation::CREATE_PATH>{"data/100/meshes"});
    auto& e2 = s.node(&meshes);
    createDataset(s, e2, "E2", extentE2());
    auto& e3 = s.node(&meshes);
    createDataset(s, e3, "E3", extentE3());
    auto& species = s.node(&root);
    s.enqueue(species,
              Parameter<Operation::CREATE_PATH>{"data/100/particles/e/position"});
    auto& x = s.node(&species);
    createDataset(s, x, "x", {particleTotal(size())});
    writeAttribute(s, root, "software", Attribute(std::string("libopenPMD MPI test")));
    writeAttribute(s, e2, "unitSI", Attribute(1.5));
    writeAttribute(s, e3, "axisLabels",
                   Attribute(std::vector<std::string>{"z", "y", "x"}));
    s.flush(setup.flushConfig); // metadata only: nobody writes data

    // Only rank 0 writes: the other ranks have nothing in this flush.
    uint64_t const row = 4 * static_cast<uint64_t>(r);
    if (r == 0)
    {
        enqueueWrite(s, e2, saltE2, extentE2(), {0, 0}, {2, 5});
    }
    s.flush(setup.flushConfig);

    uint64_t const firstRow = r == 0 ? 2 : row;
    enqueueWrite(s, e2, saltE2, extentE2(), {firstRow, 0}, {row + 4 - firstRow, 5});
    enqueueWrite(s, e3, saltE3, extentE3(), {0, 3 * static_cast<uint64_t>(r), 0},
                 {2, 3, 4});
    Share const share = particleShare(r, size());
    enqueueWrite(s, x, saltX, {particleTotal(size())}, {share.offset}, {share.count});
    // This flush's data and the closing of its file go together, as at the
    // end of a Series: the data must still reach the file.
    writeAttribute(s, root, "iterationEncoding", Attribute(std::string("groupBased")));
    s.enqueue(root, Parameter<Operation::CLOSE_FILE>{});
    s.flush(setup.flushConfig);
}

std::vector<double> readBox(Session& s, Writable& node, Offset offset, Extent extent)
{
    size_t count = 1;
    for (auto n : extent)
    {
        count *= n;
    }
    std::shared_ptr<double> out(new double[count > 0 ? count : 1],
                                std::default_delete<double[]>());
    Parameter<Operation::READ_DATASET> read;
    read.offset = std::move(offset);
    read.extent = std::move(extent);
    read.dtype = Datatype::DOUBLE;
    read.data = out;
    s.enqueue(node, std::move(read));
    s.flush();
    return std::vector<double>(out.get(), out.get() + count);
}

void checkWhole(Session& s, Writable& node, int salt, Extent const& global)
{
    auto const values = readBox(s, node, Offset(global.size(), 0), global);
    size_t mismatches = 0;
    for (size_t i = 0; i < values.size(); ++i)
    {
        mismatches += values[i] == valueAt(salt, i) ? 0 : 1;
    }
    CHECK(mismatches == 0);
}

/** Opens the file and its datasets; returns nodes E2, E3, x. */
std::vector<Writable*> openSeries(Session& s, Setup const& setup)
{
    auto& root = s.node();
    s.enqueue(root, Parameter<Operation::OPEN_FILE>{setup.file});
    auto& meshes = s.node(&root);
    s.enqueue(meshes, Parameter<Operation::OPEN_PATH>{"data/100/meshes"});
    std::vector<Writable*> nodes;
    std::vector<std::shared_ptr<Extent>> extents;
    for (auto const& [parent, name] : std::vector<std::pair<Writable*, std::string>>{
             {&meshes, "E2"},
             {&meshes, "E3"},
             {&root, "data/100/particles/e/position/x"}})
    {
        auto& node = s.node(parent);
        Parameter<Operation::OPEN_DATASET> open;
        open.name = name;
        extents.push_back(open.extent);
        s.enqueue(node, std::move(open));
        nodes.push_back(&node);
    }
    Parameter<Operation::READ_ATT> software;
    software.name = "software";
    auto const softwareValue = software.resource;
    s.enqueue(root, std::move(software));
    Parameter<Operation::READ_ATT> labels;
    labels.name = "axisLabels";
    auto const labelsValue = labels.resource;
    s.enqueue(*nodes[1], std::move(labels));
    s.flush();
    CHECK(*extents[0] == extentE2());
    CHECK(*extents[1] == extentE3());
    CHECK(*extents[2] == Extent{particleTotal(size())});
    CHECK(Attribute(*softwareValue).get<std::string>() == "libopenPMD MPI test");
    CHECK(Attribute(*labelsValue).get<std::vector<std::string>>() ==
          std::vector<std::string>{"z", "y", "x"});
    return nodes;
}

void readBySerialHandler(std::string const& directory, Setup const& setup)
{
    if (rank() == 0)
    {
        Session s(directory, Access::READ_ONLY, setup.format, MPI_COMM_NULL);
        auto nodes = openSeries(s, setup);
        checkWhole(s, *nodes[0], saltE2, extentE2());
        checkWhole(s, *nodes[1], saltE3, extentE3());
        checkWhole(s, *nodes[2], saltX, {particleTotal(size())});
    }
    MPI_Barrier(MPI_COMM_WORLD);
}

void readByAllRanks(std::string const& directory, Setup const& setup)
{
    Session s(directory, Access::READ_ONLY, setup.format, MPI_COMM_WORLD, setup.options);
    auto nodes = openSeries(s, setup);
    // Every rank reads all of E2, its own slab of E3 and its particle share
    // (nothing on the last rank).
    checkWhole(s, *nodes[0], saltE2, extentE2());
    uint64_t const r = static_cast<uint64_t>(rank());
    auto const slab = readBox(s, *nodes[1], {0, 3 * r, 0}, {2, 3, 4});
    auto const expected = block(saltE3, extentE3(), {0, 3 * r, 0}, {2, 3, 4});
    for (size_t i = 0; i < slab.size(); ++i)
    {
        REQUIRE(slab[i] == expected.get()[i]);
    }
    Share const share = particleShare(rank(), size());
    auto const mine = readBox(s, *nodes[2], {share.offset}, {share.count});
    REQUIRE(mine.size() == share.count);
    for (size_t i = 0; i < mine.size(); ++i)
    {
        REQUIRE(mine[i] == valueAt(saltX, share.offset + i));
    }
    // The chunks stored cover each dataset exactly.
    Parameter<Operation::AVAILABLE_CHUNKS> chunksE2, chunksX;
    auto const tableE2 = chunksE2.chunks;
    auto const tableX = chunksX.chunks;
    s.enqueue(*nodes[0], std::move(chunksE2));
    s.enqueue(*nodes[2], std::move(chunksX));
    s.flush();
    CHECK(coveredElements(*tableE2) == 20 * static_cast<uint64_t>(size()));
    CHECK(coveredElements(*tableX) == particleTotal(size()));
}

void roundTrip(Setup const& setup)
{
    SharedDirectory directory;
    REQUIRE(!directory.path().empty());
    writeSeries(directory.path(), setup);
    readBySerialHandler(directory.path(), setup);
    readByAllRanks(directory.path(), setup);
}

Setup hdf5Setup()
{
    return Setup{Format::HDF5, "series.h5", "{}", "{}", "MPI_HDF5"};
}
} // namespace

TEST_CASE("JSON under MPI writes one file that serial and parallel readers read",
          "[json]")
{
    roundTrip(Setup{Format::JSON, "series.json", "{}", "{}", "JSON"});
}

TEST_CASE("Zarr under MPI: unaligned slabs share chunks, assembled on one rank", "[zarr]")
{
    // Default chunks hold a whole dataset here: every rank writes into the
    // same chunks, which must end up with every rank's data.
    roundTrip(Setup{Format::ZARR, "series.zarr", "{}", "{}", "Zarr"});
}

TEST_CASE("Zarr under MPI: chunk-aligned slabs", "[zarr]")
{
    // 160-byte chunks: E2 [4, 5] and E3 [2, 3, 2] follow the ranks' slabs.
    roundTrip(Setup{Format::ZARR, "aligned.zarr", R"({"dataset": {"chunk_bytes": 160}})",
                    "{}", "Zarr"});
}

TEST_CASE("Zarr under MPI: uneven slabs across small chunks", "[zarr]")
{
    // 24-byte chunks (3 doubles): the particle shares cross chunk borders.
    roundTrip(Setup{Format::ZARR, "small.zarr", R"({"dataset": {"chunk_bytes": 24}})",
                    "{}", "Zarr"});
}

#if openPMD_HAVE_HDF5
TEST_CASE("MPI_HDF5 round trip with independent transfers (default)", "[hdf5]")
{
    roundTrip(hdf5Setup());
}

TEST_CASE("MPI_HDF5 round trip with collective transfers (handler option)", "[hdf5]")
{
    Setup setup = hdf5Setup();
    setup.options = R"({"hdf5": {"independent_stores": false}})";
    roundTrip(setup);
}

TEST_CASE("MPI_HDF5 round trip with collective transfers (per flush)", "[hdf5]")
{
    Setup setup = hdf5Setup();
    setup.flushConfig = R"({"hdf5": {"independent_stores": false}})";
    roundTrip(setup);
}

TEST_CASE("MPI_HDF5 round trip with collective transfers (OPENPMD_HDF5_INDEPENDENT)",
          "[hdf5]")
{
    ::setenv("OPENPMD_HDF5_INDEPENDENT", "OFF", 1);
    Setup const setup = hdf5Setup();
    try
    {
        roundTrip(setup);
    }
    catch (...)
    {
        ::unsetenv("OPENPMD_HDF5_INDEPENDENT");
        throw;
    }
    ::unsetenv("OPENPMD_HDF5_INDEPENDENT");
}
#endif
