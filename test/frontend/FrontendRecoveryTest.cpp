// A failed flush leaves what it could not do dirty: fixing the cause and
// flushing again writes it, and what was flushed before stays readable.
#include "RecordingBackend.hpp"
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

using namespace openPMD;
using frontendtest::countLog;
using frontendtest::freshDir;

namespace
{
std::vector<int> storedInts(std::shared_ptr<memtest::Node> const& node)
{
    std::vector<int> values(node->bytes.size() / sizeof(int));
    std::memcpy(values.data(), node->bytes.data(), node->bytes.size());
    return values;
}

/**
 * Extensions that store real files (the recording backends are tested apart;
 * the pymemory connector keeps its files in the process, like "mem").
 */
std::vector<std::string> fileExtensions()
{
    std::vector<std::string> result;
    for (auto const& ext : frontendtest::testedExtensions())
    {
        if (ext != "memtest" && ext != "mem" && ext != "pymem")
            result.push_back(ext);
    }
    return result;
}

std::shared_ptr<int> ints(std::vector<int> values)
{
    auto owner = std::make_shared<std::vector<int>>(std::move(values));
    return std::shared_ptr<int>(owner, owner->data());
}

std::vector<int> loadInts(Series& s, uint64_t iteration, size_t n)
{
    auto data = s.iterations[iteration].meshes["rho"].loadChunk<int>();
    s.flush();
    return std::vector<int>(data.get(), data.get() + n);
}
} // namespace

TEST_CASE("a failed flush runs again exactly what it dropped", "[frontend][recovery]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_recovery_tasks") + "/r.memtest";
    Series s(path, Access::CREATE);
    auto rho = s.iterations[1].meshes["rho"];
    rho.resetDataset(Dataset(Datatype::INT, {2}));
    rho.storeChunk(ints({7, 8}), {0}, {2});
    s.iterations[1].setAttribute("note", std::string("kept"));

    memtest::failOn("CREATE_DATASET rho");
    CHECK_THROWS_AS(s.flush(), error::WriteError);
    memtest::failOn("");
    memtest::log().clear();
    s.flush();
    // The file, the groups and the iteration's attributes were written the
    // first time: only the dataset, its attributes and its chunk run again.
    CHECK(countLog("CREATE_FILE") == 0);
    CHECK(countLog("CREATE_PATH") == 0);
    CHECK(countLog("WRITE_ATT note") == 0);
    CHECK(countLog("CREATE_DATASET rho") == 1);
    CHECK(countLog("WRITE_ATT unitSI") == 1);
    CHECK(countLog("WRITE_ATT geometry") == 1);
    CHECK(countLog("WRITE_DATASET") == 1);

    auto stored = memtest::file(path)
                      ->children.at("data")
                      ->children.at("1")
                      ->children.at("meshes")
                      ->children.at("rho");
    CHECK(storedInts(stored) == std::vector<int>{7, 8});
    CHECK(stored->attributes.at("unitSI").get<double>() == 1.0);

    memtest::log().clear();
    s.flush();
    CHECK(memtest::log().empty()); // nothing is left over
}

TEST_CASE("a failed attribute write and a failed close are retried",
          "[frontend][recovery]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_recovery_close");
    Series s(dir + "/f_%T.memtest", Access::CREATE);
    auto it = s.iterations[3];
    it.meshes["E"].makeConstant(2.5);
    it.meshes["E"].setAttribute("late", 1);
    s.flush();

    it.meshes["E"].setAttribute("late", 2);
    it.setTime(0.5);
    memtest::failOn("WRITE_ATT late");
    CHECK_THROWS_AS(s.flush(), error::WriteError);
    memtest::failOn("");
    memtest::log().clear();
    s.flush();
    CHECK(countLog("WRITE_ATT late") == 1);
    CHECK(countLog("WRITE_ATT time") == 0); // written before the failure

    memtest::failOn("CLOSE_FILE");
    CHECK_THROWS_AS(it.close(), error::WriteError);
    memtest::failOn("");
    memtest::log().clear();
    s.flush();
    CHECK(memtest::log() == std::vector<std::string>{"CLOSE_FILE "});
    memtest::log().clear();
    s.flush();
    CHECK(memtest::log().empty());
    auto E = memtest::file(dir + "/f_3.memtest")
                 ->children.at("data")
                 ->children.at("3")
                 ->children.at("meshes")
                 ->children.at("E");
    CHECK(E->attributes.at("late").get<int>() == 2);
    CHECK(memtest::file(dir + "/f_3.memtest")
              ->children.at("data")
              ->children.at("3")
              ->attributes.at("time")
              .get<double>() == 0.5);
}

