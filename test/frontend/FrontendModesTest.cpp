// Access modes, options, flush costs and the less common API of the frontend.
#include "RecordingBackend.hpp"
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace openPMD;
using frontendtest::freshDir;

namespace
{
struct SizeOf
{
    template <typename T>
    static size_t call(RecordComponent&, int factor)
    {
        return sizeof(T) * static_cast<size_t>(factor);
    }
};

std::vector<std::string> takeLog()
{
    auto result = memtest::log();
    memtest::log().clear();
    return result;
}
} // namespace

TEST_CASE("READ_WRITE adds to and changes an existing series", "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_rw") + "/rw.memtest";
    {
        Series s(path, Access::CREATE);
        s.iterations[1].meshes["rho"].makeConstant(1.0);
    }
    {
        Series s(path, Access::READ_WRITE);
        CHECK(s.iterations.size() == 1);
        s.iterations[1].setTime(4.0);
        auto rho = s.iterations[2].meshes["rho"];
        rho.resetDataset(Dataset(Datatype::INT, {3}));
        std::vector<int> data{1, 2, 3};
        rho.storeChunk(data);
        s.flush();
    }
    Series s(path, Access::READ_ONLY);
    REQUIRE(s.iterations.size() == 2);
    CHECK(s.iterations[1].time<double>() == 4.0);
    CHECK(s.iterations[1].meshes["rho"].constant());
    auto loaded = s.iterations[2].meshes["rho"].loadChunk<int>();
    s.flush();
    CHECK(std::vector<int>(loaded.get(), loaded.get() + 3) == std::vector<int>{1, 2, 3});
}

TEST_CASE("APPEND adds iterations and keeps the file's date", "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_append") + "/a.memtest";
    {
        Series s(path, Access::CREATE);
        s.setDate("2000-01-01 00:00:00 +0000");
        s.iterations[1].meshes["E"].makeConstant(1);
    }
    {
        Series s(path, Access::APPEND);
        s.iterations[2].meshes["E"].makeConstant(2);
    }
    Series s(path, Access::READ_ONLY);
    CHECK(s.date() == "2000-01-01 00:00:00 +0000");
    REQUIRE(s.iterations.size() == 2);
    CHECK(s.iterations[1].meshes["E"].loadChunk<int>().get()[0] == 1);
    CHECK(s.iterations[2].meshes["E"].loadChunk<int>().get()[0] == 2);
}

TEST_CASE("READ_LINEAR touches no storage before readIterations", "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_linear") + "/l.memtest";
    {
        Series s(path, Access::CREATE);
        for (int i = 0; i < 3; ++i)
            s.iterations[i * 10].setTime(double(i));
    }
    memtest::log().clear();
    Series s(path, Access::READ_LINEAR);
    CHECK(memtest::log().empty());
    CHECK(s.iterations.empty());
    std::vector<double> times;
    for (auto it : s.readIterations())
    {
        times.push_back(it.time<double>());
        CHECK(it.iterationIndex == static_cast<uint64_t>(it.time<double>() * 10));
    }
    CHECK(times == std::vector<double>{0.0, 1.0, 2.0});
    CHECK(s.iterations.at(0).closed());
}

TEST_CASE("closing iteration k costs the same however many iterations exist",
          "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_flat") + "/flat.memtest";
    Series s(path, Access::CREATE);
    auto writeOne = [&](uint64_t i)
    {
        auto it = s.writeIterations()[i];
        it.meshes["rho"].makeConstant(double(i));
        it.close();
        return takeLog().size();
    };
    writeOne(0);
    size_t const early = writeOne(1);
    for (uint64_t i = 2; i < 2000; ++i)
        writeOne(i);
    size_t const late = writeOne(2000);
    CHECK(early == late);
    // A flush with nothing changed runs no task, whatever the number of iterations.
    s.flush();
    CHECK(takeLog().empty());
    CHECK_THROWS_AS(s.iterations[5].setTime(1.0), error::WrongAPIUsage);
}

