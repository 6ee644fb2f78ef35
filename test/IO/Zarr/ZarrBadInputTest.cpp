// Bad input: each case gives an openPMD::Error subclass whose message names
// the store, the key and what was expected.

#include "ZarrTestSupport.hpp"

#include <openPMD/IO/AbstractIOHandlerHelper.hpp>
#include <openPMD/IO/IOTask.hpp>
#include <openPMD/backend/Writable.hpp>

using namespace openPMD;
using namespace zarrtest;
namespace fs = std::filesystem;

namespace
{
/** A small valid series to break: mesh rho (4 doubles, chunks of 2). */
std::string writeValid(std::string const& name)
{
    auto const dir = freshDir("zarr_bad_" + name);
    std::string const path = dir + "/s.zarr";
    Series s(path, Access::CREATE, R"({"zarr": {"consolidated_metadata": false}})");
    auto rho = s.iterations[1].meshes["rho"];
    rho.resetDataset(
        Dataset(Datatype::DOUBLE, {4}, R"({"zarr": {"dataset": {"chunks": [2]}}})"));
    rho.storeChunk(shared(std::vector<double>{1, 2, 3, 4}), {0}, {4});
    s.flush();
    return path;
}

template <typename E>
E errorOnReading(std::string const& path)
{
    return captureError<E>(
        [&]
        {
            Series r(path, Access::READ_ONLY);
            auto data = r.iterations[1].meshes["rho"].loadChunk<double>();
            r.flush();
        });
}
} // namespace

TEST_CASE("bad input: a chunk of the wrong size", "[zarr][bad]")
{
    auto const path = writeValid("chunk_size");
    writeText(path + "/data/1/meshes/rho/1", "short");
    auto const e = errorOnReading<error::ReadError>(path);
    CHECK(e.affectedObject == error::AffectedObject::Dataset);
    CHECK_THAT(e.what(), Catch::Contains("data/1/meshes/rho/1") &&
                             Catch::Contains("5 bytes") &&
                             Catch::Contains("expected 16"));
}

TEST_CASE("bad input: malformed and unsupported .zarray", "[zarr][bad]")
{
    auto const path = writeValid("zarray");
    auto const key = path + "/data/1/meshes/rho/.zarray";
    auto const good = readText(key);
    writeText(key, "{\"shape\": [4,");
    auto e = errorOnReading<error::ReadError>(path);
    CHECK_THAT(e.what(), Catch::Contains("data/1/meshes/rho/.zarray") &&
                             Catch::Contains("malformed JSON"));

    auto doc = nlohmann::json::parse(good);
    doc["compressor"] = {{"id", "lzma"}};
    writeText(key, doc.dump());
    e = errorOnReading<error::ReadError>(path);
    CHECK_THAT(e.what(), Catch::Contains("unknown compressor 'lzma'"));

    doc = nlohmann::json::parse(good);
    doc["dtype"] = "<U8";
    writeText(key, doc.dump());
    e = errorOnReading<error::ReadError>(path);
    CHECK_THAT(e.what(), Catch::Contains("unsupported dtype \"<U8\""));

    doc = nlohmann::json::parse(good);
    doc["order"] = "F";
    writeText(key, doc.dump());
    e = errorOnReading<error::ReadError>(path);
    CHECK_THAT(e.what(), Catch::Contains("order"));
}

TEST_CASE("bad input: malformed .zattrs", "[zarr][bad]")
{
    auto const path = writeValid("zattrs");
    writeText(path + "/data/1/.zattrs", "[1, 2");
    auto const e = captureError<error::ReadError>(
        [&]
        {
            Series r(path, Access::READ_ONLY);
            r.iterations[1].time<double>();
        });
    CHECK_THAT(e.what(),
               Catch::Contains("data/1/.zattrs") && Catch::Contains("malformed JSON"));
}

