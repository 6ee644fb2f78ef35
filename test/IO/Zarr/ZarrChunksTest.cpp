// Chunks: default and explicit chunk shapes, partial writes merged into
// chunks, unwritten chunks (fill value, not reported), codecs, extension.

#include "ZarrTestSupport.hpp"

#include <cmath>
#include <numeric>

using namespace openPMD;
using namespace zarrtest;
namespace fs = std::filesystem;

namespace
{
std::string chunked(std::vector<int> const& chunks,
                    std::string const& compressor = "null")
{
    std::string list;
    for (auto c : chunks)
        list += (list.empty() ? "" : ",") + std::to_string(c);
    return R"({"zarr": {"dataset": {"chunks": [)" + list + R"(], "compressor": )" +
           compressor + "}}}";
}

std::vector<ChunkInfo> chunksOf(Series& s, std::string const& mesh)
{
    auto table = s.iterations[1].meshes[mesh].availableChunks();
    std::vector<ChunkInfo> result(table.begin(), table.end());
    std::sort(result.begin(), result.end(),
              [](ChunkInfo const& a, ChunkInfo const& b) { return a.offset < b.offset; });
    return result;
}
} // namespace

TEST_CASE("chunks: partial writes across flushes are merged into their chunks",
          "[zarr][chunks]")
{
    auto const dir = freshDir("zarr_partial");
    std::string const path = dir + "/partial.zarr";
    {
        Series s(path, Access::CREATE);
        auto rho = s.iterations[1].meshes["rho"];
        rho.resetDataset(Dataset(Datatype::DOUBLE, {12}, chunked({4})));
        rho.storeChunk(shared(std::vector<double>{0, 1}), {0}, {2});
        s.flush();
        rho.storeChunk(shared(std::vector<double>{2}), {2}, {1});
        s.flush();
        // chunk 2 (8..11) in two writes within one flush, chunk 1 untouched
        rho.storeChunk(shared(std::vector<double>{8, 9}), {8}, {2});
        rho.storeChunk(shared(std::vector<double>{11}), {11}, {1});
        s.flush();
    }
    CHECK_FALSE(fs::exists(path + "/data/1/meshes/rho/1"));
    Series r(path, Access::READ_ONLY);
    auto data = r.iterations[1].meshes["rho"].loadChunk<double>({0}, {12});
    r.flush();
    std::vector<double> const expected{0, 1, 2, NAN, NAN, NAN, NAN, NAN, 8, 9, NAN, 11};
    for (std::size_t i = 0; i < expected.size(); ++i)
    {
        INFO("element " << i);
        if (std::isnan(expected[i]))
            CHECK(std::isnan(data.get()[i]));
        else
            CHECK(data.get()[i] == expected[i]);
    }
    auto const chunks = chunksOf(r, "rho");
    REQUIRE(chunks.size() == 2);
    CHECK(chunks[0].offset == Offset{0});
    CHECK(chunks[0].extent == Extent{4});
    CHECK(chunks[1].offset == Offset{8});
    CHECK(chunks[1].extent == Extent{4});
}

TEST_CASE("chunks: 2-D tiles unaligned to chunks, edge chunks, integers fill with 0",
          "[zarr][chunks]")
{
    auto const dir = freshDir("zarr_tiles");
    std::string const path = dir + "/tiles.zarr";
    std::vector<int> full(7 * 5);
    std::iota(full.begin(), full.end(), 1);
    {
        Series s(path, Access::CREATE);
        auto rho = s.iterations[1].meshes["rho"];
        rho.resetDataset(Dataset(Datatype::INT, {7, 5}, chunked({3, 2})));
        // rows 0..3 in one write, rows 4..6 column by column, column 4 left out
        std::vector<int> top(full.begin(), full.begin() + 4 * 5);
        rho.storeChunk(shared(top), {0, 0}, {4, 5});
        for (std::uint64_t col = 0; col < 4; ++col)
        {
            std::vector<int> column;
            for (std::uint64_t row = 4; row < 7; ++row)
                column.push_back(full[row * 5 + col]);
            rho.storeChunk(shared(column), {4, col}, {3, 1});
        }
    }
    Series r(path, Access::READ_ONLY);
    auto data = r.iterations[1].meshes["rho"].loadChunk<int>({0, 0}, {7, 5});
    auto middle = r.iterations[1].meshes["rho"].loadChunk<int>({2, 1}, {3, 3});
    r.flush();
    for (std::size_t row = 0; row < 7; ++row)
        for (std::size_t col = 0; col < 5; ++col)
        {
            INFO("row " << row << " column " << col);
            int const want = row >= 4 && col == 4 ? 0 : full[row * 5 + col];
            CHECK(data.get()[row * 5 + col] == want);
        }
    for (std::size_t row = 0; row < 3; ++row)
        for (std::size_t col = 0; col < 3; ++col)
            CHECK(middle.get()[row * 3 + col] == full[(row + 2) * 5 + col + 1]);
    // 3 x 3 chunks of [3, 2]; chunk (2, 2) holds only the unwritten (6, 4).
    auto const chunks = chunksOf(r, "rho");
    CHECK(chunks.size() == 8);
    CHECK(chunks.back().offset == Offset{6, 2});
    CHECK(chunks.back().extent == Extent{1, 2});
    CHECK_FALSE(fs::exists(path + "/data/1/meshes/rho/2.2"));
}

