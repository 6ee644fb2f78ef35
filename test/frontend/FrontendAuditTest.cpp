// The points of issue 3 that the other frontend tests leave open: the map
// API and its errors, every root and mesh attribute, old standards, APPEND to
// file-based series, eager iteration parsing, loads that fill at the flush.
#include "RecordingBackend.hpp"
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>

using namespace openPMD;
using frontendtest::countLog;
using frontendtest::freshDir;
using frontendtest::testedExtensions;

namespace
{
/** The message of the std::out_of_range that `f` throws ("" if none). */
template <typename F>
std::string outOfRangeMessage(F&& f)
{
    try
    {
        f();
    }
    catch (std::out_of_range const& e)
    {
        return e.what();
    }
    return "";
}

bool contains(std::string const& text, std::string const& part)
{
    return text.find(part) != std::string::npos;
}

/** A small series with three iterations; E/x is a constant, and so are
 *  the records of the species e (one particle). */
void writeThree(std::string const& path, std::string const& options = "{}")
{
    Series s(path, Access::CREATE, options);
    for (uint64_t i : {1, 2, 3})
    {
        s.iterations[i].meshes["E"]["x"].makeConstant(double(i));
        auto e = s.iterations[i].particles["e"];
        e["weighting"].makeConstant(1.f);
        e["position"]["x"].makeConstant(0.5);
        e["positionOffset"]["x"].makeConstant(double(i));
    }
}
} // namespace

TEST_CASE("missing keys in a read-only Series are std::out_of_range naming path and key",
          "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_audit_keys_" + ext) + "/k." + ext;
        writeThree(path);
        Series r(path, Access::READ_ONLY);
        auto message = outOfRangeMessage([&] { r.iterations[7]; });
        CHECK(contains(message, "'/data'"));
        CHECK(contains(message, "'7'"));
        CHECK(contains(message, "k." + ext));
        CHECK(contains(outOfRangeMessage([&] { r.iterations.at(8); }), "'8'"));
        auto it = r.iterations[1];
        message = outOfRangeMessage([&] { it.meshes["B"]; });
        CHECK(contains(message, "/data/1/meshes"));
        CHECK(contains(message, "'B'"));
        CHECK(contains(outOfRangeMessage([&] { it.meshes.at("B"); }), "'B'"));
        message = outOfRangeMessage([&] { it.meshes["E"]["y"]; });
        CHECK(contains(message, "/data/1/meshes/E"));
        CHECK(contains(message, "'y'"));
        CHECK(contains(outOfRangeMessage([&] { it.particles["p"]; }), "'p'"));
        // What exists is found, and nothing was created by the failed lookups.
        CHECK(r.iterations.size() == 3);
        CHECK(it.meshes.size() == 1);
        CHECK(it.meshes["E"].size() == 1);
        CHECK(it.particles.size() == 1);
        CHECK(it.particles["e"].size() == 3);
    }
}

TEST_CASE("Container map API", "[frontend][audit]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_audit_map") + "/m.memtest";
    Series s(path, Access::CREATE);
    auto meshes = s.iterations[0].meshes;
    CHECK(meshes.empty());
    meshes["E"].makeConstant(1.0);
    CHECK(meshes.size() == 1);
    CHECK(meshes.count("E") == 1);
    CHECK(meshes.contains("E"));
    CHECK_FALSE(meshes.contains("B"));
    CHECK(meshes.find("B") == meshes.end());
    REQUIRE(meshes.find("E") != meshes.end());
    CHECK(contains(outOfRangeMessage([&] { meshes.at("B"); }), "'B'"));

    // An object of the tree cannot be put in a second place.
    Mesh B = s.iterations[1].meshes["B"];
    CHECK_THROWS_AS(meshes.insert({"B", B}), error::WrongAPIUsage);
    CHECK_THROWS_AS(meshes.emplace("B", B), error::WrongAPIUsage);
    CHECK_FALSE(meshes.insert({"E", B}).second); // the key exists: nothing happens
    meshes["B"].makeConstant(2.0);
    meshes["rho"].makeConstant(3.0);
    CHECK(meshes.size() == 3);
    std::vector<std::string> names;
    for (auto const& [name, mesh] : meshes)
        names.push_back(name);
    CHECK(names == std::vector<std::string>{"B", "E", "rho"});

    CHECK(meshes.erase("rho") == 1);
    CHECK(meshes.erase("rho") == 0);
    CHECK(meshes.size() == 2);
    s.flush();
    auto stored =
        memtest::file(path)->children.at("data")->children.at("0")->children.at("meshes");
    CHECK(stored->children.count("B") == 1);
    CHECK(stored->children.count("E") == 1);
    CHECK(stored->children.count("rho") == 0);
}

