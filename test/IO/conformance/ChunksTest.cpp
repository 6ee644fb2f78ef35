// Chunks: partial and out-of-order writes, EXTEND_DATASET, AVAILABLE_CHUNKS.
#include "Expect.hpp"
#include "Session.hpp"

using namespace conformance;

namespace
{
/** A dataset option every backend accepts; HDF5 needs it to extend. */
std::string const resizable = R"({"resizable": true})";

struct Block
{
    Offset offset;
    Extent extent;
};

bool contains(ChunkInfo const& chunk, Offset const& position)
{
    for (size_t d = 0; d < position.size(); ++d)
    {
        if (position[d] < chunk.offset[d] ||
            position[d] - chunk.offset[d] >= chunk.extent[d])
        {
            return false;
        }
    }
    return true;
}

/**
 * The reported chunks lie inside the dataset, have its rank, and together
 * cover every element of every written block.
 */
void checkCoverage(ChunkTable const& chunks, Extent const& extent,
                   std::vector<Block> const& written)
{
    for (auto const& chunk : chunks)
    {
        REQUIRE(chunk.offset.size() == extent.size());
        REQUIRE(chunk.extent.size() == extent.size());
        for (size_t d = 0; d < extent.size(); ++d)
        {
            CHECK(chunk.offset[d] + chunk.extent[d] <= extent[d]);
        }
    }
    for (auto const& block : written)
    {
        Offset position = block.offset;
        for (std::uint64_t n = 0; n < elementCount(block.extent); ++n)
        {
            bool const covered =
                std::any_of(chunks.begin(), chunks.end(),
                            [&](auto const& c) { return contains(c, position); });
            if (!covered)
            {
                FAIL_CHECK("written element not covered by any available chunk, position "
                           << Catch::Detail::stringify(position));
            }
            for (size_t d = position.size(); d-- > 0;)
            {
                if (++position[d] < block.offset[d] + block.extent[d])
                {
                    break;
                }
                position[d] = block.offset[d];
            }
        }
    }
}
} // namespace

namespace
{
/** Four blocks tiling a 6x8 dataset, written bottom-right first. */
std::vector<Block> const tiles{
    {{3, 4}, {3, 4}}, {{0, 5}, {3, 3}}, {{3, 0}, {3, 4}}, {{0, 0}, {3, 5}}};
/** Two blocks of a 10x10 dataset; the rest stays unwritten (and unread). */
std::vector<Block> const partial{{{2, 2}, {3, 4}}, {{7, 0}, {1, 10}}};

void writeChunks(BackendUnderTest const& backend, std::string const& directory)
{
    Session writer(backend, directory, Access::CREATE);
    Writable& root = writer.createFile("chunks");
    Writable& tiled = writer.createDataset(root, "tiled", Datatype::INT, {6, 8});
    writer.writeSamples<int>(tiled, tiles[0].offset, tiles[0].extent);
    writer.writeSamples<int>(tiled, tiles[1].offset, tiles[1].extent);
    writer.flush();
    writer.writeSamples<int>(tiled, tiles[2].offset, tiles[2].extent);
    writer.writeSamples<int>(tiled, tiles[3].offset, tiles[3].extent);

    Writable& sparse = writer.createDataset(root, "partial", Datatype::DOUBLE, {10, 10});
    for (auto const& block : partial)
    {
        writer.writeSamples<double>(sparse, block.offset, block.extent);
    }
    // Single elements in reverse order.
    Writable& reversed = writer.createDataset(root, "reversed", Datatype::SHORT, {10});
    for (std::uint64_t i = 10; i-- > 0;)
    {
        writer.writeSamples<short>(reversed, {i}, {1});
    }
    // Two halves along the innermost dimension, the second first.
    Writable& cube = writer.createDataset(root, "cube", Datatype::FLOAT, {4, 5, 6});
    writer.writeSamples<float>(cube, {0, 0, 3}, {4, 5, 3});
    writer.writeSamples<float>(cube, {0, 0, 0}, {4, 5, 3});
    writer.closeFile(root);
    writer.flush();
}

/** Reads a block of a dataset and checks it against the samples. */
template <typename T>
void checkBlock(Session& reader, Writable& dataset, Offset const& offset,
                Extent const& extent)
{
    auto data = reader.readBlock<T>(dataset, offset, extent);
    reader.flush();
    INFO("offset " << Catch::Detail::stringify(offset) << " extent "
                   << Catch::Detail::stringify(extent));
    CHECK(*data == sampleBlock<T>(offset, extent));
}
} // namespace

TEST_CASE("datasets: partial and out-of-order chunks", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "chunks");
            writeChunks(backend, directory);

            Session reader(backend, directory, Access::READ_ONLY);
            Writable& root = reader.openFile("chunks");
            Writable& tiled = reader.openDataset(root, "tiled").node;
            Writable& sparse = reader.openDataset(root, "partial").node;
            Writable& reversed = reader.openDataset(root, "reversed").node;
            Writable& cube = reader.openDataset(root, "cube").node;
            checkBlock<int>(reader, tiled, {0, 0}, {6, 8});
            checkBlock<int>(reader, tiled, {2, 3}, {2, 3}); // straddles all four tiles
            checkBlock<int>(reader, tiled, {5, 7}, {1, 1});
            checkBlock<double>(reader, sparse, partial[0].offset, partial[0].extent);
            checkBlock<double>(reader, sparse, {3, 3}, {2, 2});
            checkBlock<double>(reader, sparse, partial[1].offset, partial[1].extent);
            checkBlock<short>(reader, reversed, {0}, {10});
            checkBlock<float>(reader, cube, {0, 0, 0}, {4, 5, 6});
            checkBlock<float>(reader, cube, {1, 1, 1}, {2, 3, 4});
            reader.closeFile(root);
            reader.flush();
        });
}

