// Iteration names read from a file are untrusted: a key that is no number,
// overflows uint64 or spells an index twice ("07" and "7") must neither throw
// a foreign exception nor silently replace another iteration.

#include "JSONTestSupport.hpp"

#include <openPMD/openPMD.hpp>

#include <nlohmann/json.hpp>

using namespace openPMD;
using namespace openPMD::test;

namespace
{
void writeIterations(std::string const& path, std::vector<std::uint64_t> const& indices)
{
    Series series(path, Access::CREATE);
    for (auto index : indices)
    {
        series.iterations[index].setTime(static_cast<double>(index));
    }
    series.close();
}

nlohmann::json readDocument(std::string const& path)
{
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

void writeDocument(std::string const& path, nlohmann::json const& document)
{
    std::ofstream(path) << document.dump();
}

void setTime(nlohmann::json& iteration, double time)
{
    iteration["attributes"]["time"]["value"] = time;
}
} // namespace

TEST_CASE("iteration keys that are no uint64 are skipped with a warning", "[json][bad]")
{
    ScratchDirectory scratch("names");
    std::string const path = scratch.file("series.json");
    writeIterations(path, {1, 7});
    auto document = readDocument(path);
    auto& data = document["data"];
    for (char const* bad :
         {"99999999999999999999", "18446744073709551616", "-3", "7a", "+7"})
    {
        data[bad] = data["1"];
    }
    // The largest index there is stays readable.
    data["18446744073709551615"] = data["1"];
    setTime(data["18446744073709551615"], 0.5);
    writeDocument(path, document);

    CaptureStderr warnings;
    Series series(path, Access::READ_ONLY);
    std::vector<std::uint64_t> indices;
    for (auto const& entry : series.iterations)
    {
        indices.push_back(entry.first);
    }
    CHECK(indices == std::vector<std::uint64_t>{1, 7, 18446744073709551615ull});
    CHECK(series.iterations[18446744073709551615ull].time<double>() == 0.5);
    CHECK(series.iterations[7].time<double>() == 7.0);
    for (char const* bad :
         {"99999999999999999999", "18446744073709551616", "-3", "7a", "+7"})
    {
        CHECK_THAT(warnings.text(),
                   Catch::Contains(path) &&
                       Catch::Contains(std::string("'/data/") + bad + "'"));
    }
}

TEST_CASE("two keys for one iteration: the canonical one is read, the other reported",
          "[json][bad]")
{
    ScratchDirectory scratch("names");
    std::string const path = scratch.file("series.json");
    writeIterations(path, {0, 7});
    auto document = readDocument(path);
    auto& data = document["data"];
    data["07"] = data["7"];
    setTime(data["07"], -1.0);
    data["00"] = data["0"];
    setTime(data["00"], -2.0);
    // A non-canonical name alone is that iteration.
    data["0012"] = data["7"];
    setTime(data["0012"], 12.0);
    writeDocument(path, document);

    CaptureStderr warnings;
    Series series(path, Access::READ_ONLY);
    REQUIRE(series.iterations.size() == 3);
    CHECK(series.iterations[0].time<double>() == 0.0);
    CHECK(series.iterations[7].time<double>() == 7.0);
    CHECK(series.iterations[12].time<double>() == 12.0);
    CHECK_THAT(warnings.text(),
               Catch::Contains("'/data/07'") && Catch::Contains("'/data/7'"));
    CHECK_THAT(warnings.text(),
               Catch::Contains("'/data/00'") && Catch::Contains("'/data/0'"));
}

TEST_CASE("two files for one iteration of a file-based series: the canonical one is read",
          "[json][bad]")
{
    ScratchDirectory scratch("names");
    writeIterations(scratch.file("data_%T.json"), {7});
    auto document = readDocument(scratch.file("data_7.json"));
    setTime(document["data"]["7"], -1.0);
    writeDocument(scratch.file("data_07.json"), document);
    // An index beyond uint64 in a file name does not match the pattern.
    writeDocument(scratch.file("data_99999999999999999999.json"), document);

    CaptureStderr warnings;
    Series series(scratch.file("data_%T.json"), Access::READ_ONLY);
    REQUIRE(series.iterations.size() == 1);
    CHECK(series.iterations[7].time<double>() == 7.0);
    CHECK_THAT(warnings.text(),
               Catch::Contains("data_07.json") && Catch::Contains("data_7.json"));
}