TEST_CASE("every root attribute round-trips with its type", "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_audit_root_" + ext) + "/r." + ext;
        {
            Series s(path, Access::CREATE);
            CHECK(s.name() == "r");
            s.setAuthor("A. Author")
                .setSoftware("mySim", "1.2.3")
                .setSoftwareDependencies("dep-1.0")
                .setMachine("cluster-9")
                .setDate("2026-01-02 03:04:05 +0000")
                .setOpenPMDextension(1)
                .setMeshesPath("fields/")
                .setParticlesPath("species/");
            s.setComment("a comment");
            s.setAttribute("custom", std::vector<int>{1, 2});
            // Extension 1 is ED-PIC: its attributes of the meshes group
            // (here "fields/") and of each mesh come with it.
            auto meshes = s.iterations[0].meshes;
            meshes.setAttribute("fieldSolver", std::string("Yee"));
            meshes.setAttribute("fieldBoundary",
                                std::vector<std::string>{"periodic", "periodic"});
            meshes.setAttribute("particleBoundary",
                                std::vector<std::string>{"absorbing", "absorbing"});
            meshes.setAttribute("currentSmoothing", std::string("none"));
            meshes.setAttribute("chargeCorrection", std::string("none"));
            meshes["E"].setAttribute("fieldSmoothing", std::string("none"));
            meshes["E"].makeConstant(1.0);
        }
        Series r(path, Access::READ_ONLY);
        CHECK(r.name() == "r");
        CHECK_FALSE(r.backend().empty());
        CHECK(r.openPMD() == "1.1.0");
        CHECK(r.openPMDextension() == 1);
        CHECK(r.getAttribute("openPMDextension").dtype == Datatype::UINT);
        CHECK(r.basePath() == "/data/%T/");
        CHECK(r.meshesPath() == "fields/");
        CHECK(r.particlesPath() == "species/");
        CHECK(r.author() == "A. Author");
        CHECK(r.software() == "mySim");
        CHECK(r.softwareVersion() == "1.2.3");
        CHECK(r.softwareDependencies() == "dep-1.0");
        CHECK(r.machine() == "cluster-9");
        CHECK(r.date() == "2026-01-02 03:04:05 +0000");
        CHECK(r.comment() == "a comment");
        CHECK(r.iterationEncoding() == IterationEncoding::groupBased);
        CHECK(r.iterationFormat() == "/data/%T/");
        CHECK(r.getAttribute("custom").get<std::vector<int>>() == std::vector<int>{1, 2});
        for (char const* name :
             {"basePath", "openPMD", "date", "software", "softwareVersion",
              "iterationEncoding", "iterationFormat", "meshesPath", "author"})
        {
            INFO(name);
            CHECK(r.getAttribute(name).dtype == Datatype::STRING);
        }
        CHECK(r.containsAttribute("machine"));
        CHECK(r.numAttributes() == r.attributes().size());
        auto const names = r.attributes();
        CHECK(std::is_sorted(names.begin(), names.end()));
        auto meshes = r.iterations[0].meshes;
        CHECK(meshes.getAttribute("fieldSolver").get<std::string>() == "Yee");
        CHECK(meshes.getAttribute("fieldBoundary").get<std::vector<std::string>>() ==
              std::vector<std::string>{"periodic", "periodic"});
        CHECK(meshes["E"].getAttribute("fieldSmoothing").get<std::string>() == "none");
    }
}