TEST_CASE("files that are not openPMD, odd groups and old standards", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_odd");
    auto root = std::make_shared<memtest::Node>();
    root->attributes.emplace("title", Attribute(std::string("not openPMD")));
    memtest::putFile(dir + "/plain.memtest", root);
    try
    {
        Series s(dir + "/plain.memtest", Access::READ_ONLY);
        FAIL("a file without openPMD attributes was accepted");
    }
    catch (error::ReadError const& e)
    {
        CHECK(std::string(e.what()).find("not an openPMD file") != std::string::npos);
        CHECK(std::string(e.what()).find("plain.memtest") != std::string::npos);
    }

    {
        Series s(dir + "/old.memtest", Access::CREATE);
        s.setOpenPMD("1.0.0");
        s.iterations[3].setTime(1.0);
    }
    auto file = memtest::file(dir + "/old.memtest");
    REQUIRE(file);
    file->children.at("data")->children["notAnIteration"] =
        std::make_shared<memtest::Node>();
    Series s(dir + "/old.memtest", Access::READ_ONLY);
    CHECK(s.openPMD() == "1.0.0");
    CHECK(s.iterations.size() == 1);
    CHECK(s.iterations.count(3) == 1);

    file->attributes.insert_or_assign("openPMD", Attribute(std::string("2.0.0")));
    CHECK_THROWS_AS(Series(dir + "/old.memtest", Access::READ_ONLY), error::ReadError);
}

TEST_CASE("options: JSON, TOML, @file, unknown keys, bad values", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_options");
    {
        Series s(
            dir + "/o1.memtest", Access::CREATE,
            R"({"iteration_encoding": "variable_based", "defer_iteration_parsing": true})");
        CHECK(s.iterationEncoding() == IterationEncoding::variableBased);
    }
#if openPMD_HAVE_TOML
    {
        Series s(dir + "/o2.memtest", Access::CREATE,
                 "iteration_encoding = \"variable_based\"");
        CHECK(s.iterationEncoding() == IterationEncoding::variableBased);
    }
    // TOML must be UTF-8; toml11 read past its buffer on invalid UTF-8 in a
    // literal string (found by fuzz_options).
    CHECK_THROWS_AS(Series(dir + "/o2b.memtest", Access::CREATE, "a.'b\x8b\xa2'x = 1"),
                    error::BackendConfigSchema);
#endif
    {
        std::ofstream(dir + "/opts.json")
            << R"({"iteration_encoding": "variable_based"})";
        Series s(dir + "/o3.memtest", Access::CREATE, "@" + dir + "/opts.json");
        CHECK(s.iterationEncoding() == IterationEncoding::variableBased);
    }
    {
        std::ostringstream captured;
        auto* old = std::cerr.rdbuf(captured.rdbuf());
        Series s(dir + "/o4.memtest", Access::CREATE, R"({"no_such_key": 1})");
        std::cerr.rdbuf(old);
        CHECK(captured.str().find("no_such_key") != std::string::npos);
    }
    CHECK_THROWS_AS(Series(dir + "/o5.memtest", Access::CREATE,
                           R"({"iteration_encoding": "sideways"})"),
                    error::BackendConfigSchema);
    CHECK_THROWS_AS(Series(dir + "/o6.memtest", Access::CREATE, R"({"backend": "nope"})"),
                    error::BackendConfigSchema);
    // Values of the wrong JSON type (found by fuzz_options: a boolean
    // iteration_encoding leaked nlohmann's type_error).
    for (char const* options :
         {R"({"iteration_encoding": false})", R"({"iteration_encoding": 1})",
          R"({"backend": true})", R"({"backend": ["json"]})"})
    {
        INFO(options);
        CHECK_THROWS_AS(Series(dir + "/o8.json", Access::CREATE, options),
                        error::BackendConfigSchema);
    }
    CHECK_THROWS_AS(Series(dir + "/o7.unknownext", Access::CREATE), error::WrongAPIUsage);
}

