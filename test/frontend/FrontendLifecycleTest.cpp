// Iterations opened implicitly by modification (READ_WRITE), and what a
// closed iteration keeps.
#include "RecordingBackend.hpp"
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace openPMD;
using frontendtest::freshDir;
using frontendtest::testedExtensions;

namespace
{
bool isReleasedError(std::function<void()> const& use)
{
    try
    {
        use();
    }
    catch (error::WrongAPIUsage const& e)
    {
        return std::string(e.what()).find("closed") != std::string::npos;
    }
    return false;
}

void writeTwoIterations(std::string const& path)
{
    Series s(path, Access::CREATE);
    for (std::uint64_t i : {1, 2})
    {
        auto it = s.iterations[i];
        it.setTime(static_cast<double>(i));
        it.setAttribute("scratch", static_cast<int>(i)); // not the standard's
        it.meshes["rho"].makeConstant(static_cast<int>(i));
    }
}
} // namespace

TEST_CASE("READ_WRITE: modifying an iteration opens it implicitly",
          "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        for (bool fileBased : {true, false})
        {
            INFO("extension " << ext << (fileBased ? ", file-based" : ", group-based"));
            std::string const dir =
                freshDir("frontend_rw_implicit_" + ext + (fileBased ? "_f" : "_g"));
            std::string const path = dir + (fileBased ? "/i_%T." : "/g.") + ext;
            writeTwoIterations(path);
            {
                Series s(path, Access::READ_WRITE);
                REQUIRE(s.iterations.size() == 2);
                // No open(): setting an attribute must open the iteration.
                s.iterations[1].setAttribute("note", std::string("changed"));
                s.iterations[2].setDt(0.5);
                s.iterations[2].deleteAttribute("scratch");
                s.flush();
            }
            Series r(path, Access::READ_ONLY);
            REQUIRE(r.iterations.size() == 2);
            CHECK(r.iterations[1].getAttribute("note").get<std::string>() == "changed");
            CHECK(r.iterations[1].time<double>() == 1.0);
            CHECK(r.iterations[1].meshes["rho"].loadChunk<int>().get()[0] == 1);
            CHECK(r.iterations[2].dt<double>() == 0.5);
            CHECK(r.iterations[2].time<double>() == 2.0);
            CHECK(r.iterations[1].getAttribute("scratch").get<int>() == 1);
            CHECK_FALSE(r.iterations[2].containsAttribute("scratch"));
        }
    }
}

TEST_CASE("a closed iteration releases its content, old handles report their use",
          "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_release_" + ext) + "/r." + ext;
        std::vector<double> data(8, 2.5);
        {
            Series s(path, Access::CREATE);
            Iteration it = s.iterations[1];
            auto E = it.meshes["E"];
            auto Ex = E["x"];
            Ex.resetDataset(Dataset(Datatype::DOUBLE, {8}));
            Ex.storeChunk(data);
            auto weighting = it.particles["e"]["weighting"][RecordComponent::SCALAR];
            weighting.makeConstant(1.0);
            it.particles["e"]["position"]["x"].makeConstant(0.5);
            it.particles["e"]["positionOffset"]["x"].makeConstant(2.0);
            it.setAttribute("kept", 7);
            it.close();
            // The iteration knows it is closed and keeps its own attributes.
            CHECK(it.closed());
            CHECK(it.getAttribute("kept").get<int>() == 7);
            CHECK(it.time<double>() == 0.0);
            // Its content is gone: every use of it is a clear error, no crash.
            CHECK(isReleasedError([&] { it.meshes["E"]; }));
            CHECK(isReleasedError([&] { (void)it.particles.size(); }));
            CHECK(isReleasedError([&] { Ex.storeChunk(data); }));
            CHECK(isReleasedError([&] { (void)Ex.getExtent(); }));
            CHECK(isReleasedError([&] { E.setAttribute("a", 1); }));
            CHECK(isReleasedError([&] { (void)E.getAttribute("unitSI"); }));
            CHECK(isReleasedError([&] { (void)weighting.loadChunk<double>(); }));
            // Later iterations are written as usual.
            s.iterations[2].meshes["E"]["x"].makeConstant(3.0);
        }
        Series r(path, Access::READ_ONLY);
        REQUIRE(r.iterations.size() == 2);
        auto Ex = r.iterations[1].meshes["E"]["x"];
        auto loaded = Ex.loadChunk<double>();
        r.flush();
        CHECK(std::vector<double>(loaded.get(), loaded.get() + 8) == data);
        auto e = r.iterations[1].particles["e"];
        CHECK(e["weighting"].constant());
        CHECK(e["weighting"].loadChunk<double>().get()[0] == 1.0);
        CHECK(e["position"]["x"].loadChunk<double>().get()[0] == 0.5);
        CHECK(e["positionOffset"]["x"].loadChunk<double>().get()[0] == 2.0);
        CHECK(r.iterations[1].getAttribute("kept").get<int>() == 7);
        CHECK(r.iterations[2].meshes["E"]["x"].loadChunk<double>().get()[0] == 3.0);
    }
}

TEST_CASE("reading linearly releases each iteration after it", "[frontend][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path = freshDir("frontend_release_read_" + ext) + "/l." + ext;
        writeTwoIterations(path);
        Series r(path, Access::READ_LINEAR);
        std::vector<Iteration> seen;
        std::vector<int> values;
        for (IndexedIteration it : r.readIterations())
        {
            auto rho = it.meshes["rho"];
            values.push_back(rho.loadChunk<int>().get()[0]);
            seen.push_back(it);
        }
        CHECK(values == std::vector<int>{1, 2});
        REQUIRE(seen.size() == 2);
        CHECK(seen[0].closed());
        CHECK(isReleasedError([&] { seen[0].meshes["rho"]; }));
    }
}

TEST_CASE("closing an iteration deregisters its nodes from the backend", "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_release_dereg") + "/d.memtest";
    Series s(path, Access::CREATE);
    Iteration it = s.iterations[1];
    for (char const* axis : {"x", "y", "z"})
    {
        it.meshes["E"][axis].makeConstant(1.0);
    }
    s.flush();
    memtest::log().clear();
    it.close(/* flush = */ false);
    auto const countDeregistered = []
    {
        auto const& log = memtest::log();
        return std::count(log.begin(), log.end(), std::string("DEREGISTER "));
    };
    CHECK(countDeregistered() == 0); // nothing ran yet
    CHECK_NOTHROW(it.meshes["E"]);   // nor was anything released
    s.flush();
    // The tasks of the close ran, then the content was released and the
    // backend told to forget meshes, E, E/x, E/y, E/z and the iteration.
    CHECK(isReleasedError([&] { it.meshes["E"]; }));
    CHECK(countDeregistered() == 6);
    memtest::log().clear();
    s.flush();
    CHECK(memtest::log().empty()); // nothing left over for later flushes
}