TEST_CASE("every mesh attribute round-trips", "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_audit_mesh_" + ext) + "/m." + ext;
        {
            Series s(path, Access::CREATE);
            auto it = s.iterations[0];
            it.setTime(1.5f).setDt(0.25).setTimeUnitSI(2.0);
            Mesh B = it.meshes["B"];
            B.setGeometry(Mesh::Geometry::thetaMode)
                .setGeometryParameters("m=1;imag=+")
                .setDataOrder(Mesh::DataOrder::F)
                .setAxisLabels({"r", "z"})
                .setGridSpacing(std::vector<double>{0.5, 2.0})
                .setGridGlobalOffset({1.0, -1.0})
                .setGridUnitSI(1e-6)
                .setUnitDimension({{UnitDimension::T, -2}, {UnitDimension::I, -1}})
                .setTimeOffset(0.125f);
            B["r"].setPosition(std::vector<double>{0.5, 0.0}).setUnitSI(3.0);
            // thetaMode data: (mode, r, z), one mode (m=1) on a 2x4 grid.
            B["r"].resetDataset(Dataset(Datatype::FLOAT, {1, 2, 4}));
            B["r"].makeConstant(1.0f);
            Mesh C = it.meshes["C"];
            C.setGeometry("cylindrical");
            C.makeConstant(1);
        }
        Series r(path, Access::READ_ONLY);
        auto it = r.iterations[0];
        CHECK(it.time<float>() == 1.5f);
        CHECK(it.getAttribute("time").dtype == Datatype::FLOAT);
        CHECK(it.dt<double>() == 0.25);
        CHECK(it.timeUnitSI() == 2.0);
        Mesh B = it.meshes["B"];
        CHECK(B.geometry() == Mesh::Geometry::thetaMode);
        CHECK(B.geometryParameters() == "m=1;imag=+");
        CHECK(B.dataOrder() == Mesh::DataOrder::F);
        CHECK(B.axisLabels() == std::vector<std::string>{"r", "z"});
        CHECK(B.gridSpacing<double>() == std::vector<double>{0.5, 2.0});
        CHECK(B.gridGlobalOffset() == std::vector<double>{1.0, -1.0});
        CHECK(B.gridUnitSI() == 1e-6);
        CHECK(B.unitDimension() == std::array<double, 7>{0, 0, -2, -1, 0, 0, 0});
        CHECK(B.timeOffset<float>() == 0.125f);
        CHECK(B.getAttribute("timeOffset").dtype == Datatype::FLOAT);
        CHECK(B["r"].position<double>() == std::vector<double>{0.5, 0.0});
        CHECK(B["r"].unitSI() == 3.0);
        CHECK(B["r"].getExtent() == Extent{1, 2, 4});
        CHECK(it.meshes["C"].geometry() == Mesh::Geometry::cylindrical);
        CHECK(it.meshes["C"].scalar());
    }
}

TEST_CASE("standards 1.0.0, 1.0.1, 1.1.0 with and without meshesPath/particlesPath",
          "[frontend][audit]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_audit_versions");
    for (std::string version : {"1.0.0", "1.0.1", "1.1.0"})
    {
        for (bool withPaths : {true, false})
        {
            INFO(version << (withPaths ? " with" : " without") << " paths");
            std::string const path =
                dir + "/v" + version + (withPaths ? "p" : "") + ".memtest";
            {
                Series s(path, Access::CREATE);
                s.setOpenPMD(version);
                s.iterations[0].meshes["E"].makeConstant(1.5);
                s.iterations[0].particles["e"]["weighting"].makeConstant(2.5);
            }
            auto root = memtest::file(path);
            REQUIRE(root);
            if (!withPaths)
            {
                root->attributes.erase("meshesPath");
                root->attributes.erase("particlesPath");
            }
            Series r(path, Access::READ_ONLY);
            CHECK(r.openPMD() == version);
            CHECK(r.containsAttribute("meshesPath") == withPaths);
            auto it = r.iterations[0];
            REQUIRE(it.meshes.count("E") == 1);
            REQUIRE(it.particles.count("e") == 1);
            CHECK(it.meshes["E"].loadChunk<double>().get()[0] == 1.5);
            CHECK(it.particles["e"]["weighting"].loadChunk<double>().get()[0] == 2.5);
        }
    }
}