TEST_CASE("json::merge", "[frontend]")
{
    auto merged = json::merge(R"({"a": 1, "b": {"c": 2, "d": [1, 2]}, "e": 5})",
                              R"({"b": {"c": 3, "d": [7]}, "e": null, "f": "x"})");
    CHECK(merged == R"({"a":1,"b":{"c":3,"d":[7]},"f":"x"})");
#if openPMD_HAVE_TOML
    auto toml = json::merge("a = 1\n[b]\nc = 2\n", R"({"b": {"c": 4}})");
    CHECK(toml.find("c = 4") != std::string::npos);
    CHECK(toml.find('{') == std::string::npos);
#endif
}

TEST_CASE("chunk API: extend, unique_ptr, raw, variant, visit, availableChunks",
          "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_chunks") + "/c.memtest";
    {
        Series s(path, Access::CREATE);
        auto rc = s.iterations[0].particles["e"]["charge"][RecordComponent::SCALAR];
        rc.resetDataset(Dataset(Datatype::SHORT, {2}));
        std::unique_ptr<short[]> first(new short[2]{1, 2});
        rc.storeChunk(std::move(first), {0}, {2});
        s.flush();
        rc.resetDataset(Dataset({5})); // extend, type kept
        CHECK(rc.getExtent() == Extent{5});
        short const more[3] = {3, 4, 5};
        rc.storeChunkRaw(more, {2}, {3});
        UniquePtrWithLambda<short> none(new short(9), [](short* p) { delete p; });
        CHECK_THROWS_AS(rc.storeChunk(std::move(none), {5}, {1}), error::WrongAPIUsage);
        s.flush();
        CHECK(rc.availableChunks() == ChunkTable{WrittenChunkInfo({0}, {5})});
    }
    Series s(path, Access::READ_ONLY);
    auto rc = s.iterations[0].particles["e"]["charge"][RecordComponent::SCALAR];
    CHECK(rc.getDatatype() == Datatype::SHORT);
    auto variant = rc.loadChunkVariant();
    REQUIRE(std::holds_alternative<std::shared_ptr<short>>(variant));
    std::vector<short> raw(5);
    rc.loadChunkRaw(raw.data(), {0}, {5});
    CHECK(rc.visit<SizeOf>(3) == 3 * sizeof(short));
    s.flush();
    auto fromVariant = std::get<std::shared_ptr<short>>(variant);
    CHECK(std::vector<short>(fromVariant.get(), fromVariant.get() + 5) ==
          std::vector<short>{1, 2, 3, 4, 5});
    CHECK(raw == std::vector<short>{1, 2, 3, 4, 5});
}

TEST_CASE("particle patches", "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_patches") + "/p.memtest";
    {
        Series s(path, Access::CREATE);
        auto e = s.iterations[0].particles["e"];
        e["position"]["x"].makeConstant(0.0);
        auto num = e.particlePatches["numParticles"][RecordComponent::SCALAR];
        num.resetDataset(Dataset(Datatype::ULONGLONG, {2}));
        num.store<unsigned long long>(0, 10);
        num.store<unsigned long long>(1, 20);
        auto offset = e.particlePatches["offset"]["x"];
        offset.resetDataset(Dataset(Datatype::DOUBLE, {2}));
        offset.store(0, 0.0);
        offset.store(1, 5.0);
        CHECK(e.particlePatches.numPatches() == 2);
    }
    Series s(path, Access::READ_ONLY);
    auto e = s.iterations[0].particles["e"];
    CHECK(e.size() == 1);
    REQUIRE(e.particlePatches.size() == 2);
    CHECK(e.particlePatches.numPatches() == 2);
    auto num = e.particlePatches["numParticles"][RecordComponent::SCALAR]
                   .load<unsigned long long>();
    auto off = e.particlePatches["offset"]["x"].load<double>();
    s.flush();
    CHECK(num.get()[0] == 10);
    CHECK(num.get()[1] == 20);
    CHECK(off.get()[1] == 5.0);
    // The defaults openPMD-api writes and needs to read patches back.
    CHECK(e.particlePatches["offset"]["x"].unitSI() == 1.0);
    CHECK(e.particlePatches["numParticles"].unitSI() == 1.0);
    CHECK(e.particlePatches["offset"].unitDimension() == std::array<double, 7>{});
    CHECK(e.particlePatches["numParticles"].unitDimension() == std::array<double, 7>{});
}