TEST_CASE("bad input: a hierarchy that is not openPMD or no hierarchy at all",
          "[zarr][bad]")
{
    auto const dir = freshDir("zarr_bad_foreign");
    CHECK_THROWS_AS(Series(dir + "/missing.zarr", Access::READ_ONLY), error::ReadError);

    fs::create_directories(dir + "/nogroup.zarr");
    writeText(dir + "/nogroup.zarr/data", "x");
    auto e = captureError<error::ReadError>(
        [&] { Series(dir + "/nogroup.zarr", Access::READ_ONLY); });
    CHECK_THAT(e.what(), Catch::Contains(".zgroup"));

    fs::create_directories(dir + "/plain.zarr");
    writeText(dir + "/plain.zarr/.zgroup", R"({"zarr_format": 2})");
    writeText(dir + "/plain.zarr/.zattrs", R"({"title": "not openPMD"})");
    auto const error = captureError<openPMD::Error>(
        [&] { Series(dir + "/plain.zarr", Access::READ_ONLY); });
    CHECK_THAT(error.what(), Catch::Contains("openPMD"));
}

TEST_CASE("bad input: names that would escape the hierarchy are refused", "[zarr][bad]")
{
    // Below the frontend's own checks: tasks straight to the handler.
    auto const dir = freshDir("zarr_bad_names");
    auto handler = createIOHandler(dir, Access::CREATE, Format::ZARR);
    Writable root, group, dataset;
    group.parent = &root;
    dataset.parent = &root;
    handler->enqueue(IOTask(&root, Parameter<Operation::CREATE_FILE>{"n.zarr"}));
    handler->flush();
    std::vector<std::string> const names{
        "..", "a/../../b", "/abs", std::string("nul\0x", 5), "a\\b", "x/.zarray", "a//b"};
    for (auto const& name : names)
    {
        INFO("name " << name);
        handler->enqueue(IOTask(&group, Parameter<Operation::CREATE_PATH>{name}));
        auto const e = captureError<error::WrongAPIUsage>([&] { handler->flush(); });
        CHECK_THAT(e.what(), Catch::Contains("cannot be a Zarr key"));
        Parameter<Operation::CREATE_DATASET> create;
        create.name = name;
        create.extent = {1};
        create.dtype = Datatype::INT;
        handler->enqueue(IOTask(&dataset, create));
        CHECK_THROWS_AS(handler->flush(), error::WrongAPIUsage);
    }
    handler->enqueue(IOTask(&root, Parameter<Operation::CLOSE_FILE>{}));
    handler->flush();
    std::vector<std::string> keys;
    for (auto const& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            keys.push_back(fs::relative(entry.path(), dir).generic_string());
    std::sort(keys.begin(), keys.end());
    CHECK(keys == std::vector<std::string>{"n.zarr/.zattrs", "n.zarr/.zgroup",
                                           "n.zarr/.zmetadata"});
}

TEST_CASE("bad input: reserved attribute names", "[zarr][bad]")
{
    auto const dir = freshDir("zarr_bad_reserved");
    Series s(dir + "/r.zarr", Access::CREATE);
    s.setAttribute("_ARRAY_DIMENSIONS", std::string("x"));
    CHECK_THROWS_AS(s.flush(), error::WrongAPIUsage);
}

TEST_CASE("bad input: a malformed .zmetadata falls back to the metadata keys",
          "[zarr][bad]")
{
    auto const dir = freshDir("zarr_bad_zmetadata");
    std::string const path = dir + "/s.zarr";
    {
        Series s(path, Access::CREATE);
        auto rho = s.iterations[1].meshes["rho"];
        rho.resetDataset(Dataset(Datatype::DOUBLE, {2}));
        rho.storeChunk(shared(std::vector<double>{1, 2}), {0}, {2});
    }
    writeText(path + "/.zmetadata", "{\"metadata\": [");
    Series r(path, Access::READ_ONLY);
    auto data = r.iterations[1].meshes["rho"].loadChunk<double>();
    r.flush();
    CHECK(data.get()[1] == 2);
}

TEST_CASE("bad input: without consolidated metadata a stale .zmetadata goes",
          "[zarr][bad]")
{
    auto const dir = freshDir("zarr_bad_stale");
    std::string const path = dir + "/s.zarr";
    {
        Series s(path, Access::CREATE);
        s.iterations[1].setTime(1.0);
    }
    REQUIRE(fs::exists(path + "/.zmetadata"));
    {
        Series s(path, Access::APPEND, R"({"zarr": {"consolidated_metadata": false}})");
        s.iterations[2].setTime(2.0);
    }
    CHECK_FALSE(fs::exists(path + "/.zmetadata"));
    Series r(path, Access::READ_ONLY);
    CHECK(r.iterations.size() == 2);
}