TEST_CASE("a non-numeric iteration group is skipped with a warning", "[frontend][audit]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_audit_odd") + "/o.memtest";
    writeThree(path);
    memtest::file(path)->children.at("data")->children["checkpoint"] =
        std::make_shared<memtest::Node>();
    std::ostringstream captured;
    auto* old = std::cerr.rdbuf(captured.rdbuf());
    std::optional<Series> r;
    CHECK_NOTHROW(r.emplace(path, Access::READ_ONLY));
    std::cerr.rdbuf(old);
    CHECK(contains(captured.str(), "checkpoint"));
    CHECK(contains(captured.str(), "o.memtest"));
    REQUIRE(r);
    CHECK(r->iterations.size() == 3);
}

TEST_CASE("APPEND to a file-based and to a group-based series",
          "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_audit_append_" + ext);
        for (std::string name : {"f_%T", "g"})
        {
            INFO(name);
            std::string const path = dir + "/" + name + "." + ext;
            {
                Series s(path, Access::CREATE);
                s.iterations[1].meshes["E"].makeConstant(1);
            }
            {
                Series s(path, Access::APPEND);
                s.iterations[2].meshes["E"].makeConstant(2);
            }
            Series r(path, Access::READ_ONLY);
            REQUIRE(r.iterations.size() == 2);
            CHECK(r.iterations[1].meshes["E"].loadChunk<int>().get()[0] == 1);
            CHECK(r.iterations[2].meshes["E"].loadChunk<int>().get()[0] == 2);
        }
    }
}

TEST_CASE("defer_iteration_parsing: lazy by default, false parses at open",
          "[frontend][audit]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_audit_defer");
    std::string const path = dir + "/d.memtest";
    writeThree(path);

    memtest::log().clear();
    {
        Series lazy(path, Access::READ_ONLY);
        CHECK(countLog("OPEN_PATH meshes") == 0);
        CHECK(lazy.iterations[2].meshes["E"]["x"].constant());
        CHECK(countLog("OPEN_PATH meshes") == 1);
    }
    memtest::log().clear();
    {
        Series eager(path, Access::READ_ONLY, R"({"defer_iteration_parsing": false})");
        CHECK(countLog("OPEN_PATH meshes") == 3);
        CHECK(countLog("OPEN_PATH particles") == 3);
        memtest::log().clear();
        CHECK(eager.iterations[2].meshes["E"]["x"].constant());
        CHECK(memtest::log().empty()); // nothing left to read
    }

    // Errors in an iteration surface at open with false, at access otherwise.
    memtest::file(path)
        ->children.at("data")
        ->children.at("3")
        ->children.at("meshes")
        ->children.at("E")
        ->children.at("x")
        ->attributes.erase("unitSI");
    CHECK_THROWS_AS(
        Series(path, Access::READ_ONLY, R"({"defer_iteration_parsing": false})"),
        error::ReadError);
    Series lazy(path, Access::READ_ONLY, R"({"defer_iteration_parsing": true})");
    CHECK(lazy.iterations[1].meshes.size() == 1);
    CHECK_THROWS_AS(lazy.iterations[3].meshes.size(), error::ReadError);

    CHECK_THROWS_AS(Series(path, Access::READ_ONLY, R"({"defer_iteration_parsing": 0})"),
                    error::BackendConfigSchema);
}

