// What only the rados store has: its object names (checked with librados
// directly), namespaces, its options, and its errors for a missing pool or
// an unreachable cluster, which must come quickly and name the cause.

#include "StoreScratch.hpp"

#include "IO/Zarr/stores/RadosObjectNames.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/config.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#if openPMD_HAVE_RADOS
#include <rados/librados.h>

using namespace openPMD;
using store_test::StoreScratch;

namespace
{
void putText(KeyValueStore& store, std::string const& key, std::string const& text)
{
    store.put(key, text.data(), text.size());
}

std::optional<std::string> getText(KeyValueStore& store, std::string const& key)
{
    auto value = store.get(key);
    if (!value)
        return std::nullopt;
    return std::string(reinterpret_cast<char const*>(value->data()), value->size());
}

StoreArguments radosArguments(std::string const& options, std::string const& path,
                              Access access = Access::CREATE)
{
    StoreArguments arguments;
    arguments.options = options;
    arguments.path = path;
    arguments.access = access;
    return arguments;
}

// Runs `open` and returns the message of the openPMD::Error it must throw.
template <typename ErrorType, typename Action>
std::string messageOf(Action action)
{
    try
    {
        action();
    }
    catch (ErrorType const& e)
    {
        return e.what();
    }
    FAIL("no error thrown");
    return {};
}

bool contains(std::string const& text, std::string const& part)
{
    return text.find(part) != std::string::npos;
}

// A raw librados view of the test pool, to check what the store wrote.
struct RawPool
{
    rados_t cluster = nullptr;
    rados_ioctx_t io = nullptr;
    explicit RawPool(std::string const& radosNamespace = "")
    {
        REQUIRE(rados_create(&cluster, "admin") == 0);
        REQUIRE(rados_conf_read_file(cluster, std::getenv("CEPH_CONF")) == 0);
        REQUIRE(rados_connect(cluster) == 0);
        REQUIRE(rados_ioctx_create(cluster, std::getenv("OPENPMD_TEST_RADOS_POOL"),
                                   &io) == 0);
        rados_ioctx_set_namespace(io, radosNamespace.c_str());
    }
    ~RawPool()
    {
        if (io)
            rados_ioctx_destroy(io);
        rados_shutdown(cluster);
    }
    std::optional<std::string> read(std::string const& object)
    {
        char buffer[4096];
        int rc = rados_read(io, object.c_str(), buffer, sizeof buffer, 0);
        if (rc == -ENOENT)
            return std::nullopt;
        REQUIRE(rc >= 0);
        return std::string(buffer, rc);
    }
};
} // namespace

TEST_CASE("hierarchy paths are normalized lexically", "[rados]")
{
    auto normalize = RadosObjectNames::normalize;
    CHECK(normalize("/scratch/run.zarr") == "/scratch/run.zarr");
    CHECK(normalize("/scratch//run.zarr/") == "/scratch/run.zarr");
    CHECK(normalize("/scratch/./x/../run.zarr") == "/scratch/run.zarr");
    CHECK(normalize("run.zarr") == "run.zarr");
    CHECK(normalize("./run.zarr") == "run.zarr");
    CHECK(normalize("../run.zarr") == "../run.zarr");
    CHECK(normalize("a/../../run.zarr") == "../run.zarr");
    CHECK(normalize("/../run.zarr") == "/run.zarr");
    CHECK(normalize("/") == "/");
    CHECK(normalize("") == ".");
    CHECK(normalize(".") == ".");

    RadosObjectNames names("/scratch/run.zarr/");
    CHECK(names.valueObject("data/0/.zattrs") == "/scratch/run.zarr/data/0/.zattrs");
    CHECK(names.keyIndexObject() == "/scratch/run.zarr//keys");
    CHECK(names.catalogObject() == "/scratch//files");
    CHECK(names.catalogEntry() == "run.zarr");
    CHECK(RadosObjectNames("run.zarr").catalogObject() == ".//files");
    CHECK(RadosObjectNames("/run.zarr").catalogObject() == "///files");
    CHECK(RadosObjectNames("/").valueObject("k") == "/k");
    CHECK_FALSE(RadosObjectNames("/").catalogObject());
}

