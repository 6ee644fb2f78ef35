// The same scenarios on every store type in StoreRegistry::types(): a type
// registered without known test options fails (StoreScratch.cpp), so a new
// store cannot go untested. One Catch section per type.

#include "StoreScratch.hpp"

#include "openPMD/Error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace openPMD;
using store_test::StoreScratch;

namespace
{
using Bytes = std::vector<std::byte>;

Bytes bytes(std::string const& text)
{
    Bytes result(text.size());
    std::memcpy(result.data(), text.data(), text.size());
    return result;
}

// Printable in failure messages, unlike std::byte.
std::optional<std::string> text(std::optional<Bytes> const& value)
{
    if (!value)
        return std::nullopt;
    return std::string(reinterpret_cast<char const*>(value->data()), value->size());
}

// Every byte value, zeros included, in an order that depends on the seed.
Bytes pattern(std::size_t size, unsigned seed)
{
    Bytes result(size);
    std::uint32_t state = 2463534242u + seed;
    for (auto& b : result)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        b = std::byte(state & 0xff);
    }
    return result;
}

void put(KeyValueStore& store, std::string const& key, Bytes const& value)
{
    store.put(key, value.data(), value.size());
}

template <typename Body>
void forEachStoreType(Body body)
{
    store_test::registerPluginStoreTypes();
    auto const types = StoreRegistry::types();
    for (auto const& type : types)
    {
        DYNAMIC_SECTION("store type " << type.name)
        {
            store_test::Availability availability;
            auto options = store_test::optionsFor(type.name, availability);
            if (!availability.skipReason)
            {
                StoreScratch scratch(type.name, options);
                body(scratch);
            }
        }
    }
}
} // namespace

TEST_CASE("the registry has the stores of this build", "[stores]")
{
    store_test::registerPluginStoreTypes();
    auto const types = StoreRegistry::types();
    REQUIRE_FALSE(types.empty());
    for (auto const& type : types)
    {
        CAPTURE(type.name);
        CHECK(StoreRegistry::find(type.name) != nullptr);
        CHECK_FALSE(type.description.empty());
        CHECK(type.open);
    }
#if openPMD_HAVE_RADOS
    CHECK(StoreRegistry::find("rados") != nullptr);
#endif
#ifdef STORE_TEST_PYTHON_PLUGIN_DIR
    CHECK(StoreRegistry::find("python") != nullptr);
#endif
}

TEST_CASE("put and get round-trip binary values", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            CHECK_FALSE(store->describe().empty());
            auto const allBytes = pattern(4096, 1);
            Bytes zeros(100, std::byte{0});
            put(*store, "x/y/chunk", allBytes);
            put(*store, "zeros", zeros);
            put(*store, "empty", {});
            put(*store, ".zgroup", bytes("{\"zarr_format\": 2}"));

            auto value = store->get("x/y/chunk");
            REQUIRE(value);
            REQUIRE(value->size() == allBytes.size());
            CHECK(*value == allBytes);
            CHECK(store->get("zeros") == std::optional<Bytes>(zeros));
            auto empty = store->get("empty");
            REQUIRE(empty);
            CHECK(empty->empty());
            CHECK(text(store->get(".zgroup")) == "{\"zarr_format\": 2}");
            CHECK_FALSE(store->get("missing"));
            CHECK_FALSE(store->get("x/y"));
            CHECK_FALSE(store->get("x/y/chunk/more"));
            store->sync();
        });
}

TEST_CASE("put replaces a value with a shorter or longer one", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            put(*store, "k", pattern(1000, 2));
            put(*store, "k", bytes("abc"));
            CHECK(text(store->get("k")) == "abc");
            auto const longer = pattern(5000, 3);
            put(*store, "k", longer);
            CHECK(store->get("k") == std::optional<Bytes>(longer));
            put(*store, "k", {});
            CHECK(text(store->get("k")) == "");
            CHECK(store->list("") == std::vector<std::string>{"k"});
        });
}

