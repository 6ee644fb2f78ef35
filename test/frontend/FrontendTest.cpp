#include "RecordingBackend.hpp"
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <numeric>

using namespace openPMD;
using frontendtest::countLog;
using frontendtest::freshDir;
using frontendtest::testedExtensions;

namespace
{
void writeSample(std::string const& path)
{
    Series s(path, Access::CREATE);
    s.setAuthor("tester");
    auto it = s.iterations[100];
    it.setTime(2.5).setDt(0.5f).setTimeUnitSI(1e-15);
    Mesh E = it.meshes["E"];
    E.setAxisLabels({"y", "x"}).setGridSpacing(std::vector<float>{0.5f, 0.25f});
    E.setGeometry("myGrid").setUnitDimension(
        {{UnitDimension::M, 1}, {UnitDimension::L, 1}});
    auto x = E["x"];
    x.resetDataset(Dataset(Datatype::FLOAT, {2, 3}));
    std::vector<float> row{1.5f, 2.f, 3.f};
    x.storeChunk(row, {0, 0}, {1, 3});
    auto second =
        std::shared_ptr<float>(new float[3]{4.f, 5.f, 6.f}, [](float* p) { delete[] p; });
    x.storeChunk(second, {1, 0}, {1, 3});
    E["y"].resetDataset(Dataset(Datatype::DOUBLE, {2, 3}));
    E["y"].makeConstant(0.5);
    Mesh rho = it.meshes["rho"];
    rho.resetDataset(Dataset(Datatype::DOUBLE, {4}));
    std::vector<double> rhoData{1, 2, 3, 4};
    rho.storeChunk(rhoData);
    auto e = it.particles["e"];
    e["position"]["x"].resetDataset(Dataset(Datatype::DOUBLE, {3}));
    auto view = e["position"]["x"].storeChunk<double>({0}, {3});
    auto span = view.currentBuffer();
    std::iota(span.begin(), span.end(), 10.0);
    e["positionOffset"]["x"].resetDataset(Dataset(Datatype::DOUBLE, {3}));
    e["positionOffset"]["x"].makeConstant(-1.0);
    // A species without particles: every record empty.
    auto none = it.particles["none"];
    none["position"]["x"].makeEmpty<double>(1);
    none["positionOffset"]["x"].makeEmpty<double>(1);
    none["weighting"][RecordComponent::SCALAR].makeEmpty<unsigned char>(1);
    s.flush();
    it.close();
    s.close();
}
} // namespace