TEST_CASE("chunks: the default chunk shape keeps chunks near 1 MiB", "[zarr][chunks]")
{
    auto const dir = freshDir("zarr_default_chunks");
    std::string const path = dir + "/default.zarr";
    {
        Series s(path, Access::CREATE);
        s.iterations[1].meshes["big"].resetDataset(
            Dataset(Datatype::DOUBLE, {1000, 1000}));
        s.iterations[1].meshes["small"].resetDataset(Dataset(Datatype::FLOAT, {10, 20}));
        s.iterations[1].meshes["grow"].resetDataset(Dataset(Datatype::INT, {0}));
        s.flush();
    }
    auto const big = readJSON(path + "/data/1/meshes/big/.zarray")["chunks"];
    CHECK(big == nlohmann::json({250, 500}));
    CHECK(readJSON(path + "/data/1/meshes/small/.zarray")["chunks"] ==
          nlohmann::json({10, 20}));
    CHECK(readJSON(path + "/data/1/meshes/grow/.zarray")["chunks"] ==
          nlohmann::json({65536}));
}

TEST_CASE("chunks: every codec round-trips with numcodecs metadata", "[zarr][codecs]")
{
    std::vector<std::pair<std::string, nlohmann::json>> const codecs{
        {"null", nullptr},
        {R"({"id": "zlib", "level": 6})", {{"id", "zlib"}, {"level", 6}}},
        {R"("zstd")", {{"id", "zstd"}, {"level", 1}}},
        {R"({"id": "blosc", "cname": "zstd", "clevel": 3, "shuffle": 2})",
         {{"id", "blosc"},
          {"cname", "zstd"},
          {"clevel", 3},
          {"shuffle", 2},
          {"blocksize", 0}}}};
    auto const dir = freshDir("zarr_codecs");
    std::vector<double> values(1000);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = std::sin(0.01 * static_cast<double>(i));
    for (auto const& [option, metadata] : codecs)
    {
        INFO("compressor " << option);
        std::string const path =
            dir + "/c" + std::to_string(&option - &codecs[0].first) + ".zarr";
        {
            Series s(path, Access::CREATE);
            auto rho = s.iterations[1].meshes["rho"];
            rho.resetDataset(Dataset(Datatype::DOUBLE, {1000}, chunked({300}, option)));
            rho.storeChunk(shared(values), {0}, {1000});
        }
        CHECK(readJSON(path + "/data/1/meshes/rho/.zarray")["compressor"] == metadata);
        if (!metadata.is_null())
            CHECK(fs::file_size(path + "/data/1/meshes/rho/0") < 300 * sizeof(double));
        Series r(path, Access::READ_ONLY);
        auto data = r.iterations[1].meshes["rho"].loadChunk<double>();
        r.flush();
        CHECK(std::equal(values.begin(), values.end(), data.get()));
    }
}

TEST_CASE("chunks: a series-wide default compressor", "[zarr][codecs]")
{
    auto const dir = freshDir("zarr_series_codec");
    std::string const path = dir + "/s.zarr";
    {
        Series s(path, Access::CREATE,
                 R"({"zarr": {"dataset": {"compressor": {"id": "zlib", "level": 1}}}})");
        s.iterations[1].meshes["rho"].resetDataset(Dataset(Datatype::INT, {4}));
        s.iterations[1].meshes["rho"].storeChunk(shared(std::vector<int>{1, 2, 3, 4}),
                                                 {0}, {4});
    }
    CHECK(readJSON(path + "/data/1/meshes/rho/.zarray")["compressor"]["id"] == "zlib");
}

TEST_CASE("chunks: extending a dataset keeps its chunks", "[zarr][chunks]")
{
    auto const dir = freshDir("zarr_extend");
    std::string const path = dir + "/e.zarr";
    {
        Series s(path, Access::CREATE);
        auto rho = s.iterations[1].meshes["rho"];
        rho.resetDataset(Dataset(Datatype::LONG, {3}, chunked({2})));
        rho.storeChunk(shared(std::vector<long>{1, 2, 3}), {0}, {3});
        s.flush();
        rho.resetDataset(Dataset({6}));
        rho.storeChunk(shared(std::vector<long>{4, 5, 6}), {3}, {3});
    }
    CHECK(readJSON(path + "/data/1/meshes/rho/.zarray")["shape"] == nlohmann::json({6}));
    Series r(path, Access::READ_ONLY);
    auto data = r.iterations[1].meshes["rho"].loadChunk<long>();
    r.flush();
    CHECK(std::vector<long>(data.get(), data.get() + 6) ==
          std::vector<long>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("chunks: bad chunk and codec options are refused", "[zarr][codecs][options]")
{
    auto const dir = freshDir("zarr_bad_options");
    Series s(dir + "/o.zarr", Access::CREATE);
    auto rho = s.iterations[1].meshes["rho"];
    rho.resetDataset(
        Dataset(Datatype::INT, {4}, R"({"zarr": {"dataset": {"compressor": "lzma"}}})"));
    auto const e = captureError<error::BackendConfigSchema>([&] { s.flush(); });
    CHECK_THAT(e.what(), Catch::Contains("lzma"));
    rho.resetDataset(Dataset(Datatype::INT, {4}, chunked({0})));
    CHECK_THROWS_AS(s.flush(), error::BackendConfigSchema);
    rho.resetDataset(Dataset(Datatype::INT, {4}, chunked({2, 2})));
    CHECK_THROWS_AS(s.flush(), error::BackendConfigSchema);
    CHECK_THROWS_AS(Series(dir + "/p.zarr", Access::CREATE,
                           R"({"zarr": {"store": {"type": "nowhere"}}})"),
                    error::BackendConfigSchema);
}