TEST_CASE("datasets: extension then writing the new region", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "extension");
            {
                Session writer(backend, directory, Access::CREATE);
                Writable& root = writer.createFile("extension");
                Writable& line =
                    writer.createDataset(root, "line", Datatype::LONG, {4}, resizable);
                writer.writeSamples<long>(line, {0}, {4});
                Writable& plane = writer.createDataset(root, "plane", Datatype::CDOUBLE,
                                                       {3, 4}, resizable);
                writer.writeSamples<std::complex<double>>(plane, {0, 0}, {3, 4});
                writer.flush();

                writer.extendDataset(line, {10});
                writer.writeSamples<long>(line, {4}, {6});
                writer.extendDataset(plane, {5, 6});
                writer.writeSamples<std::complex<double>>(plane, {3, 0}, {2, 6});
                writer.writeSamples<std::complex<double>>(plane, {0, 4}, {3, 2});
                // Create, write, extend and write again within one flush.
                Writable& quick =
                    writer.createDataset(root, "quick", Datatype::UINT, {2}, resizable);
                writer.writeSamples<unsigned>(quick, {0}, {2});
                writer.extendDataset(quick, {5});
                writer.writeSamples<unsigned>(quick, {2}, {3});
                writer.closeFile(root);
                writer.flush();
            }
            Session reader(backend, directory, Access::READ_ONLY);
            Writable& root = reader.openFile("extension");
            auto line = reader.openDataset(root, "line");
            auto plane = reader.openDataset(root, "plane");
            auto quick = reader.openDataset(root, "quick");
            reader.flush();
            REQUIRE(*line.extent == Extent{10});
            REQUIRE(*plane.extent == Extent{5, 6});
            REQUIRE(*quick.extent == Extent{5});
            auto lineData = reader.readBlock<long>(line.node, {0}, {10});
            auto planeData =
                reader.readBlock<std::complex<double>>(plane.node, {0, 0}, {5, 6});
            auto quickData = reader.readBlock<unsigned>(quick.node, {0}, {5});
            reader.flush();
            CHECK(*lineData == sampleBlock<long>({0}, {10}));
            CHECK(*planeData == sampleBlock<std::complex<double>>({0, 0}, {5, 6}));
            CHECK(*quickData == sampleBlock<unsigned>({0}, {5}));
            reader.closeFile(root);
            reader.flush();
        });
}

TEST_CASE("datasets: invalid extension is refused", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "bad_extension");
            Session writer(backend, directory, Access::CREATE);
            Writable& root = writer.createFile("bad_extension");
            Writable& plane =
                writer.createDataset(root, "plane", Datatype::FLOAT, {3, 4}, resizable);
            writer.writeSamples<float>(plane, {0, 0}, {3, 4});
            writer.flush();

            for (Extent const& bad : {Extent{2, 4}, Extent{3, 4, 1}, Extent{12}})
            {
                INFO("extent " << Catch::Detail::stringify(bad));
                writer.extendDataset(plane, bad);
                auto e = flushMustThrow<Error>(writer);
                REQUIRE(e.has_value());
                checkMessageNames(*e, "plane", writer.fileName("bad_extension"));
            }
            writer.closeFile(root);
            writer.flush();

            // The dataset is as it was.
            Session reader(backend, directory, Access::READ_ONLY);
            Writable& reopened = reader.openFile("bad_extension");
            auto now = reader.openDataset(reopened, "plane");
            reader.flush();
            CHECK(*now.extent == Extent{3, 4});
            auto data = reader.readBlock<float>(now.node, {0, 0}, {3, 4});
            reader.flush();
            CHECK(*data == sampleBlock<float>({0, 0}, {3, 4}));
        });
}

TEST_CASE("datasets: available chunks cover what was written", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "available_chunks");
            std::vector<Block> const written{
                {{0, 0}, {2, 6}}, {{4, 2}, {4, 2}}, {{5, 0}, {1, 1}}};
            std::vector<Block> const complexWritten{{{1}, {3}}};
            {
                Session writer(backend, directory, Access::CREATE);
                Writable& root = writer.createFile("chunks");
                Writable& plane =
                    writer.createDataset(root, "plane", Datatype::FLOAT, {8, 6});
                for (auto const& block : written)
                {
                    writer.writeSamples<float>(plane, block.offset, block.extent);
                }
                Writable& line =
                    writer.createDataset(root, "complex", Datatype::CFLOAT, {5});
                writer.writeSamples<std::complex<float>>(line, complexWritten[0].offset,
                                                         complexWritten[0].extent);
                writer.closeFile(root);
                writer.flush();
            }
            Session reader(backend, directory, Access::READ_ONLY);
            Writable& root = reader.openFile("chunks");
            auto plane = reader.openDataset(root, "plane");
            auto line = reader.openDataset(root, "complex");
            auto planeChunks = reader.availableChunks(plane.node);
            // Complex elements are one element each: no extra dimension.
            auto lineChunks = reader.availableChunks(line.node);
            reader.flush();
            checkCoverage(*planeChunks, {8, 6}, written);
            checkCoverage(*lineChunks, {5}, complexWritten);
            reader.closeFile(root);
            reader.flush();
        });
}