TEST_CASE("write then read back a group-based series", "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_roundtrip_" + ext);
        writeSample(dir + "/sample." + ext);

        Series s(dir + "/sample." + ext, Access::READ_ONLY);
        REQUIRE(s);
        CHECK(s.openPMD() == "1.1.0");
        CHECK(s.getAttribute("openPMDextension").dtype == Datatype::UINT);
        CHECK(s.basePath() == "/data/%T/");
        CHECK(s.iterationEncoding() == IterationEncoding::groupBased);
        CHECK(s.iterationFormat() == "/data/%T/");
        CHECK(s.meshesPath() == "meshes/");
        CHECK(s.particlesPath() == "particles/");
        CHECK(s.software() == "openPMD-api");
        CHECK(s.softwareVersion() == "0.16.0");
        CHECK(s.author() == "tester");
        REQUIRE(s.iterations.size() == 1);
        auto it = s.iterations[100];
        CHECK(it.time<double>() == 2.5);
        CHECK(it.getAttribute("dt").dtype == Datatype::FLOAT);
        CHECK(it.dt<float>() == 0.5f);
        CHECK(it.timeUnitSI() == 1e-15);

        Mesh E = it.meshes["E"];
        CHECK(E.geometryString() == "other:myGrid");
        CHECK(E.geometry() == Mesh::Geometry::other);
        CHECK(E.axisLabels() == std::vector<std::string>{"y", "x"});
        CHECK(E.gridSpacing<float>() == std::vector<float>{0.5f, 0.25f});
        // Not set by the writer: the default has one entry per dimension.
        CHECK(E.gridGlobalOffset() == std::vector<double>{0.0, 0.0});
        CHECK(E.gridUnitSI() == 1.0);
        CHECK(E.dataOrder() == Mesh::DataOrder::C);
        CHECK(E.getAttribute("timeOffset").dtype == Datatype::FLOAT);
        CHECK(E.unitDimension() == std::array<double, 7>{1, 1, 0, 0, 0, 0, 0});
        CHECK_FALSE(E.scalar());
        REQUIRE(E.size() == 2);
        auto x = E["x"];
        CHECK(x.getDatatype() == Datatype::FLOAT);
        CHECK(x.getExtent() == Extent{2, 3});
        CHECK(x.position<double>() == std::vector<double>{0.0, 0.0});
        CHECK(x.unitSI() == 1.0);
        auto xData = x.loadChunk<float>();
        auto yRow = E["y"].loadChunk<double>({1, 0}, {1, 3});
        CHECK(E["y"].constant());
        Mesh rho = it.meshes["rho"];
        CHECK(rho.scalar());
        auto rhoData = rho.loadChunk<double>();
        auto pos = it.particles["e"]["position"];
        CHECK(pos.unitDimension() == std::array<double, 7>{1, 0, 0, 0, 0, 0, 0});
        auto posData = pos["x"].loadChunk<double>();
        auto offset = it.particles["e"]["positionOffset"]["x"];
        CHECK(offset.constant());
        CHECK(offset.getExtent() == Extent{3});
        auto offsetData = offset.loadChunk<double>();
        auto none = it.particles["none"];
        CHECK(none.size() == 3);
        for (char const* record : {"position", "positionOffset"})
        {
            INFO(record);
            CHECK(none[record]["x"].empty());
            CHECK(none[record]["x"].getDatatype() == Datatype::DOUBLE);
            CHECK(none[record]["x"].getExtent() == Extent{0});
        }
        auto weighting = none["weighting"][RecordComponent::SCALAR];
        CHECK(weighting.empty());
        CHECK(weighting.getDatatype() == Datatype::UCHAR);
        s.flush();
        for (int i = 0; i < 6; ++i)
            CHECK(xData.get()[i] == float(1.5f * (i == 0) + (i != 0) * (i + 1)));
        for (int i = 0; i < 3; ++i)
            CHECK(yRow.get()[i] == 0.5);
        for (int i = 0; i < 4; ++i)
            CHECK(rhoData.get()[i] == double(i + 1));
        for (int i = 0; i < 3; ++i)
            CHECK(posData.get()[i] == 10.0 + i);
        for (int i = 0; i < 3; ++i)
            CHECK(offsetData.get()[i] == -1.0);
    }
}

TEST_CASE("task sequence of a small series", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_tasks");
    memtest::log().clear();
    {
        Series s(dir + "/tasks.memtest", Access::CREATE);
        CHECK(memtest::log().empty()); // no IO before a flush point
        auto rc = s.iterations[1].meshes["rho"];
        rc.resetDataset(Dataset(Datatype::INT, {2}));
        std::vector<int> data{7, 8};
        rc.storeChunk(data);
        CHECK(memtest::log().empty());
        s.flush();
        std::vector<std::string> const expected{"CREATE_FILE tasks.memtest",
                                                "WRITE_ATT basePath",
                                                "WRITE_ATT date",
                                                "WRITE_ATT iterationEncoding",
                                                "WRITE_ATT iterationFormat",
                                                "WRITE_ATT meshesPath",
                                                "WRITE_ATT openPMD",
                                                "WRITE_ATT openPMDextension",
                                                "WRITE_ATT software",
                                                "WRITE_ATT softwareVersion",
                                                "CREATE_PATH data",
                                                "CREATE_PATH 1",
                                                "WRITE_ATT dt",
                                                "WRITE_ATT time",
                                                "WRITE_ATT timeUnitSI",
                                                "CREATE_PATH meshes",
                                                "CREATE_DATASET rho",
                                                "WRITE_ATT axisLabels",
                                                "WRITE_ATT dataOrder",
                                                "WRITE_ATT geometry",
                                                "WRITE_ATT gridGlobalOffset",
                                                "WRITE_ATT gridSpacing",
                                                "WRITE_ATT gridUnitSI",
                                                "WRITE_ATT position",
                                                "WRITE_ATT timeOffset",
                                                "WRITE_ATT unitDimension",
                                                "WRITE_ATT unitSI",
                                                "WRITE_DATASET "};
        CHECK(memtest::log() == expected);

        // Nothing changed: a flush runs no task.
        memtest::log().clear();
        s.flush();
        CHECK(memtest::log().empty());

        // One attribute changed: exactly that one is written.
        s.iterations[1].setTime(3.0);
        s.flush();
        CHECK(memtest::log() == std::vector<std::string>{"WRITE_ATT time"});

        // Deleting is deferred to the flush point.
        memtest::log().clear();
        s.iterations[1].meshes["rho"].deleteAttribute("position");
        CHECK(memtest::log().empty());
        s.flush();
        CHECK(memtest::log() == std::vector<std::string>{"DELETE_ATT position"});
        memtest::log().clear();
    }
    CHECK(memtest::log() == std::vector<std::string>{"CLOSE_FILE "});
}