TEST_CASE("rados: each key is the object <path>/<key>", "[rados]")
{
    auto options = store_test::radosTestOptions();
    if (!options)
        return;
    StoreScratch scratch("rados", *options);
    auto store = scratch.open("h.zarr");
    putText(*store, "meshes/E/x/0.0", "chunk bytes");
    RawPool pool;
    auto const hierarchy = scratch.path("h.zarr");
    CHECK(pool.read(hierarchy + "/meshes/E/x/0.0") == "chunk bytes");
    CHECK(pool.read(hierarchy + "//keys") == ""); // the index: omap only
    // The same hierarchy under an unnormalized path.
    auto sameFile = StoreRegistry::open(
        radosArguments(*options, scratch.directory() + "//x/../h.zarr/"));
    CHECK(getText(*sameFile, "meshes/E/x/0.0") == "chunk bytes");
    CHECK(store->erase("meshes/E/x/0.0"));
    CHECK_FALSE(pool.read(hierarchy + "/meshes/E/x/0.0"));
}

TEST_CASE("rados: a key may also be the group of other keys", "[rados]")
{
    // Unlike a directory store, where "a/b" cannot be a file and a directory.
    auto options = store_test::radosTestOptions();
    if (!options)
        return;
    StoreScratch scratch("rados", *options);
    auto store = scratch.open("h.zarr");
    putText(*store, "a/b", "value");
    putText(*store, "a/b/c", "below");
    CHECK(store->list("a/b") == std::vector<std::string>{"a/b", "a/b/c"});
    CHECK(store->list("a/b/") == std::vector<std::string>{"a/b/c"});
    store->eraseWithPrefix("a/b/");
    CHECK(getText(*store, "a/b") == "value");
    CHECK_FALSE(store->contains("a/b/c"));
}

TEST_CASE("rados: namespaces keep equal paths apart", "[rados]")
{
    auto inFirst = store_test::radosTestOptions(R"({"namespace": "first"})");
    auto inSecond = store_test::radosTestOptions(R"({"namespace": "second"})");
    if (!inFirst || !inSecond)
        return;
    StoreScratch first("rados", *inFirst);
    StoreScratch second("rados", *inSecond);
    auto const path = first.path("h.zarr");
    auto a = StoreRegistry::open(radosArguments(*inFirst, path));
    auto b = StoreRegistry::open(radosArguments(*inSecond, path));
    putText(*a, "k", "in first");
    CHECK_FALSE(b->get("k"));
    CHECK(b->list("").empty());
    putText(*b, "k", "in second");
    CHECK(getText(*a, "k") == "in first");
    CHECK(contains(a->describe(), "ns=first"));
    RawPool raw("second");
    CHECK(raw.read(path + "/k") == "in second");
    a->eraseWithPrefix("");
    b->eraseWithPrefix("");
}

TEST_CASE("rados: conf defaults to CEPH_CONF, limit to the cluster's", "[rados]")
{
    auto options = store_test::radosTestOptions();
    if (!options)
        return;
    auto withoutConf = nlohmann::json::parse(*options);
    withoutConf.erase("conf");
    StoreScratch scratch("rados", withoutConf.dump());
    auto store = scratch.open("h.zarr");
    putText(*store, "k", "v");
    CHECK(getText(*store, "k") == "v");
    // The fixture's cluster has a lowered osd_max_object_size.
    if (char const* size = std::getenv("OPENPMD_TEST_RADOS_MAX_OBJECT_SIZE"))
        CHECK(store->maxValueSize() == std::stoull(size));
    else
        CHECK(store->maxValueSize() == 90u * 1024 * 1024); // osd_max_write_size
}

TEST_CASE("rados: a read-only store refuses to write", "[rados]")
{
    auto options = store_test::radosTestOptions();
    if (!options)
        return;
    StoreScratch scratch("rados", *options);
    auto writer = scratch.open("h.zarr");
    putText(*writer, "k", "v");
    auto reader = scratch.open("h.zarr", Access::READ_ONLY);
    auto message = messageOf<error::WriteError>([&]() { putText(*reader, "k2", "x"); });
    CHECK(contains(message, "read-only"));
    CHECK(contains(message, "k2"));
    CHECK_THROWS_AS(reader->erase("k"), error::WriteError);
    CHECK_THROWS_AS(reader->eraseWithPrefix(""), error::WriteError);
    CHECK(getText(*reader, "k") == "v");
}