TEST_CASE("getRange reads part of a value", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            std::string digits;
            for (int i = 0; i < 100; ++i)
                digits += char('0' + i % 10);
            put(*store, "v", bytes(digits));

            CHECK(text(store->getRange("v", 10, 20)) == digits.substr(10, 20));
            CHECK(text(store->getRange("v", 0, 100)) == digits);
            CHECK(text(store->getRange("v", 0, 1000)) == digits);
            CHECK(text(store->getRange("v", 90, 20)) == digits.substr(90));
            CHECK(text(store->getRange("v", 99, 1)) == "9");
            CHECK(text(store->getRange("v", 100, 5)) == "");
            CHECK(text(store->getRange("v", 150, 5)) == "");
            CHECK(text(store->getRange("v", 5, 0)) == "");
            CHECK_FALSE(store->getRange("missing", 0, 10));
            put(*store, "empty", {});
            CHECK(text(store->getRange("empty", 0, 10)) == "");

            // A value larger than a first read of a few hundred KiB.
            auto const big = pattern(3 * 1024 * 1024 + 17, 4);
            put(*store, "big", big);
            auto part = store->getRange("big", 300000, 2000000);
            REQUIRE(part);
            REQUIRE(part->size() == 2000000);
            CHECK(std::equal(part->begin(), part->end(), big.begin() + 300000));
            auto tail = store->getRange("big", big.size() - 5, 1u << 30);
            REQUIRE(tail);
            CHECK(*tail == Bytes(big.end() - 5, big.end()));
            CHECK(store->get("big") == std::optional<Bytes>(big));
        });
}

TEST_CASE("erase removes a key and says whether it existed", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            put(*store, "a/b", bytes("1"));
            put(*store, "a/c", bytes("2"));
            CHECK(store->erase("a/b"));
            CHECK_FALSE(store->get("a/b"));
            CHECK_FALSE(store->contains("a/b"));
            CHECK(store->list("") == std::vector<std::string>{"a/c"});
            CHECK_FALSE(store->erase("a/b"));
            CHECK_FALSE(store->erase("never"));
            CHECK_FALSE(store->erase("a"));
            CHECK(text(store->get("a/c")) == "2");
            // Put again after erasing.
            put(*store, "a/b", bytes("3"));
            CHECK(text(store->get("a/b")) == "3");
            CHECK(store->list("") == std::vector<std::string>{"a/b", "a/c"});
        });
}

TEST_CASE("list returns the keys with a prefix in byte order", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            CHECK(store->list("").empty());
            // No key is also the group of others ("a/b" beside "a/b/c"): a
            // directory cannot be a file too, and Zarr never needs it.
            // UTF-8 "é" (0xc3 0xa9) sorts after every ASCII key in byte order.
            for (std::string key :
                 {"b", "a/bc", "a/b/d/e", "\xc3\xa9", "ab", "a/b/c", "z"})
                put(*store, key, bytes(key));
            using Keys = std::vector<std::string>;
            CHECK(store->list("") ==
                  Keys{"a/b/c", "a/b/d/e", "a/bc", "ab", "b", "z", "\xc3\xa9"});
            // "a/b" is a string prefix ("a/bc" too), "a/b/" one group's subtree.
            CHECK(store->list("a/b") == Keys{"a/b/c", "a/b/d/e", "a/bc"});
            CHECK(store->list("a/b/") == Keys{"a/b/c", "a/b/d/e"});
            CHECK(store->list("a/b/d/") == Keys{"a/b/d/e"});
            CHECK(store->list("a/b/d/e") == Keys{"a/b/d/e"});
            CHECK(store->list("a") == Keys{"a/b/c", "a/b/d/e", "a/bc", "ab"});
            CHECK(store->list("a/bc") == Keys{"a/bc"});
            CHECK(store->list("zz").empty());
            CHECK(store->list("a/x").empty());
            CHECK(store->list("\xc3") == Keys{"\xc3\xa9"});
        });
}