TEST_CASE("reading is lazy and reads each object's attributes in one task", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_lazy");
    {
        Series s(dir + "/lazy.memtest", Access::CREATE);
        for (uint64_t i = 0; i < 5; ++i)
        {
            auto E = s.iterations[i].meshes["E"];
            E.resetDataset(Dataset(Datatype::DOUBLE, {1}));
            E.makeConstant(double(i));
        }
    }
    memtest::log().clear();
    Series s(dir + "/lazy.memtest", Access::READ_ONLY);
    CHECK(s.iterations.size() == 5);
    CHECK(countLog("READ_ATT ") == 0);
    CHECK(countLog("READ_ATTS") == 1); // the root only
    CHECK(countLog("OPEN_PATH 3") == 0);
    auto E = s.iterations[3].meshes["E"];
    CHECK(countLog("OPEN_PATH 3") == 1);
    CHECK(countLog("OPEN_PATH 2") == 0);
    CHECK(E.constant());
    CHECK(E.loadChunk<double>().get()[0] == 3.0);
}

TEST_CASE("misuse gives typed errors", "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_errors_" + ext);
        std::string const path = dir + "/err." + ext;
        {
            Series s(path, Access::CREATE);
            auto x = s.iterations[0].meshes["E"]["x"];
            x.resetDataset(Dataset(Datatype::DOUBLE, {4}));
            std::vector<double> data(4, 1.0);
            std::vector<float> floats(4, 1.f);
            CHECK_THROWS_AS(x.storeChunk(data, {2}, {4}), error::WrongAPIUsage);
            CHECK_THROWS_AS(x.storeChunk(data, {0, 0}, {2, 2}), error::WrongAPIUsage);
            CHECK_THROWS_AS(x.storeChunk(floats, {0}, {4}), error::WrongAPIUsage);
            CHECK_THROWS_AS(s.iterations[0].meshes["E"][RecordComponent::SCALAR],
                            error::WrongAPIUsage);
            s.iterations[0].meshes["rho"].resetDataset(Dataset(Datatype::DOUBLE, {1}));
            CHECK_THROWS_AS(s.iterations[0].meshes["rho"]["x"], error::WrongAPIUsage);
            x.storeChunk(data);
            s.flush();
            CHECK_THROWS_AS(s.setIterationEncoding(IterationEncoding::variableBased),
                            error::WrongAPIUsage);
            CHECK_THROWS_AS(x.resetDataset(Dataset(Datatype::FLOAT, {8})),
                            error::WrongAPIUsage);
            CHECK_THROWS_AS(x.resetDataset(Dataset(Datatype::DOUBLE, {2})),
                            error::WrongAPIUsage);
        }
        Series r(path, Access::READ_ONLY);
        CHECK_THROWS_AS(r.setAuthor("x"), error::WrongAPIUsage);
        CHECK_THROWS_AS(r.iterations[7], std::out_of_range);
        auto x = r.iterations[0].meshes["E"]["x"];
        CHECK_THROWS_AS(x.loadChunk<float>(), error::WrongAPIUsage);
        CHECK_THROWS_AS(x.loadChunk<int>(), error::WrongAPIUsage);
        CHECK_THROWS_AS(x.setUnitSI(2.0), error::WrongAPIUsage);
        CHECK_THROWS_AS(Series(dir + "/missing." + ext, Access::READ_ONLY),
                        error::ReadError);
    }
}

