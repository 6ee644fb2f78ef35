// The Zarr backend's store type "python" from an unchanged C++ program: the
// python plugin is loaded on demand by StoreRegistry::open and starts CPython;
// the classes are in python/python_store_samples.py.
#include <openPMD/Error.hpp>
#include <openPMD/IO/StoreRegistry.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
/** The plugin directory and the samples module, before the first store. */
void prepareEnvironment()
{
    setenv("OPENPMD_PLUGIN_PATH", PYTHON_STORE_PLUGIN_DIR, 1);
    setenv("PYTHONPATH", PYTHON_STORE_SAMPLES_DIR, 1);
}

std::unique_ptr<KeyValueStore> openStore(std::string const& path,
                                         std::string const& storeOptions)
{
    prepareEnvironment();
    return StoreRegistry::open({path, Access::CREATE, storeOptions});
}

std::string textOf(std::optional<std::vector<std::byte>> const& value)
{
    REQUIRE(value.has_value());
    return std::string(reinterpret_cast<char const*>(value->data()), value->size());
}

void put(KeyValueStore& store, std::string const& key, std::string const& value)
{
    store.put(key, value.data(), value.size());
}

std::string const mapping =
    R"({"type": "python", "class": "python_store_samples:SharedMapping"})";

std::string protocol(std::string const& cls, std::string const& args)
{
    return R"({"type": "python", "class": "python_store_samples:)" + cls +
           R"(", "args": )" + args + "}";
}
} // namespace

TEST_CASE("a MutableMapping is a store, keys prefixed by the hierarchy name",
          "[python_store]")
{
    auto a = openStore("/somewhere/a.zarr", mapping);
    auto b = openStore("/somewhere/b.zarr", mapping);
    put(*a, ".zgroup", "{\"zarr_format\": 2}");
    put(*a, "data/0/E/0.0", std::string("\0\1\2", 3));
    put(*b, ".zgroup", "other");
    CHECK(textOf(a->get(".zgroup")) == "{\"zarr_format\": 2}");
    CHECK(textOf(a->get("data/0/E/0.0")) == std::string("\0\1\2", 3));
    CHECK(textOf(b->get(".zgroup")) == "other");
    CHECK_FALSE(a->get("missing").has_value());
    CHECK(a->list("") == std::vector<std::string>{".zgroup", "data/0/E/0.0"});
    CHECK(a->list("data/") == std::vector<std::string>{"data/0/E/0.0"});
    CHECK(a->contains("data/0/E/0.0"));
    CHECK(textOf(a->getRange("data/0/E/0.0", 1, 5)) == std::string("\1\2", 2));
    CHECK(a->erase("data/0/E/0.0"));
    CHECK_FALSE(a->erase("data/0/E/0.0"));
    CHECK_FALSE(a->contains("data/0/E/0.0"));
    // The other hierarchy's keys are untouched; a third object sees both.
    auto again = openStore("/elsewhere/b.zarr", mapping);
    CHECK(textOf(again->get(".zgroup")) == "other");
    CHECK(a->describe() == "python store python_store_samples:SharedMapping");
}

TEST_CASE("a store class gets its arguments with {name} and {path} replaced",
          "[python_store]")
{
    auto store = openStore("/runs/series_000100.zarr",
                           protocol("ProtocolStore", R"({"root": "bucket/{name}",
                                    "flag": "{path}"})"));
    // With a placeholder the object is per hierarchy: no key prefix.
    CHECK(textOf(store->get("constructed-with")) ==
          "bucket/series_000100.zarr|/runs/series_000100.zarr");
    put(*store, "k", "value");
    CHECK(store->list("k") == std::vector<std::string>{"k"});
    CHECK(textOf(store->getRange("k", 2, 2)) == "lu");
    CHECK_FALSE(store->getRange("nothing", 0, 1).has_value());
}

TEST_CASE("put hands the store a read-only view of the caller's bytes", "[python_store]")
{
    auto store = openStore("/zero/copy.zarr", protocol("ProtocolStore", R"({"root":
                                                       "zero-copy/{name}"})"));
    std::vector<double> chunk(1000, 2.5);
    store->put("chunk", chunk.data(), chunk.size() * sizeof(double));
    auto const recorded = textOf(store->get("address-of/chunk"));
    CHECK(recorded == std::to_string(reinterpret_cast<std::uintptr_t>(chunk.data())) +
                          " readonly-memoryview");
    auto const back = store->get("chunk");
    REQUIRE(back->size() == chunk.size() * sizeof(double));
    CHECK(std::memcmp(back->data(), chunk.data(), back->size()) == 0);
}

TEST_CASE("a Python exception is a typed error with class, method, key and text",
          "[python_store]")
{
    auto store = openStore("/f/raising.zarr", protocol("RaisingStore", R"({"root":
                                                       "r/{name}"})"));
    CHECK_THROWS_AS(store->get(".zattrs"), error::ReadError);
    CHECK_THROWS_WITH(
        store->get(".zattrs"),
        Catch::Matchers::Contains("python store python_store_samples:RaisingStore: "
                                  "get('.zattrs') raised OSError") &&
            Catch::Matchers::Contains("disk on fire reading .zattrs"));
    CHECK_THROWS_AS(put(*store, "x", "1"), error::WriteError);
    CHECK_THROWS_WITH(put(*store, "x", "1"),
                      Catch::Matchers::Contains("put('x') raised PermissionError") &&
                          Catch::Matchers::Contains("no writing x"));

    auto wrong = openStore("/f/wrong.zarr", protocol("WrongTypeStore", R"({"root":
                                                      "w/{name}"})"));
    CHECK_THROWS_AS(wrong->get("k"), error::ReadError);
    CHECK_THROWS_WITH(wrong->get("k"),
                      Catch::Matchers::Contains("expected bytes or None"));
    CHECK_THROWS_AS(wrong->list(""), error::ReadError);
}

TEST_CASE("bad python store options are BackendConfigSchema errors", "[python_store]")
{
    auto const refused = [](std::string const& options, std::string const& text)
    {
        CHECK_THROWS_AS(openStore("/o/x.zarr", options), error::BackendConfigSchema);
        CHECK_THROWS_WITH(openStore("/o/x.zarr", options),
                          Catch::Matchers::Contains(text));
    };
    refused(R"({"type": "python"})", "missing: name the store class");
    refused(R"({"type": "python", "class": "no_colon"})", "package.module:ClassName");
    refused(R"({"type": "python", "class": "no_such_module_xyz:C"})",
            "no_such_module_xyz");
    refused(R"({"type": "python", "class": "python_store_samples:Missing"})", "Missing");
    refused(R"({"type": "python", "class": "python_store_samples:NotAStore"})",
            "is no store");
    refused(R"({"type": "python", "class": "python_store_samples:SharedMapping",
                "colour": 1})",
            "unknown key");
    refused(protocol("ProtocolStore", R"({"unexpected": 1})"), "unexpected");
    CHECK_THROWS_AS(openStore("/o/x.zarr", R"({"type": "python", "class":
                              "python_store_samples:FailingConstructor"})"),
                    error::ReadError);
    CHECK_THROWS_WITH(openStore("/o/x.zarr", R"({"type": "python", "class":
                                "python_store_samples:FailingConstructor"})"),
                      Catch::Matchers::Contains("cannot reach the object store"));
}
