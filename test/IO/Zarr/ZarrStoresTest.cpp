// The built-in stores: directory (atomic puts, listing, erasing) and memory
// (process-wide, selected by options), through the store interface and
// through Series.

#include "ZarrTestSupport.hpp"

#include <openPMD/IO/StoreRegistry.hpp>

using namespace openPMD;
using namespace zarrtest;
namespace fs = std::filesystem;

namespace
{
std::string text(std::optional<std::vector<std::byte>> const& value)
{
    REQUIRE(value.has_value());
    return std::string(reinterpret_cast<char const*>(value->data()), value->size());
}

void putText(KeyValueStore& store, std::string const& key, std::string const& value)
{
    store.put(key, value.data(), value.size());
}

void checkStoreContract(KeyValueStore& store)
{
    CHECK_FALSE(store.get("a/.zattrs").has_value());
    putText(store, "a/.zattrs", "{}");
    putText(store, "a/b/0.0", "chunk");
    putText(store, "ab", "x");
    putText(store, "a/.zattrs", "{\"v\": 1}"); // replaced whole
    CHECK(text(store.get("a/.zattrs")) == "{\"v\": 1}");
    CHECK(text(store.getRange("a/b/0.0", 1, 3)) == "hun");
    CHECK(text(store.getRange("a/b/0.0", 3, 100)) == "nk");
    CHECK(store.contains("ab"));
    CHECK(store.list("a/") == std::vector<std::string>{"a/.zattrs", "a/b/0.0"});
    CHECK(store.list("a") == std::vector<std::string>{"a/.zattrs", "a/b/0.0", "ab"});
    CHECK(store.erase("ab"));
    CHECK_FALSE(store.erase("ab"));
    store.eraseWithPrefix("a/b/");
    CHECK(store.list("") == std::vector<std::string>{"a/.zattrs"});
    store.sync();
}
} // namespace

TEST_CASE("stores: both built-in types are registered", "[zarr][stores]")
{
    REQUIRE(StoreRegistry::find("directory") != nullptr);
    REQUIRE(StoreRegistry::find("memory") != nullptr);
    CHECK(StoreRegistry::find("memory")->listHierarchies);
}

TEST_CASE("stores: the directory store keeps the store contract", "[zarr][stores]")
{
    auto const dir = freshDir("zarr_store_directory");
    auto store =
        StoreRegistry::open(StoreArguments{dir + "/h.zarr", Access::CREATE, "{}"});
    CHECK_THAT(store->describe(), Catch::Contains("h.zarr"));
    checkStoreContract(*store);
    CHECK(fs::is_regular_file(dir + "/h.zarr/a/.zattrs"));
    // no temporary files are left behind
    std::size_t files = 0;
    for (auto const& entry : fs::recursive_directory_iterator(dir))
        files += entry.is_regular_file() ? 1 : 0;
    CHECK(files == 1);
    store->eraseWithPrefix("");
    CHECK_FALSE(fs::exists(dir + "/h.zarr"));

    // With "fsync", sync() makes the puts durable (here: it succeeds).
    auto durable = StoreRegistry::open(
        StoreArguments{dir + "/d.zarr", Access::CREATE, R"({"fsync": true})"});
    putText(*durable, "a/0.0", "x");
    durable->sync();
    CHECK(text(durable->get("a/0.0")) == "x");
}

TEST_CASE("stores: the memory store keeps the store contract", "[zarr][stores]")
{
    auto store = StoreRegistry::open(
        StoreArguments{"mem_contract/h.zarr", Access::CREATE, R"({"type": "memory"})"});
    checkStoreContract(*store);
    // A second store object on the same path sees the same values.
    auto again = StoreRegistry::open(StoreArguments{
        "./mem_contract//h.zarr", Access::READ_ONLY, R"({"type": "memory"})"});
    CHECK(again->list("") == std::vector<std::string>{"a/.zattrs"});
    CHECK_FALSE(fs::exists("mem_contract"));
}

TEST_CASE("stores: unknown store options are refused", "[zarr][stores]")
{
    CHECK_THROWS_AS(StoreRegistry::open(StoreArguments{
                        "x.zarr", Access::CREATE, R"({"type": "memory", "size": 1})"}),
                    error::BackendConfigSchema);
    CHECK_THROWS_AS(StoreRegistry::open(
                        StoreArguments{"x.zarr", Access::CREATE, R"({"fsync": "yes"})"}),
                    error::BackendConfigSchema);
}

TEST_CASE("stores: a memory-store series is read by a second Series in the process",
          "[zarr][stores]")
{
    std::string const options = R"({"zarr": {"store": {"type": "memory"}}})";
    fs::remove_all("zarr_memory_series");
    {
        Series s("zarr_memory_series/m.zarr", Access::CREATE, options);
        auto rho = s.iterations[3].meshes["rho"];
        rho.resetDataset(Dataset(Datatype::FLOAT, {3}));
        rho.storeChunk(shared(std::vector<float>{1.5f, 2.5f, 3.5f}), {0}, {3});
        s.iterations[3].setTime(0.25);
    }
    CHECK_FALSE(fs::exists("zarr_memory_series"));
    {
        Series r("zarr_memory_series/m.zarr", Access::READ_ONLY, options);
        REQUIRE(r.iterations.count(3) == 1);
        CHECK(r.iterations[3].time<double>() == 0.25);
        auto data = r.iterations[3].meshes["rho"].loadChunk<float>();
        r.flush();
        CHECK(data.get()[2] == 3.5f);
    }
    // file-based: the iterations are found by listing the memory store
    {
        Series s("zarr_memory_series/f_%03T.zarr", Access::CREATE, options);
        for (auto i : {5, 7})
            s.iterations[i].setTime(static_cast<double>(i));
    }
    Series r("zarr_memory_series/f_%03T.zarr", Access::READ_ONLY, options);
    CHECK(r.iterations.size() == 2);
    CHECK(r.iterations[7].time<double>() == 7.0);
    CHECK_FALSE(fs::exists("zarr_memory_series"));
    // Without the option, the directory store finds nothing on disk.
    CHECK_THROWS_AS(Series("zarr_memory_series/m.zarr", Access::READ_ONLY),
                    error::ReadError);
}