TEST_CASE("READ_LINEAR: parseBase reads the iteration list", "[frontend][audit]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_audit_parsebase") + "/p.memtest";
    writeThree(path);
    Series s(path, Access::READ_LINEAR);
    CHECK(s.iterations.empty());
    s.parseBase();
    CHECK(s.iterations.size() == 3);
    CHECK(s.openPMD() == "1.1.0");
}

TEST_CASE("loadChunk fills at the flush; chunk IO on a read-only Series is refused",
          "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_audit_load_" + ext) + "/l." + ext;
        {
            Series s(path, Access::CREATE);
            auto rho = s.iterations[0].meshes["rho"];
            rho.resetDataset(Dataset(Datatype::INT, {3}));
            std::vector<int> values{4, 5, 6};
            rho.storeChunk(values);
            s.flush();
        }
        Series r(path, Access::READ_ONLY);
        auto rho = r.iterations[0].meshes["rho"];
        std::vector<int> target(3, -1);
        rho.loadChunkRaw(target.data(), {0}, {3});
        CHECK(target == std::vector<int>{-1, -1, -1}); // not before the flush
        r.flush();
        CHECK(target == std::vector<int>{4, 5, 6});
        auto shared = std::shared_ptr<int[]>(new int[2]);
        rho.loadChunk(shared, {1}, {2});
        r.flush();
        CHECK(shared[0] == 5);
        CHECK(shared[1] == 6);
        std::vector<int> more{1, 2, 3};
        CHECK_THROWS_AS(rho.storeChunk(more), error::WrongAPIUsage);
        CHECK_THROWS_AS(rho.resetDataset(Dataset(Datatype::INT, {4})),
                        error::WrongAPIUsage);
        CHECK_THROWS_AS(r.iterations[0].deleteAttribute("time"), error::WrongAPIUsage);
    }
}

TEST_CASE("the standard's defaults are written with their types",
          "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_audit_defaults_" + ext) + "/d." + ext;
        {
            Series s(path, Access::CREATE);
            auto it = s.iterations[0];
            it.meshes["E"]["x"].makeConstant(1.0);
            it.particles["e"]["position"]["x"].makeConstant(1.0);
            it.particles["e"]["positionOffset"]["x"].makeConstant(0.0);
            it.particles["e"]["momentum"]["x"].makeConstant(1.0);
        }
        Series r(path, Access::READ_ONLY);
        for (char const* name :
             {"basePath", "openPMD", "date", "software", "softwareVersion",
              "iterationEncoding", "iterationFormat", "meshesPath", "particlesPath"})
        {
            INFO(name);
            CHECK(r.getAttribute(name).dtype == Datatype::STRING);
        }
        CHECK(r.getAttribute("openPMDextension").dtype == Datatype::UINT);
        CHECK(r.openPMDextension() == 0);
        CHECK(r.software() == "openPMD-api");
        auto it = r.iterations[0];
        for (char const* name : {"time", "dt", "timeUnitSI"})
        {
            INFO(name);
            CHECK(it.getAttribute(name).dtype == Datatype::DOUBLE);
        }
        CHECK(it.time<double>() == 0.0);
        CHECK(it.dt<double>() == 1.0);
        Mesh E = it.meshes["E"];
        CHECK(E.getAttribute("timeOffset").dtype == Datatype::FLOAT);
        CHECK(E.getAttribute("gridUnitSI").dtype == Datatype::DOUBLE);
        CHECK(E.getAttribute("geometry").get<std::string>() == "cartesian");
        CHECK(E.getAttribute("dataOrder").get<std::string>() == "C");
        CHECK(E.gridSpacing<double>() == std::vector<double>{1.0});
        CHECK(E.gridGlobalOffset() == std::vector<double>{0.0});
        CHECK(E.unitDimension() == std::array<double, 7>{});
        CHECK(E["x"].getAttribute("unitSI").dtype == Datatype::DOUBLE);
        CHECK(E["x"].position<double>() == std::vector<double>{0.0});
        auto e = it.particles["e"];
        CHECK(e["position"].getAttribute("timeOffset").dtype == Datatype::FLOAT);
        // position and positionOffset are lengths; other records are not.
        CHECK(e["position"].unitDimension() ==
              std::array<double, 7>{1, 0, 0, 0, 0, 0, 0});
        CHECK(e["positionOffset"].unitDimension() ==
              std::array<double, 7>{1, 0, 0, 0, 0, 0, 0});
        CHECK(e["momentum"].unitDimension() == std::array<double, 7>{});
        CHECK(e["momentum"]["x"].unitSI() == 1.0);
    }
}