TEST_CASE("listSeries and myPath", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_list");
    Series s(dir + "/list.memtest", Access::CREATE);
    s.setAuthor("me");
    s.iterations[7].meshes["B"].makeConstant(1.f);
    s.iterations[7].particles["ions"]["weighting"].makeConstant(1.f);
    std::ostringstream out;
    helper::listSeries(s, false, out);
    CHECK(out.str().find("data author: me") != std::string::npos);
    CHECK(out.str().find("number of iterations: 1 (groupBased)") != std::string::npos);
    CHECK(out.str().find("  B\n") != std::string::npos);
    CHECK(out.str().find("  ions\n") != std::string::npos);
    auto p = s.iterations[7].meshes["B"].myPath();
    CHECK(p.openPMDPath() == "/data/7/meshes/B");
    CHECK(p.seriesName == "list");
    CHECK(p.seriesExtension == ".memtest");
    CHECK(p.access == Access::CREATE);
}

TEST_CASE("handles outliving their Series, failing flushes, destructors", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_lifetime");
    Mesh kept = [&]
    {
        Series s(dir + "/l.memtest", Access::CREATE);
        auto E = s.iterations[0].meshes["E"];
        E.makeConstant(1.0);
        return E;
    }();
    // The Series is gone: using the mesh is an error, not a crash.
    CHECK_THROWS_AS(kept.seriesFlush(), error::WrongAPIUsage);
    CHECK(kept.getAttribute("geometry").get<std::string>() == "cartesian");

    {
        Series s(dir + "/fail.memtest", Access::CREATE);
        s.iterations[0].meshes["E"].makeConstant(2.0);
        memtest::failOn("WRITE_ATT unitSI");
        std::ostringstream captured;
        auto* old = std::cerr.rdbuf(captured.rdbuf());
        CHECK_NOTHROW([&] { Series moved = std::move(s); }());
        std::cerr.rdbuf(old);
        memtest::failOn("");
        CHECK(captured.str().find("injected failure") != std::string::npos);
    }
    {
        Series s(dir + "/fail2.memtest", Access::CREATE);
        s.iterations[0].meshes["E"].makeConstant(2.0);
        memtest::failOn("CREATE_PATH meshes");
        CHECK_THROWS_AS(s.flush(), error::WriteError);
        memtest::failOn("");
        s.close();
        CHECK_FALSE(s);
        CHECK_THROWS_AS(s.setAuthor("x"), error::WrongAPIUsage);
    }
}

TEST_CASE("reading checks what the standard requires", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_required");
    {
        Series s(dir + "/r.memtest", Access::CREATE);
        s.iterations[0].meshes["E"]["x"].makeConstant(1.0);
        s.iterations[0].setTime(1.5L);
    }
    auto file = memtest::file(dir + "/r.memtest");
    REQUIRE(file);
    auto x = file->children.at("data")
                 ->children.at("0")
                 ->children.at("meshes")
                 ->children.at("E")
                 ->children.at("x");
    x->attributes.erase("unitSI");
    Series s(dir + "/r.memtest", Access::READ_ONLY);
    CHECK(s.iterations.size() == 1);
    try
    {
        s.iterations[0].meshes.size();
        FAIL("a component without unitSI was accepted");
    }
    catch (error::ReadError const& e)
    {
        CHECK(std::string(e.what()).find("/data/0/meshes/E/x") != std::string::npos);
        CHECK(std::string(e.what()).find("unitSI") != std::string::npos);
    }
}

