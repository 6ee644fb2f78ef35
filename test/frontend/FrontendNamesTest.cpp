// Names of meshes, species, records and components cannot reach outside
// their parent: "", ".", "..", names with '/' or NUL are refused when a user
// creates them, and skipped (with a warning) when a file holds them.
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace openPMD;
using frontendtest::freshDir;
using frontendtest::testedExtensions;

namespace
{
std::string const badNames[] = {
    "", ".", "..", "../escape", "a/b", "/abs", std::string("nu\0l", 4)};
} // namespace

TEST_CASE("names that could leave their parent are refused on every backend",
          "[frontend][names][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        DYNAMIC_SECTION(ext)
        {
            std::string const path = freshDir("names_" + ext) + "/names." + ext;
            Series series(path, Access::CREATE);
            Iteration it = series.iterations[0];
            for (auto const& bad : badNames)
            {
                INFO("name of length " << bad.size());
                CHECK_THROWS_AS(it.meshes[bad], error::WrongAPIUsage);
                CHECK_THROWS_AS(it.particles[bad], error::WrongAPIUsage);
                CHECK_THROWS_AS(it.particles["e"][bad], error::WrongAPIUsage);
                CHECK_THROWS_AS(it.meshes["E"][bad], error::WrongAPIUsage);
                CHECK_THROWS_AS(it.particles["e"].particlePatches[bad],
                                error::WrongAPIUsage);
            }
            // Nothing half-made is left behind: the series writes and reads.
            it.meshes["E"]["x"].makeConstant(1.0);
            it.particles["e"]["charge"][RecordComponent::SCALAR].makeConstant(-1.0);
            it.particles["e"]["position"]["x"].makeConstant(0.0);
            it.particles["e"]["positionOffset"]["x"].makeConstant(0.0);
            series.close();
            Series read(path, Access::READ_ONLY);
            CHECK(read.iterations[0].meshes.size() == 1);
            CHECK(read.iterations[0].meshes["E"].size() == 1);
            CHECK(read.iterations[0].particles.size() == 1);
            auto e = read.iterations[0].particles["e"];
            CHECK(e.size() == 3);
            CHECK(e.count("charge") == 1);
            CHECK(e["position"].size() == 1);
            CHECK(e["positionOffset"].size() == 1);
            CHECK(e.particlePatches.empty());
            try
            {
                (void)read.iterations[0].meshes["../escape"];
                FAIL("a missing key of a read-only Series must throw");
            }
            catch (std::out_of_range const&)
            {
                // as for any missing key in a read-only Series
            }
        }
    }
}

TEST_CASE("names in a file that could leave their parent are skipped",
          "[frontend][names]")
{
    std::string const path = freshDir("names_in_file") + "/names.json";
    {
        Series series(path, Access::CREATE);
        series.iterations[0].meshes["E"]["x"].makeConstant(1.0);
        series.close();
    }
    std::string text;
    {
        std::ifstream in(path);
        std::stringstream buffer;
        buffer << in.rdbuf();
        text = buffer.str();
    }
    // Copies of mesh E under names a JSON file can hold.
    auto const at = text.find("\"E\":");
    REQUIRE(at != std::string::npos);
    for (char const* bad : {"../escape", "a/b", ".", ".."})
    {
        text.insert(at,
                    "\"" + std::string(bad) + "\": {\"x\": " + "{\"attributes\": {}}}, ");
    }
    std::ofstream(path) << text;

    std::stringstream warnings;
    auto* old = std::cerr.rdbuf(warnings.rdbuf());
    Series series(path, Access::READ_ONLY);
    std::size_t meshes = 0;
    try
    {
        meshes = series.iterations[0].meshes.size();
    }
    catch (...)
    {
        std::cerr.rdbuf(old);
        throw;
    }
    std::cerr.rdbuf(old);
    CHECK(meshes == 1);
    CHECK(series.iterations[0].meshes.contains("E"));
    for (char const* bad : {"'../escape'", "'a/b'", "'.'", "'..'"})
    {
        CHECK_THAT(warnings.str(), Catch::Contains(bad) && Catch::Contains(path));
    }
}
