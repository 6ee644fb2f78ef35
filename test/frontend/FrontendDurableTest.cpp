// Durable flush points: the option "durable" reaches the backend as
// FlushParams::durable, and durable flushes work on every backend.
#include "RecordingBackend.hpp"
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <filesystem>

using namespace openPMD;
using frontendtest::freshDir;

namespace
{
/** Whether the last user flush the recording backend saw was durable. */
bool lastUserFlushDurable()
{
    auto const& all = memtest::flushes();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
    {
        if (it->flushLevel == FlushLevel::UserFlush)
        {
            return it->durable;
        }
    }
    FAIL("the backend saw no user flush");
    return false;
}
} // namespace

TEST_CASE("per-flush option durable reaches the backend", "[frontend][durable]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_durable_flush");
    Series s(dir + "/d.memtest", Access::CREATE);
    auto it = s.iterations[1];
    it.meshes["E"].makeConstant(1.0);

    s.flush();
    CHECK_FALSE(lastUserFlushDurable());
    it.setTime(1.0);
    s.flush(R"({"durable": true})");
    CHECK(lastUserFlushDurable());
    it.setTime(2.0);
    it.seriesFlush(R"({"durable": true})");
    CHECK(lastUserFlushDurable());
    it.setTime(3.0);
    it.meshes["E"].iterationFlush(R"({"durable": true})");
    CHECK(lastUserFlushDurable());
#if openPMD_HAVE_TOML
    s.flush("durable = true");
    CHECK(lastUserFlushDurable());
#endif
    s.flush(R"({"durable": false})");
    CHECK_FALSE(lastUserFlushDurable());
    // The backend's own section still arrives with it.
    s.flush(R"({"durable": true, "memtest": {"x": 1}})");
    CHECK(lastUserFlushDurable());
    CHECK(memtest::flushes().back().backendConfig.find("memtest") != std::string::npos);

    CHECK_THROWS_AS(s.flush(R"({"durable": "yes"})"), error::BackendConfigSchema);
    CHECK_THROWS_WITH(s.flush(R"({"durable": "yes"})"),
                      Catch::Contains("d.memtest") && Catch::Contains("'durable'"));
    CHECK_THROWS_AS(s.flush(R"({"durable": 1})"), error::BackendConfigSchema);
    CHECK_THROWS_AS(it.seriesFlush(R"({"durable": null})"), error::BackendConfigSchema);
}

TEST_CASE("Series option durable makes every user flush point durable",
          "[frontend][durable]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_durable_series");
    {
        Series s(dir + "/d.memtest", Access::CREATE, R"({"durable": true})");
        auto it = s.iterations[1];
        it.meshes["E"].makeConstant(1.0);
        s.flush();
        CHECK(lastUserFlushDurable());
        it.setTime(1.0);
        s.flush(R"({"durable": false})"); // a per-flush value overrides it
        CHECK_FALSE(lastUserFlushDurable());
        it.setTime(2.0);
        it.close();
        CHECK(lastUserFlushDurable());
        memtest::flushes().clear();
        s.close();
        REQUIRE_FALSE(memtest::flushes().empty());
        for (auto const& params : memtest::flushes())
        {
            CHECK(params.durable); // closing the file is durable too
        }
    }
    CHECK_THROWS_AS(Series(dir + "/bad.memtest", Access::CREATE, R"({"durable": "on"})"),
                    error::BackendConfigSchema);
}

TEST_CASE("durable flushes work end to end on every backend",
          "[frontend][durable][backends]")
{
    for (auto const& ext : frontendtest::testedExtensions())
    {
        INFO("extension " << ext);
        std::string const dir = freshDir("frontend_durable_" + ext);
        std::vector<double> first{1.0, 2.0, 3.0};
        std::vector<double> second{4.0, 5.0, 6.0};
        {
            Series s(dir + "/d." + ext, Access::CREATE, R"({"durable": true})");
            auto rc = s.iterations[1].meshes["rho"];
            rc.resetDataset(Dataset(Datatype::DOUBLE, {3}));
            rc.storeChunk(first);
            s.flush();
            auto rc2 = s.iterations[2].meshes["rho"];
            rc2.resetDataset(Dataset(Datatype::DOUBLE, {3}));
            rc2.storeChunk(second);
            rc2.iterationFlush(R"({"durable": true})");
            s.iterations[2].close();
        }
        Series r(dir + "/d." + ext, Access::READ_ONLY);
        REQUIRE(r.iterations.size() == 2);
        auto a = r.iterations[1].meshes["rho"].loadChunk<double>();
        auto b = r.iterations[2].meshes["rho"].loadChunk<double>();
        r.flush();
        for (size_t i = 0; i < 3; ++i)
        {
            CHECK(a.get()[i] == first[i]);
            CHECK(b.get()[i] == second[i]);
        }
    }
}