TEST_CASE("file-based series: %0NT names, readIterations, writeIterations",
          "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_filebased_" + ext);
        {
            Series s(dir + "/f_%03T." + ext, Access::CREATE);
            CHECK(s.iterationEncoding() == IterationEncoding::fileBased);
            auto w = s.writeIterations();
            for (uint64_t i : {1, 20, 300})
            {
                auto rc = w[i].meshes["rho"];
                rc.resetDataset(Dataset(Datatype::ULONG, {2}));
                auto data = std::make_shared<std::vector<unsigned long>>(2, i);
                rc.storeChunk(std::shared_ptr<unsigned long>(data, data->data()), {0},
                              {2});
                CHECK(w.currentIteration()->iterationIndex == i);
            }
        }
        CHECK(frontendtest::fileExists(dir + "/f_001." + ext));
        CHECK(frontendtest::fileExists(dir + "/f_020." + ext));
        CHECK(frontendtest::fileExists(dir + "/f_300." + ext));

        Series s(dir + "/f_%03T." + ext, Access::READ_LINEAR);
        std::vector<uint64_t> seen;
        for (IndexedIteration& it : s.readIterations())
        {
            auto data = it.meshes["rho"].loadChunk<unsigned long>();
            it.seriesFlush();
            CHECK(data.get()[0] == it.iterationIndex);
            CHECK(data.get()[1] == it.iterationIndex);
            seen.push_back(it.iterationIndex);
        }
        CHECK(seen == std::vector<uint64_t>{1, 20, 300});
        CHECK(s.iterationFormat() == "f_%03T");
    }
}

TEST_CASE("one file of a file-based series, opened by its own name, is file-based",
          "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_onefile_" + ext);
        {
            Series s(dir + "/simData_%06T." + ext, Access::CREATE);
            for (uint64_t i : {100, 250})
            {
                auto rho = s.iterations[i].meshes["rho"][RecordComponent::SCALAR];
                rho.resetDataset(Dataset(Datatype::DOUBLE, {1}));
                rho.makeConstant(static_cast<double>(i));
                s.iterations[i].close();
            }
        }
        std::string const file = dir + "/simData_000250." + ext;
        for (auto access : {Access::READ_ONLY, Access::READ_WRITE})
        {
            INFO("access " << static_cast<int>(access));
            Series s(file, access);
            // As the file says, and as openPMD-api 0.16 reports it; the
            // Series holds the iterations of this one file.
            CHECK(s.iterationEncoding() == IterationEncoding::fileBased);
            CHECK(s.iterationFormat() == "simData_%06T");
            REQUIRE(s.iterations.size() == 1);
            REQUIRE(s.iterations.count(250) == 1);
            auto rho = s.iterations[250].meshes["rho"].loadChunk<double>();
            s.flush();
            CHECK(rho.get()[0] == 250.0);
            if (access == Access::READ_WRITE)
            {
                s.iterations[250].setAttribute("note", std::string("edited"));
            }
        }
        {
            Series s(file, Access::READ_LINEAR);
            std::vector<uint64_t> seen;
            for (IndexedIteration& it : s.readIterations())
            {
                seen.push_back(it.iterationIndex);
            }
            CHECK(seen == std::vector<uint64_t>{250});
            CHECK(s.iterationEncoding() == IterationEncoding::fileBased);
        }
        // READ_WRITE wrote into that file and left it file-based.
        Series all(dir + "/simData_%06T." + ext, Access::READ_ONLY);
        CHECK(all.iterationEncoding() == IterationEncoding::fileBased);
        CHECK(all.iterations.size() == 2);
        CHECK(all.iterations[250].getAttribute("note").get<std::string>() == "edited");
        CHECK_FALSE(all.iterations[100].containsAttribute("note"));
    }
}

TEST_CASE("variable-based and erase", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_variable");
    {
        Series s(dir + "/v.memtest", Access::CREATE,
                 R"({"iteration_encoding": "variable_based"})");
        CHECK(s.iterationEncoding() == IterationEncoding::variableBased);
        s.iterations[5].meshes["E"].makeConstant(1.0f);
        s.iterations[5].meshes["B"].makeConstant(2.0f);
        s.flush();
        memtest::log().clear();
        s.iterations[5].meshes.erase("B");
        CHECK(memtest::log().size() <= 1); // at most the DEREGISTER, no storage change
        s.flush();
        CHECK(countLog("DELETE_PATH B") == 1);
    }
    auto root = memtest::file(dir + "/v.memtest");
    REQUIRE(root);
    REQUIRE(root->children.count("data"));
    auto data = root->children["data"];
    CHECK(data->attributes.at("snapshot").get<uint64_t>() == 5);
    CHECK(data->children.at("meshes")->children.count("E") == 1);
    CHECK(data->children.at("meshes")->children.count("B") == 0);
    Series r(dir + "/v.memtest", Access::READ_ONLY);
    REQUIRE(r.iterations.count(5));
    CHECK(r.iterations[5].meshes["E"].loadChunk<float>().get()[0] == 1.0f);
}

