// The whole path of docs/object-stores.md, "Writing an unchanged program to
// RADOS": a Series that names neither Zarr nor Ceph, redirected by
// OPENPMD_BACKEND and OPENPMD_OPTIONS, writes a file-based series into the
// test pool and reads it back; nothing reaches the disk.

#include "StoreScratch.hpp"

#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/openPMD.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <numeric>

using namespace openPMD;
using store_test::StoreScratch;

namespace
{
// Sets environment variables for its lifetime, restoring the old values.
class ScopedEnvironment
{
public:
    ScopedEnvironment(std::vector<std::pair<std::string, std::string>> const& variables)
    {
        for (auto const& [name, value] : variables)
        {
            char const* old = std::getenv(name.c_str());
            m_saved.emplace_back(name,
                                 old ? std::optional<std::string>(old) : std::nullopt);
            ::setenv(name.c_str(), value.c_str(), 1);
        }
    }
    ~ScopedEnvironment()
    {
        for (auto const& [name, old] : m_saved)
            if (old)
                ::setenv(name.c_str(), old->c_str(), 1);
            else
                ::unsetenv(name.c_str());
    }
    ScopedEnvironment(ScopedEnvironment const&) = delete;
    ScopedEnvironment& operator=(ScopedEnvironment const&) = delete;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};

bool haveZarrBackend()
{
    for (auto const& row : BackendRegistry::rows())
        if (row.configKey == "zarr" && row.available)
            return true;
    return false;
}
} // namespace

TEST_CASE("rados: an unchanged Series writes to RADOS through the environment", "[rados]")
{
    if (!StoreRegistry::find("rados"))
        return; // built without librados
    auto options = store_test::radosTestOptions();
    if (!options)
        return;
    if (!haveZarrBackend())
    {
        std::string const message =
            "SKIPPED: no Zarr backend in this build: the Series part of the rados store "
            "needs it";
        std::cout << message << std::endl;
        WARN(message);
        return;
    }
    StoreScratch scratch("rados", *options);
    auto const directory = scratch.directory() + "/diags";
    ScopedEnvironment environment(
        {{"OPENPMD_BACKEND", "zarr"},
         {"OPENPMD_OPTIONS",
          nlohmann::json{{"zarr", {{"store", nlohmann::json::parse(*options)}}}}
              .dump()}});

    std::vector<double> values(1000);
    std::iota(values.begin(), values.end(), 0.25);
    {
        Series series(directory + "/data_%T.h5", Access::CREATE);
        for (std::uint64_t index : {100u, 200u})
        {
            auto iteration = series.writeIterations()[index];
            auto E_x = iteration.meshes["E"]["x"];
            E_x.resetDataset({Datatype::DOUBLE, {10, 100}});
            E_x.storeChunk(values, {0, 0}, {10, 100});
            iteration.close();
        }
    }
    CHECK_FALSE(std::filesystem::exists(scratch.directory()));

    auto const* rados = StoreRegistry::find("rados");
    auto listing = scratch.arguments("");
    listing.path = directory;
    CHECK(rados->listHierarchies(listing) ==
          std::vector<std::string>{"data_100.h5", "data_200.h5"});

    {
        Series series(directory + "/data_%T.h5", Access::READ_ONLY);
        CHECK(series.backend() == "Zarr");
        REQUIRE(series.iterations.size() == 2);
        for (auto& [index, iteration] : series.iterations)
        {
            CAPTURE(index);
            auto chunk = iteration.meshes["E"]["x"].loadChunk<double>();
            series.flush();
            CHECK(std::equal(values.begin(), values.end(), chunk.get()));
        }
    }
    for (std::string file : {"data_100.h5", "data_200.h5"})
    {
        auto arguments = scratch.arguments("");
        arguments.path = directory + "/" + file;
        StoreRegistry::open(arguments)->eraseWithPrefix("");
    }
    CHECK(rados->listHierarchies(listing).empty());
}