TEST_CASE("mesh defaults take the dimensionality of the mesh's datasets",
          "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_audit_fitted_" + ext) + "/f." + ext;
        {
            Series s(path, Access::CREATE);
            auto it = s.iterations[0];
            // Untouched defaults before the first flush: openPMD-api's values.
            Mesh E = it.meshes["E"];
            CHECK(E.axisLabels() == std::vector<std::string>{"x"});
            for (char const* c : {"x", "y", "z"})
            {
                E[c].resetDataset(Dataset(Datatype::DOUBLE, {2, 3, 4}));
                E[c].makeConstant(1.0);
            }
            // Fortran order reverses the conventional labels; a value set
            // by the user is kept even where it does not fit.
            Mesh B = it.meshes["B"];
            B.setDataOrder(Mesh::DataOrder::F);
            B.setGridSpacing(std::vector<double>{0.5});
            B["x"].setPosition(std::vector<double>{0.5, 0.5});
            B["x"].resetDataset(Dataset(Datatype::FLOAT, {4, 5}));
            B["x"].makeConstant(2.0f);
            // A deleted default stays deleted.
            Mesh rho = it.meshes["rho"];
            rho.deleteAttribute("gridGlobalOffset");
            rho.resetDataset(Dataset(Datatype::INT, {2, 2}));
            rho.makeConstant(3);
            // thetaMode: datasets (mode, r, z) on a 2-D grid.
            Mesh theta = it.meshes["theta"];
            theta.setGeometry(Mesh::Geometry::thetaMode);
            for (char const* c : {"r", "t", "z"})
            {
                theta[c].resetDataset(Dataset(Datatype::DOUBLE, {3, 4, 5}));
                theta[c].makeConstant(0.5);
            }
            // One dimension: the defaults fit already.
            Mesh line = it.meshes["line"];
            line.resetDataset(Dataset(Datatype::INT, {7}));
            line.makeConstant(4);
            s.flush();
            CHECK(E.gridSpacing<double>() == std::vector<double>{1.0, 1.0, 1.0});
        }
        Series r(path, Access::READ_ONLY);
        auto it = r.iterations[0];
        Mesh E = it.meshes["E"];
        CHECK(E.axisLabels() == std::vector<std::string>{"z", "y", "x"});
        CHECK(E.gridSpacing<double>() == std::vector<double>{1.0, 1.0, 1.0});
        CHECK(E.gridGlobalOffset() == std::vector<double>{0.0, 0.0, 0.0});
        for (char const* c : {"x", "y", "z"})
        {
            INFO(c);
            CHECK(E[c].position<double>() == std::vector<double>{0.0, 0.0, 0.0});
        }
        Mesh B = it.meshes["B"];
        CHECK(B.axisLabels() == std::vector<std::string>{"x", "y"});
        CHECK(B.gridSpacing<double>() == std::vector<double>{0.5});
        CHECK(B.gridGlobalOffset() == std::vector<double>{0.0, 0.0});
        CHECK(B["x"].position<double>() == std::vector<double>{0.5, 0.5});
        Mesh rho = it.meshes["rho"];
        CHECK_FALSE(rho.containsAttribute("gridGlobalOffset"));
        CHECK(rho.axisLabels() == std::vector<std::string>{"y", "x"});
        CHECK(rho.position<double>() == std::vector<double>{0.0, 0.0});
        Mesh theta = it.meshes["theta"];
        CHECK(theta.axisLabels() == std::vector<std::string>{"r", "z"});
        CHECK(theta.gridSpacing<double>() == std::vector<double>{1.0, 1.0});
        CHECK(theta.gridGlobalOffset() == std::vector<double>{0.0, 0.0});
        for (char const* c : {"r", "t", "z"})
        {
            INFO(c);
            CHECK(theta[c].position<double>() == std::vector<double>{0.0, 0.0});
        }
        Mesh line = it.meshes["line"];
        CHECK(line.axisLabels() == std::vector<std::string>{"x"});
        CHECK(line.gridSpacing<double>() == std::vector<double>{1.0});
        CHECK(line.position<double>() == std::vector<double>{0.0});
    }
}