TEST_CASE("rados: a missing pool is an error naming it", "[rados]")
{
    auto options = store_test::radosTestOptions(R"({"pool": "no-such-pool-openpmd"})");
    if (!options)
        return;
    auto const start = std::chrono::steady_clock::now();
    auto message = messageOf<error::ReadError>(
        [&]()
        { StoreRegistry::open(radosArguments(*options, "/x.zarr", Access::READ_ONLY)); });
    CHECK(contains(message, "no-such-pool-openpmd"));
    CHECK(contains(message, "does not exist"));
    message = messageOf<error::WriteError>(
        [&]()
        { StoreRegistry::open(radosArguments(*options, "/x.zarr", Access::CREATE)); });
    CHECK(contains(message, "no-such-pool-openpmd"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(15));
}

TEST_CASE("rados: an unreachable cluster fails within the timeout", "[rados]")
{
    auto options = store_test::radosTestOptions(R"({"timeout": 2})");
    if (!options)
        return;
    // A monitor address nobody listens on (port 9 is "discard").
    auto const conf = std::filesystem::temp_directory_path() /
                      ("openpmd-unreachable-" + std::to_string(::getpid()) + ".conf");
    {
        std::ofstream file(conf);
        file << "[global]\nmon host = 127.0.0.1:9\nauth cluster required = none\n"
                "auth service required = none\nauth client required = none\n";
    }
    auto unreachable = nlohmann::json::parse(*options);
    unreachable["conf"] = conf.string();
    auto const start = std::chrono::steady_clock::now();
    auto message = messageOf<error::WriteError>(
        [&]() { StoreRegistry::open(radosArguments(unreachable.dump(), "/x.zarr")); });
    auto const elapsed = std::chrono::steady_clock::now() - start;
    std::filesystem::remove(conf);
    CHECK(contains(message, conf.string()));
    CHECK(contains(message, "cannot connect within 2 s"));
    CHECK(elapsed < std::chrono::seconds(12));

    unreachable["conf"] = "/no/such/dir/ceph.conf";
    message = messageOf<error::ReadError>(
        [&]()
        {
            StoreRegistry::open(
                radosArguments(unreachable.dump(), "/x.zarr", Access::READ_ONLY));
        });
    CHECK(contains(message, "/no/such/dir/ceph.conf"));
    CHECK(contains(message, "cannot read the conf"));
}
TEST_CASE("rados: a forked child connects anew and exits cleanly", "[rados]")
{
    auto options = store_test::radosTestOptions();
    if (!options)
        return;
    StoreScratch scratch("rados", *options);
    auto parentStore = scratch.open("h.zarr");
    putText(*parentStore, "from parent", "p");
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0)
    {
        // No Catch assertions here: the exit code tells the parent.
        int code = 1;
        try
        {
            auto store =
                StoreRegistry::open(radosArguments(*options, scratch.path("h.zarr")));
            if (getText(*store, "from parent") == "p")
            {
                putText(*store, "from child", "c");
                code = 0;
            }
        }
        catch (...)
        {
            code = 2;
        }
        // exit() runs the static destructors: the child's connection is
        // shut down, the parent's copy left alone.
        std::exit(code);
    }
    int status = 0;
    auto const start = std::chrono::steady_clock::now();
    pid_t waited = 0;
    while ((waited = ::waitpid(child, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() - start < std::chrono::seconds(60))
        ::usleep(10000);
    if (waited == 0)
    {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
        FAIL("the forked child hung");
    }
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(getText(*parentStore, "from child") == "c");
}

TEST_CASE("rados: options are checked", "[rados]")
{
    auto open = [](std::string const& options)
    { StoreRegistry::open(radosArguments(options, "/x.zarr")); };
    auto message =
        messageOf<error::BackendConfigSchema>([&]() { open(R"({"type": "rados"})"); });
    CHECK(contains(message, "pool"));
    message = messageOf<error::BackendConfigSchema>(
        [&]() { open(R"({"type": "rados", "pool": "p", "poool": 1})"); });
    CHECK(contains(message, "poool"));
    message = messageOf<error::BackendConfigSchema>(
        [&]() { open(R"({"type": "rados", "pool": 3})"); });
    CHECK(contains(message, "pool"));
    message = messageOf<error::BackendConfigSchema>(
        [&]() { open(R"({"type": "rados", "pool": "p", "timeout": "long"})"); });
    CHECK(contains(message, "timeout"));
}
#endif