TEST_CASE("time as long double, iterationFlush, file-based READ_WRITE", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_misc");
    {
        Series s(dir + "/m_%T.memtest", Access::CREATE);
        s.iterations[1].setTime(0.25L);
        s.iterations[2].setTime(0.5);
        memtest::log().clear();
        s.iterations[1].meshes["E"].makeConstant(1);
        s.iterations[2].meshes["E"].makeConstant(2);
        s.iterations[1].iterationFlush();
        auto const& log = memtest::log();
        CHECK(std::find(log.begin(), log.end(), "CREATE_FILE m_1.memtest") != log.end());
        CHECK(std::find(log.begin(), log.end(), "CREATE_FILE m_2.memtest") == log.end());
    }
    {
        Series s(dir + "/m_%T.memtest", Access::READ_WRITE);
        REQUIRE(s.iterations.size() == 2);
        CHECK(s.iterations[1].getAttribute("time").dtype == Datatype::LONG_DOUBLE);
        CHECK(s.iterations[1].time<long double>() == 0.25L);
        s.iterations[2].setDt(2.0);
        s.iterations[3].meshes["E"].makeConstant(3);
    }
    Series s(dir + "/m_%T.memtest", Access::READ_ONLY);
    REQUIRE(s.iterations.size() == 3);
    CHECK(s.iterations[2].dt<double>() == 2.0);
    CHECK(s.iterations[3].meshes["E"].loadChunk<int>().get()[0] == 3);
    CHECK(s.iterations[3].getAttribute("time").get<double>() == 0.0);
}

TEST_CASE("storeChunk keeps the user's buffer until the flush, without copying",
          "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_nocopy") + "/n.memtest";
    Series s(path, Access::CREATE);
    auto rc = s.iterations[0].meshes["rho"];
    rc.resetDataset(Dataset(Datatype::DOUBLE, {3}));
    auto buffer = std::make_shared<std::vector<double>>(3, 7.0);
    std::shared_ptr<double> data(buffer, buffer->data());
    rc.storeChunk(data, {0}, {3});
    CHECK(buffer.use_count() == 3); // ours, data's, and the queued task's
    s.flush();
    CHECK(buffer.use_count() == 2); // released after the flush
    auto file = memtest::file(path);
    REQUIRE(file);
    auto stored =
        file->children.at("data")->children.at("0")->children.at("meshes")->children.at(
            "rho");
    REQUIRE(stored->bytes.size() == 3 * sizeof(double));
    double first = 0;
    std::memcpy(&first, stored->bytes.data(), sizeof(double));
    CHECK(first == 7.0);
}

TEST_CASE("task sequence of reading an iteration", "[frontend]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_readtasks") + "/r.memtest";
    {
        Series s(path, Access::CREATE);
        s.iterations[4].meshes["E"]["x"].makeConstant(1.0);
        s.iterations[4].meshes["rho"].resetDataset(Dataset(Datatype::FLOAT, {2}));
        std::vector<float> values{1.f, 2.f};
        s.iterations[4].meshes["rho"].storeChunk(values);
        s.flush(); // values must outlive the flush
    }
    memtest::log().clear();
    Series s(path, Access::READ_ONLY);
    std::vector<std::string> const open{"OPEN_FILE r.memtest", "READ_ATTS ",
                                        "LIST_PATHS ", "OPEN_PATH data", "LIST_PATHS "};
    CHECK(takeLog() == open);
    s.iterations[4].open();
    // One flush per level of the tree; one READ_ATTS per object.
    std::vector<std::string> const iteration{
        "OPEN_PATH 4",      "READ_ATTS ",     "LIST_PATHS ",      // the iteration
        "OPEN_PATH meshes", "READ_ATTS ",     "LIST_PATHS ",      // meshes/
        "LIST_DATASETS ",   "OPEN_PATH E",    "READ_ATTS ",       // E
        "LIST_PATHS ",      "LIST_DATASETS ", "OPEN_DATASET rho", // rho (scalar)
        "READ_ATTS ",       "OPEN_PATH x",    "READ_ATTS "};      // E/x (constant)
    CHECK(takeLog() == iteration);
}

TEST_CASE("one file of a file-based series opens on its own", "[frontend]")
{
    memtest::registerBackend();
    std::string const dir = freshDir("frontend_single");
    {
        Series s(dir + "/f_%T.memtest", Access::CREATE);
        s.iterations[1].meshes["E"].makeConstant(1);
        s.iterations[2].meshes["E"].makeConstant(2);
    }
    Series s(dir + "/f_2.memtest", Access::READ_ONLY);
    CHECK(s.getAttribute("iterationEncoding").get<std::string>() == "fileBased");
    REQUIRE(s.iterations.size() == 1);
    CHECK(s.iterations[2].meshes["E"].loadChunk<int>().get()[0] == 2);
}
