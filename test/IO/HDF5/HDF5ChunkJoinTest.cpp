// Chunks stored with one WRITE_DATASET each: adjacent ones from one buffer are
// joined into one H5Dwrite; every value must land where it belongs, whatever
// is joined, and a read in the same flush sees what was written before it.
#include "HDF5TestSupport.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

using namespace hdf5_test;

namespace
{
std::shared_ptr<void const> slice(std::shared_ptr<std::vector<double>> const& owner,
                                  size_t first)
{
    return std::shared_ptr<void const>(owner, owner->data() + first);
}

void enqueueWrite(Session& session, Writable& dataset, Offset offset, Extent extent,
                  std::shared_ptr<void const> data)
{
    Parameter<Operation::WRITE_DATASET> write;
    write.offset = std::move(offset);
    write.extent = std::move(extent);
    write.dtype = Datatype::DOUBLE;
    write.data = std::move(data);
    session.enqueue(&dataset, std::move(write));
}

std::vector<double> readAll(Session& session, Writable& dataset, Extent extent)
{
    size_t const count = std::accumulate(extent.begin(), extent.end(), size_t(1),
                                         [](size_t a, auto b) { return a * b; });
    auto buffer = std::make_shared<std::vector<double>>(count, -1.0);
    Parameter<Operation::READ_DATASET> read;
    read.offset = Offset(extent.size(), 0);
    read.extent = std::move(extent);
    read.dtype = Datatype::DOUBLE;
    read.data = std::shared_ptr<void>(buffer, buffer->data());
    session.run(&dataset, std::move(read));
    return *buffer;
}
} // namespace

TEST_CASE("HDF5: many chunks of one buffer, of separate buffers and of rows land in "
          "place",
          "[hdf5][chunks]")
{
    ScratchDirectory scratch;
    constexpr size_t n = 3000;
    std::vector<double> expectedLine(n), expectedRows(40 * 5);
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root, line, rows;
        session.createFile(root, "chunks.h5");
        session.createDataset(line, root, "line", Datatype::DOUBLE, {n});
        session.createDataset(rows, root, "rows", Datatype::DOUBLE, {40, 5});

        // 1000 adjacent chunks of one buffer (joinable), then chunks of
        // their own buffers, backwards (never joinable), then a chunk that
        // overwrites part of the first ones.
        auto shared = std::make_shared<std::vector<double>>(2000);
        std::iota(shared->begin(), shared->end(), 0.5);
        for (size_t c = 0; c < 1000; ++c)
        {
            enqueueWrite(session, line, {2 * c}, {2}, slice(shared, 2 * c));
        }
        std::copy(shared->begin(), shared->end(), expectedLine.begin());
        for (size_t c = 100; c-- > 0;)
        {
            auto own = std::make_shared<std::vector<double>>(10, -double(c));
            enqueueWrite(session, line, {2000 + 10 * c}, {10}, slice(own, 0));
            std::fill_n(expectedLine.begin() + 2000 + 10 * c, 10, -double(c));
        }
        auto patch = std::make_shared<std::vector<double>>(3, 99.0);
        enqueueWrite(session, line, {10}, {3}, slice(patch, 0));
        std::fill_n(expectedLine.begin() + 10, 3, 99.0);

        // Whole rows of a 2-D dataset from one buffer join; a partial row
        // from the same buffer must not.
        auto grid = std::make_shared<std::vector<double>>(200);
        std::iota(grid->begin(), grid->end(), 1000.0);
        for (size_t r = 0; r < 30; r += 3)
        {
            enqueueWrite(session, rows, {r, 0}, {3, 5}, slice(grid, r * 5));
        }
        enqueueWrite(session, rows, {30, 0}, {1, 2}, slice(grid, 150));
        enqueueWrite(session, rows, {30, 2}, {1, 3}, slice(grid, 152));
        enqueueWrite(session, rows, {31, 0}, {9, 5}, slice(grid, 155));
        expectedRows = *grid;

        // Read back in the same flush as the writes: the read must see them.
        REQUIRE(readAll(session, line, {n}) == expectedLine);
        REQUIRE(readAll(session, rows, {40, 5}) == expectedRows);
        session.closeFile(root);
    }
    Session reader(scratch.path(), Access::READ_ONLY);
    Writable root, line, rows;
    reader.openFile(root, "chunks.h5");
    reader.openDataset(line, root, "line");
    reader.openDataset(rows, root, "rows");
    REQUIRE(readAll(reader, line, {n}) == expectedLine);
    REQUIRE(readAll(reader, rows, {40, 5}) == expectedRows);
}

TEST_CASE("HDF5: a held-back write that fails is reported by the flush", "[hdf5][chunks]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, dataset;
    session.createFile(root, "fail.h5");
    session.createDataset(dataset, root, "d", Datatype::DOUBLE, {10});
    // A selection outside the dataset is refused at once, naming the dataset.
    auto values = std::make_shared<std::vector<double>>(10, 1.0);
    enqueueWrite(session, dataset, {5}, {10}, slice(values, 0));
    REQUIRE_THROWS_WITH(session.flush(),
                        Catch::Contains("'/d'") && Catch::Contains("fail.h5"));
    // The dataset is still usable afterwards.
    enqueueWrite(session, dataset, {0}, {10}, slice(values, 0));
    session.flush();
    REQUIRE(readAll(session, dataset, {10}) == *values);
}