TEST_CASE("list pages through many keys", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            // Object stores list in pages (1000 keys by default); the Python
            // S3 store is given pages of 100 (StoreScratch.cpp), since its
            // puts go over HTTP.
            int const count = scratch.type() == "python" ? 250 : 2500;
            auto store = scratch.open("h.zarr");
            std::vector<std::string> expected;
            for (int i = 0; i < count; ++i)
                expected.push_back("c/" + std::to_string(i));
            for (auto const& key : expected)
                put(*store, key, {});
            std::sort(expected.begin(), expected.end());
            auto const withPrefix = [&](std::string const& prefix)
            {
                std::vector<std::string> keys;
                for (auto const& key : expected)
                    if (key.rfind(prefix, 0) == 0)
                        keys.push_back(key);
                return keys;
            };
            CHECK(store->list("c/") == expected);
            CHECK(store->list("c/12") == withPrefix("c/12"));
            auto const erased = withPrefix("c/1");
            REQUIRE(erased.size() > 100);
            store->eraseWithPrefix("c/1");
            CHECK(store->list("c/").size() == expected.size() - erased.size());
            CHECK_FALSE(store->contains(erased.back()));
            CHECK(store->contains("c/" + std::to_string(count - 1)));
        });
}

TEST_CASE("eraseWithPrefix removes a subtree", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            for (std::string key : {"a/b/c", "a/b/d/e", "a/bc", "a/x", "b"})
                put(*store, key, bytes(key));
            store->eraseWithPrefix("a/b/");
            using Keys = std::vector<std::string>;
            CHECK(store->list("") == Keys{"a/bc", "a/x", "b"});
            CHECK_FALSE(store->get("a/b/c"));
            CHECK_FALSE(store->get("a/b/d/e"));
            CHECK(text(store->get("a/bc")) == "a/bc");
            store->eraseWithPrefix("nothing/");
            CHECK(store->list("").size() == 3);
            // A string prefix, not only a group: "a/b" takes "a/bc".
            store->eraseWithPrefix("a/b");
            CHECK(store->list("") == Keys{"a/x", "b"});
            store->eraseWithPrefix("a");
            CHECK(store->list("") == Keys{"b"});
            store->eraseWithPrefix("");
            CHECK(store->list("").empty());
            CHECK_FALSE(store->get("b"));
            // The hierarchy takes new keys afterwards.
            put(*store, "new", bytes("n"));
            CHECK(store->list("") == Keys{"new"});
            CHECK(text(store->get("new")) == "n");
        });
}

TEST_CASE("contains tells existing keys from missing ones", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            put(*store, "g/k", bytes("v"));
            put(*store, "g/empty", {});
            CHECK(store->contains("g/k"));
            CHECK(store->contains("g/empty"));
            CHECK_FALSE(store->contains("g"));
            CHECK_FALSE(store->contains("g/k/x"));
            CHECK_FALSE(store->contains("missing"));
        });
}

TEST_CASE("stores on the same path share data, other paths do not", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto first = scratch.open("h.zarr");
            auto second = scratch.open("h.zarr", Access::READ_WRITE);
            auto other = scratch.open("other.zarr");
            put(*first, "a", bytes("from first"));
            CHECK(text(second->get("a")) == "from first");
            CHECK(second->list("") == std::vector<std::string>{"a"});
            put(*second, "a", bytes("from second"));
            put(*second, "b", bytes("b"));
            CHECK(text(first->get("a")) == "from second");
            CHECK(first->list("") == std::vector<std::string>{"a", "b"});
            CHECK(second->erase("b"));
            CHECK_FALSE(first->contains("b"));
            CHECK(other->list("").empty());
            CHECK_FALSE(other->get("a"));
            // Reopened for reading, the data are still there.
            first.reset();
            second.reset();
            auto reader = scratch.open("h.zarr", Access::READ_ONLY);
            CHECK(text(reader->get("a")) == "from second");
            CHECK(reader->list("") == std::vector<std::string>{"a"});
        });
}

namespace
{
// Replaces the value of `key` in turn with each of `values` until
// destroyed; remembers the first error instead of throwing it.
class BackgroundWriter
{
public:
    BackgroundWriter(KeyValueStore& store, std::string key,
                     std::vector<Bytes> const& values)
        : m_thread(
              [&store, key, &values, this]()
              {
                  try
                  {
                      for (std::size_t i = 1; !m_stop; ++i)
                          put(store, key, values[i % values.size()]);
                  }
                  catch (std::exception const& e)
                  {
                      m_error = e.what();
                  }
              })
    {
    }
    ~BackgroundWriter() { stop(); }
    /** Stops writing; the first error, or "". */
    std::string stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        return m_error;
    }

private:
    std::atomic<bool> m_stop{false};
    std::string m_error;
    std::thread m_thread;
};
} // namespace

