#include "StoreScratch.hpp"

#include <openPMD/IO/PluginLoader.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace store_test
{
namespace
{
std::string environment(char const* name)
{
    char const* value = std::getenv(name);
    return value ? value : "";
}

std::string uniqueName()
{
    static std::atomic<unsigned> counter{0};
    return fmt::format("{}-{}", ::getpid(), counter++);
}
} // namespace

std::optional<std::string> radosTestOptions(std::string const& extraOptions)
{
    auto const conf = environment("CEPH_CONF");
    auto const pool = environment("OPENPMD_TEST_RADOS_POOL");
    std::string missing;
    if (conf.empty() || pool.empty())
        missing = "CEPH_CONF or OPENPMD_TEST_RADOS_POOL is not set";
    else if (!std::filesystem::exists(conf))
        missing =
            fmt::format("{} does not exist (the fixture did not start a cluster)", conf);
    if (!missing.empty())
    {
        if (!environment("CI").empty())
            FAIL("no Ceph test cluster in CI: " << missing);
        auto const message =
            fmt::format("SKIPPED: store type rados: no Ceph test cluster ({}); "
                        "scripts/install-dependencies.sh installs Ceph",
                        missing);
        std::cout << message << std::endl;
        WARN(message);
        return std::nullopt;
    }
    nlohmann::json options = {
        {"type", "rados"}, {"pool", pool}, {"conf", conf}, {"timeout", 20}};
    if (!extraOptions.empty())
        options.update(nlohmann::json::parse(extraOptions));
    return options.dump();
}

void registerPluginStoreTypes()
{
#ifdef STORE_TEST_PYTHON_PLUGIN_DIR
    static bool const loaded = []
    {
        // The S3 endpoint and keys of the fixture's radosgw, for S3Store.
        std::ifstream env(environment("OPENPMD_CEPH_DIR") + "/env");
        std::string line;
        while (std::getline(env, line))
        {
            auto const equals = line.find('=');
            if (line.rfind("export AWS_", 0) == 0 && equals != std::string::npos)
                setenv(line.substr(7, equals - 7).c_str(),
                       line.substr(equals + 1).c_str(), 1);
        }
        setenv("OPENPMD_PLUGIN_PATH", STORE_TEST_PYTHON_PLUGIN_DIR, 0);
        openPMD::loadBackendPlugin("python");
        return true;
    }();
    (void)loaded;
#endif
}

std::string optionsFor(std::string const& type, Availability& availability)
{
    if (type == "directory" || type == "memory")
        return nlohmann::json{{"type", type}}.dump();
    if (type == "rados")
    {
        auto options = radosTestOptions();
        if (!options)
        {
            availability.skipReason = "no Ceph test cluster";
            return {};
        }
        return *options;
    }
    if (type == "python")
    {
        // The C++ bridge to a Python store, with S3Store against radosgw.
        if (environment("AWS_ENDPOINT_URL").empty())
        {
            if (!environment("CI").empty())
                FAIL("no radosgw of the Ceph test cluster in CI (fixture rgw)");
            availability.skipReason = "no radosgw";
            WARN("SKIPPED: store type python: no radosgw of the Ceph test cluster");
            return {};
        }
        return nlohmann::json{{"type", "python"},
                              {"class", "openpmd_api.stores.s3:S3Store"},
                              {"args",
                               {{"bucket", "openpmd-store-conformance"},
                                {"prefix", "{path}"},
                                {"create_bucket", true},
                                {"page_size", 100}}}}
            .dump();
    }
    FAIL(
        "store type '" << type
                       << "' is registered, but the store tests do not know its options: "
                          "add them to test/IO/stores/StoreScratch.cpp");
    return {};
}

StoreScratch::StoreScratch(std::string type, std::string options)
    : m_type(std::move(type)), m_options(std::move(options))
{
    if (m_type == "directory")
    {
        m_onDisk = true;
        auto root = std::filesystem::temp_directory_path() /
                    ("openpmd-store-test-" + uniqueName());
        std::filesystem::create_directories(root);
        m_root = root.string();
    }
    else
        m_root = "/openpmd-store-test/" + uniqueName();
}

StoreScratch::~StoreScratch()
{
    try
    {
        if (m_onDisk)
        {
            std::error_code ignored;
            std::filesystem::remove_all(m_root, ignored);
            return;
        }
        for (auto const& name : m_opened)
            openPMD::StoreRegistry::open(arguments(name))->eraseWithPrefix("");
    }
    catch (std::exception const& e)
    {
        std::cerr << "store test: could not clean up " << m_type << " " << m_root << ": "
                  << e.what() << std::endl;
    }
}

std::string StoreScratch::path(std::string const& name) const
{
    return m_root + "/" + name;
}

openPMD::StoreArguments StoreScratch::arguments(std::string const& name,
                                                openPMD::Access access) const
{
    openPMD::StoreArguments result;
    result.path = path(name);
    result.access = access;
    result.options = m_options;
    return result;
}

std::unique_ptr<openPMD::KeyValueStore> StoreScratch::open(std::string const& name,
                                                           openPMD::Access access)
{
    auto store = openPMD::StoreRegistry::open(arguments(name, access));
    REQUIRE(store);
    m_opened.push_back(name);
    return store;
}
} // namespace store_test