TEST_CASE("file-based: a file that cannot be created is created at the next flush",
          "[frontend][recovery][backends]")
{
    for (auto const& ext : fileExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_recovery_files_" + ext);
        std::string const blocked = dir + "/f_2." + ext;
        {
            Series s(dir + "/f_%T." + ext, Access::CREATE);
            auto one = s.iterations[1].meshes["rho"];
            one.resetDataset(Dataset(Datatype::INT, {3}));
            one.storeChunk(ints({1, 2, 3}), {0}, {3});
            s.iterations[1].close();

            // A directory where the file of iteration 2 must go; a Zarr
            // hierarchy is a directory, so a regular file blocks it.
            bool const storedAsDirectory = ext == "zarr";
            if (storedAsDirectory)
                std::ofstream(blocked) << "in the way";
            else
                std::filesystem::create_directory(blocked);
            auto two = s.iterations[2];
            two.setTime(2.0);
            two.meshes["rho"].resetDataset(Dataset(Datatype::INT, {3}));
            two.meshes["rho"].storeChunk(ints({4, 5, 6}), {0}, {3});
            CHECK_THROWS_AS(s.flush(), openPMD::Error);

            // What was flushed before the error is readable.
            {
                Series first(dir + "/f_1." + ext, Access::READ_ONLY);
                CHECK(loadInts(first, 1, 3) == std::vector<int>{1, 2, 3});
            }

            std::filesystem::remove(blocked);
            s.flush();
            CHECK((storedAsDirectory ? std::filesystem::is_directory(blocked)
                                     : std::filesystem::is_regular_file(blocked)));
        }
        Series r(dir + "/f_%T." + ext, Access::READ_ONLY);
        REQUIRE(r.iterations.size() == 2);
        CHECK(r.iterations[2].time<double>() == 2.0);
        CHECK(loadInts(r, 1, 3) == std::vector<int>{1, 2, 3});
        CHECK(loadInts(r, 2, 3) == std::vector<int>{4, 5, 6});
    }
}

TEST_CASE("JSON group-based: a file that cannot be replaced is written at the next "
          "flush",
          "[frontend][recovery]")
{
    // JSON replaces its file at the end of every flush: a directory in the
    // way makes that fail after every task succeeded in memory.
    std::string const dir = freshDir("frontend_recovery_group_json");
    std::string const path = dir + "/g.json";
    {
        Series s(path, Access::CREATE);
        s.iterations[1].meshes["rho"].resetDataset(Dataset(Datatype::INT, {2}));
        s.iterations[1].meshes["rho"].storeChunk(ints({1, 2}), {0}, {2});
        s.flush();
        std::filesystem::remove(path);
        std::filesystem::create_directory(path);
        s.iterations[2].meshes["rho"].resetDataset(Dataset(Datatype::INT, {2}));
        s.iterations[2].meshes["rho"].storeChunk(ints({3, 4}), {0}, {2});
        CHECK_THROWS_AS(s.flush(), error::WriteError);
        std::filesystem::remove(path);
        s.flush(); // nothing is dirty in the frontend: the backend retries its file
        CHECK(std::filesystem::is_regular_file(path));
    }
    Series r(path, Access::READ_ONLY);
    REQUIRE(r.iterations.size() == 2);
    CHECK(loadInts(r, 1, 2) == std::vector<int>{1, 2});
    CHECK(loadInts(r, 2, 2) == std::vector<int>{3, 4});
}