TEST_CASE("a reader never sees a mix of two values", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            // Two sizes above a first read of a few hundred KiB, each value one
            // repeated byte: a torn read shows as a wrong size or a mixed byte.
            std::vector<Bytes> const values = {Bytes(600 * 1024, std::byte{'a'}),
                                               Bytes(900 * 1024, std::byte{'b'})};
            auto writer = scratch.open("h.zarr");
            auto reader = scratch.open("h.zarr", Access::READ_ONLY);
            put(*writer, "v", values[0]);
            int reads = 0;
            int torn = 0;
            std::string writerError;
            {
                BackgroundWriter writing(*writer, "v", values);
                auto const end =
                    std::chrono::steady_clock::now() + std::chrono::seconds(1);
                while (std::chrono::steady_clock::now() < end)
                {
                    auto value = reader->get("v");
                    auto part = reader->getRange("v", 300 * 1024, 500 * 1024);
                    ++reads;
                    bool const whole =
                        value && (*value == values[0] || *value == values[1]);
                    // The range ends inside the 'b' value, at the end of the 'a' one.
                    bool uniform = part && !part->empty();
                    if (uniform)
                    {
                        auto const expectedSize =
                            (part->front() == std::byte{'b'} ? 500 : 300) * 1024u;
                        uniform =
                            part->size() == expectedSize &&
                            std::all_of(part->begin(), part->end(),
                                        [&](std::byte b) { return b == part->front(); });
                    }
                    torn += !whole + !uniform;
                }
                writerError = writing.stop();
            }
            CHECK(writerError.empty());
            CHECK(reads > 0);
            CHECK(torn == 0);
        });
}

TEST_CASE("large values round-trip up to the store's limit", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto store = scratch.open("h.zarr");
            std::uint64_t const limit = store->maxValueSize();
            std::uint64_t const testedSize = 32 * 1024 * 1024;
            // Up to the limit, but not more than 32 MiB (the OSD keeps its data in RAM).
            std::size_t const size =
                limit == 0 ? testedSize : std::min(limit, testedSize);
            auto const large = pattern(size, 5);
            put(*store, "large", large);
            auto value = store->get("large");
            REQUIRE(value);
            REQUIRE(value->size() == size);
            CHECK(*value == large);
            if (limit == 0)
                return;
            // One byte more is refused, naming the store and the key; the old
            // value stays.
            INFO("limit " << limit);
            Bytes tooLarge(limit + 1, std::byte{7});
            try
            {
                put(*store, "large", tooLarge);
                FAIL("a value larger than maxValueSize() was accepted");
            }
            catch (error::WriteError const& e)
            {
                std::string const message = e.what();
                CHECK(message.find("large") != std::string::npos);
                CHECK(message.find(store->describe()) != std::string::npos);
            }
            CHECK(store->contains("large"));
            auto unchanged = store->getRange("large", 0, 64);
            REQUIRE(unchanged);
            CHECK(std::equal(unchanged->begin(), unchanged->end(), large.begin()));
        });
}

TEST_CASE("a store type that lists hierarchies lists the ones written", "[stores]")
{
    forEachStoreType(
        [](StoreScratch& scratch)
        {
            auto const* type = StoreRegistry::find(scratch.type());
            REQUIRE(type);
            if (!type->listHierarchies)
                return; // the directory is listed on disk by the backend
            auto a = scratch.open("a.zarr");
            auto b = scratch.open("b_000100.zarr");
            put(*a, ".zgroup", bytes("{}"));
            put(*b, ".zgroup", bytes("{}"));
            put(*b, "data/100/.zgroup", bytes("{}"));
            auto directory = scratch.arguments("");
            directory.path = scratch.directory();
            CHECK(type->listHierarchies(directory) ==
                  std::vector<std::string>{"a.zarr", "b_000100.zarr"});
            a->eraseWithPrefix("");
            CHECK(type->listHierarchies(directory) ==
                  std::vector<std::string>{"b_000100.zarr"});
        });
}