TEST_CASE("every storeChunk and loadChunk overload", "[frontend][audit][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_audit_chunks_" + ext) + "/c." + ext;
        {
            Series s(path, Access::CREATE);
            auto rc = s.iterations[0].meshes["rho"];
            rc.resetDataset(Dataset(Datatype::LONG, {8}));
            std::shared_ptr<long[]> array(new long[2]{1, 2});
            rc.storeChunk(array, {0}, {2});
            std::array<long, 2> fixed{3, 4};
            rc.storeChunk(fixed, {2}, {2});
            std::unique_ptr<long[]> unique(new long[2]{5, 6});
            rc.storeChunk(std::move(unique), {4}, {2});
            auto view = rc.storeChunk<long>({6}, {2});
            view.currentBuffer()[0] = 7;
            view.currentBuffer()[1] = 8;
            s.flush();
        }
        Series r(path, Access::READ_ONLY);
        auto rc = r.iterations[0].meshes["rho"];
        auto all = rc.loadChunk<long>();
        auto some = std::shared_ptr<long>(new long[3], [](long* p) { delete[] p; });
        rc.loadChunk(some, {5}, {3});
        r.flush();
        CHECK(std::vector<long>(all.get(), all.get() + 8) ==
              std::vector<long>{1, 2, 3, 4, 5, 6, 7, 8});
        CHECK(std::vector<long>(some.get(), some.get() + 3) ==
              std::vector<long>{6, 7, 8});
    }
}

TEST_CASE("JSON files: a non-numeric iteration group, a file that is not openPMD",
          "[frontend][audit]")
{
    std::string const dir = freshDir("frontend_audit_json");
    writeThree(dir + "/t.json");
    std::string text;
    {
        std::ifstream in(dir + "/t.json");
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    // A group "checkpoint" beside the iterations under /data.
    std::smatch found;
    REQUIRE(std::regex_search(text, found, std::regex(R"("data"\s*:\s*\{)")));
    text.insert(found.position(0) + found.length(0), R"("checkpoint": {},)");
    std::ofstream(dir + "/t.json") << text;
    std::ostringstream captured;
    auto* old = std::cerr.rdbuf(captured.rdbuf());
    std::optional<Series> r;
    CHECK_NOTHROW(r.emplace(dir + "/t.json", Access::READ_ONLY));
    std::cerr.rdbuf(old);
    CHECK(contains(captured.str(), "checkpoint"));
    REQUIRE(r);
    CHECK(r->iterations.size() == 3);
    CHECK(r->iterations[2].meshes["E"]["x"].loadChunk<double>().get()[0] == 2.0);

    std::ofstream(dir + "/plain.json") << R"({"hello": [1, 2]})";
    try
    {
        Series s(dir + "/plain.json", Access::READ_ONLY);
        FAIL("a JSON file without openPMD attributes was accepted");
    }
    catch (error::ReadError const& e)
    {
        CHECK(contains(e.what(), "plain.json"));
    }
    std::ofstream(dir + "/garbage.json") << "this is not JSON";
    CHECK_THROWS_AS(Series(dir + "/garbage.json", Access::READ_ONLY), error::ReadError);
}