TEST_CASE("variable-based and erase on every backend", "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_variable_" + ext) + "/v." + ext;
        {
            Series s(path, Access::CREATE, R"({"iteration_encoding": "variable_based"})");
            auto it = s.iterations[9];
            it.meshes["E"].resetDataset(Dataset(Datatype::INT, {2}));
            std::vector<int> values{4, 5};
            it.meshes["E"].storeChunk(values);
            it.meshes["B"].makeConstant(2.0f);
            it.setAttribute("keep", std::string("yes"));
            it.setAttribute("drop", 1);
            s.flush();
            it.meshes.erase("B");
            it.deleteAttribute("drop");
        }
        Series r(path, Access::READ_ONLY);
        CHECK(r.iterationEncoding() == IterationEncoding::variableBased);
        CHECK(r.basePath() == "/data");
        REQUIRE(r.iterations.size() == 1);
        auto it = r.iterations.begin()->second;
        CHECK(r.iterations.begin()->first == 9);
        CHECK(it.meshes.size() == 1);
        CHECK(it.meshes.count("B") == 0);
        CHECK(it.getAttribute("keep").get<std::string>() == "yes");
        CHECK_FALSE(it.containsAttribute("drop"));
        auto e = it.meshes["E"].loadChunk<int>();
        r.flush();
        CHECK(e.get()[0] == 4);
        CHECK(e.get()[1] == 5);
    }
}

TEST_CASE("rank table", "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_ranktable_" + ext);
        {
            Series s(dir + "/r." + ext, Access::CREATE);
            s.setRankTable("node-a");
            CHECK(s.rankTable() == chunk_assignment::RankMeta{{0, "node-a"}});
            s.iterations[0].setTime(1.0);
            s.flush();
            CHECK_THROWS_AS(s.setRankTable("again"), error::WrongAPIUsage);
        }
        {
            Series s(dir + "/r." + ext, Access::READ_ONLY);
            CHECK(s.rankTable() == chunk_assignment::RankMeta{{0, "node-a"}});
        }
        {
            Series s(dir + "/h." + ext, Access::CREATE, R"({"rank_table": "hostname"})");
        }
        Series s(dir + "/h." + ext, Access::READ_ONLY);
        auto table = s.rankTable();
        REQUIRE(table.size() == 1);
        CHECK_FALSE(table.at(0).empty());
        CHECK(s.iterations.empty()); // a Series without iterations reads back
        {
            Series plain(dir + "/plain." + ext, Access::CREATE);
            plain.iterations[3].setTime(1.0);
        }
        Series noTable(dir + "/plain." + ext, Access::READ_ONLY);
        CHECK(noTable.rankTable().empty());
        CHECK(noTable.iterations.size() == 1);
    }
}

TEST_CASE("meshesPath and particlesPath name the groups written", "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_paths_" + ext) + "/p." + ext;
        {
            Series s(path, Access::CREATE);
            s.setMeshesPath("fields/").setParticlesPath("species");
            auto it = s.iterations[0];
            it.meshes["E"].makeConstant(2.5);
            it.particles["e"]["weighting"].makeConstant(0.5f);
            it.particles["e"]["position"]["x"].makeConstant(0.25);
            it.particles["e"]["positionOffset"]["x"].makeConstant(4.0);
        }
        Series r(path, Access::READ_ONLY);
        CHECK(r.meshesPath() == "fields/");
        CHECK(r.particlesPath() == "species/");
        auto it = r.iterations[0];
        REQUIRE(it.meshes.count("E") == 1);
        REQUIRE(it.particles.count("e") == 1);
        CHECK(it.meshes["E"].myPath().openPMDPath() == "/data/0/fields/E");
        CHECK(it.particles["e"].myPath().openPMDPath() == "/data/0/species/e");
        auto w = it.particles["e"]["weighting"].loadChunk<float>();
        auto x = it.particles["e"]["position"]["x"].loadChunk<double>();
        auto offset = it.particles["e"]["positionOffset"]["x"].loadChunk<double>();
        auto e = it.meshes["E"].loadChunk<double>();
        r.flush();
        CHECK(w.get()[0] == 0.5f);
        CHECK(x.get()[0] == 0.25);
        CHECK(offset.get()[0] == 4.0);
        CHECK(e.get()[0] == 2.5);
    }
}
