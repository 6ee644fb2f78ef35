// The on-disk layout: Zarr v2 keys of the openPMD hierarchy, array metadata,
// typed attributes, xarray dimensions and consolidated metadata.

#include "ZarrTestSupport.hpp"

#include <cmath>
#include <limits>

using namespace openPMD;
using namespace zarrtest;
namespace fs = std::filesystem;

namespace
{
/** A group-based series with a 2-D vector mesh E and a particle species. */
std::string writeSample(std::string const& dir)
{
    std::string const path = dir + "/sample.zarr";
    Series s(path, Access::CREATE);
    auto it = s.iterations[100];
    auto E = it.meshes["E"];
    E.setAxisLabels({"y", "x"});
    for (auto comp : {"x", "y"})
    {
        Dataset d(Datatype::DOUBLE, {4, 6},
                  R"({"zarr": {"dataset": {"chunks": [2, 3]}}})");
        E[comp].resetDataset(d);
        std::vector<double> values(24);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<double>(i) + (comp[0] == 'y' ? 0.5 : 0.0);
        E[comp].storeChunk(shared(values), {0, 0}, {4, 6});
    }
    auto pos = it.particles["electrons"]["position"]["x"];
    pos.resetDataset(Dataset(Datatype::FLOAT, {5}));
    pos.storeChunk(shared(std::vector<float>{1, 2, 3, 4, 5}), {0}, {5});
    auto offset = it.particles["electrons"]["positionOffset"]["x"];
    offset.resetDataset(Dataset(Datatype::FLOAT, {5}));
    offset.makeConstant(0.0f);
    s.flush();
    return path;
}
} // namespace

TEST_CASE("layout: Zarr v2 groups, arrays and chunk keys", "[zarr][layout]")
{
    auto const dir = freshDir("zarr_layout");
    auto const path = writeSample(dir);
    for (auto key :
         {".zgroup", ".zattrs", ".zmetadata", "data/.zgroup", "data/100/.zgroup",
          "data/100/meshes/.zgroup", "data/100/meshes/E/.zgroup",
          "data/100/meshes/E/x/.zarray", "data/100/meshes/E/x/0.0",
          "data/100/meshes/E/x/1.1", "data/100/particles/electrons/position/x/0"})
    {
        INFO("key " << key);
        CHECK(fs::is_regular_file(path + "/" + key));
    }
    auto const zarray = readJSON(path + "/data/100/meshes/E/x/.zarray");
    CHECK(zarray["zarr_format"] == 2);
    CHECK(zarray["dtype"] == "<f8");
    CHECK(zarray["shape"] == nlohmann::json({4, 6}));
    CHECK(zarray["chunks"] == nlohmann::json({2, 3}));
    CHECK(zarray["order"] == "C");
    CHECK(zarray["compressor"].is_null());
    CHECK(zarray["fill_value"] == "NaN");
    // A chunk is raw little-endian C-order doubles: chunk 1.1 starts at (2, 3).
    auto const chunk = readText(path + "/data/100/meshes/E/x/1.1");
    REQUIRE(chunk.size() == 6 * sizeof(double));
    double first = 0;
    std::memcpy(&first, chunk.data(), sizeof(double));
    CHECK(first == 2 * 6 + 3);

    auto const position =
        readJSON(path + "/data/100/particles/electrons/position/x/.zarray");
    CHECK(position["dtype"] == "<f4");
}

TEST_CASE("layout: attributes are plain JSON values plus their kept openPMD types",
          "[zarr][layout]")
{
    auto const dir = freshDir("zarr_attributes");
    std::string const path = dir + "/attrs.zarr";
    {
        Series s(path, Access::CREATE);
        s.setAttribute("nan", std::numeric_limits<double>::quiet_NaN());
        s.setAttribute("minusInf", -std::numeric_limits<float>::infinity());
        s.setAttribute("ld", 1.0L / 3.0L);
        s.setAttribute("c", std::complex<double>(1.5, -2));
        s.setAttribute("u8", static_cast<unsigned char>(200));
        s.setAttribute("flag", true);
        s.setAttribute("names", std::vector<std::string>{"a", "b"});
        s.flush();
    }
    // NaN and infinities as the bare words Python's json module reads and writes
    auto text = readText(path + "/.zattrs");
    CHECK_THAT(text, Catch::Contains("\"nan\": NaN,") &&
                         Catch::Contains("\"minusInf\": -Infinity,"));
    text.replace(text.find("-Infinity"), 9, "null");
    text.replace(text.find("NaN"), 3, "null");
    auto const zattrs = nlohmann::json::parse(text);
    CHECK(zattrs["c"] == nlohmann::json({1.5, -2.0}));
    CHECK(zattrs["u8"] == 200);
    CHECK(zattrs["flag"] == true);
    CHECK(zattrs["names"] == nlohmann::json({"a", "b"}));
    CHECK(zattrs["openPMD"] == "1.1.0");
    auto const& types = zattrs["_openPMD"]["attribute_types"];
    CHECK(types["nan"] == "DOUBLE");
    CHECK(types["minusInf"] == "FLOAT");
    CHECK(types["ld"] == "LONG_DOUBLE");
    CHECK(types["u8"] == "UCHAR");
    CHECK(types["names"] == "VEC_STRING");

    Series r(path, Access::READ_ONLY);
    CHECK(std::isnan(r.getAttribute("nan").get<double>()));
    CHECK(r.getAttribute("minusInf").dtype == Datatype::FLOAT);
    CHECK(r.getAttribute("minusInf").get<float>() ==
          -std::numeric_limits<float>::infinity());
    CHECK(r.getAttribute("ld").dtype == Datatype::LONG_DOUBLE);
    CHECK(r.getAttribute("ld").get<long double>() == 1.0L / 3.0L);
    CHECK(r.getAttribute("c").get<std::complex<double>>() ==
          std::complex<double>(1.5, -2));
    CHECK(r.getAttribute("u8").dtype == Datatype::UCHAR);
    CHECK(r.getAttribute("flag").get<bool>());
    auto const names = r.attributes();
    CHECK(std::find(names.begin(), names.end(), "_openPMD") == names.end());
}

TEST_CASE("layout: xarray dimensions from axisLabels and particle species",
          "[zarr][layout]")
{
    auto const dir = freshDir("zarr_dimensions");
    auto const path = writeSample(dir);
    auto const x = readJSON(path + "/data/100/meshes/E/x/.zattrs");
    // x and y name components of E as well: xarray needs other names
    CHECK(x["_ARRAY_DIMENSIONS"] == nlohmann::json({"y_axis", "x_axis"}));
    CHECK(x["_openPMD"]["datatype"] == "DOUBLE");
    auto const p = readJSON(path + "/data/100/particles/electrons/position/x/.zattrs");
    CHECK(p["_ARRAY_DIMENSIONS"] == nlohmann::json({"electrons_particles"}));
}

TEST_CASE("layout: .zmetadata holds every metadata document of the hierarchy",
          "[zarr][layout]")
{
    auto const dir = freshDir("zarr_consolidated");
    auto const path = writeSample(dir);
    auto const consolidated = readJSON(path + "/.zmetadata");
    CHECK(consolidated["zarr_consolidated_format"] == 1);
    auto const& metadata = consolidated["metadata"];
    std::size_t documents = 0;
    for (auto const& entry : fs::recursive_directory_iterator(path))
    {
        auto const name = entry.path().filename().string();
        if (name != ".zgroup" && name != ".zarray" && name != ".zattrs")
            continue;
        ++documents;
        auto const key = fs::relative(entry.path(), path).generic_string();
        INFO("key " << key);
        REQUIRE(metadata.contains(key));
        CHECK(metadata[key] == readJSON(entry.path().string()));
    }
    CHECK(metadata.size() == documents);

    // A later flush that adds an iteration refreshes it.
    {
        Series s(path, Access::APPEND);
        s.iterations[200].setTime(2.0);
        s.flush();
    }
    CHECK(readJSON(path + "/.zmetadata")["metadata"].contains("data/200/.zattrs"));
}

TEST_CASE("layout: nothing reaches the store before a flush point", "[zarr][layout]")
{
    auto const dir = freshDir("zarr_deferred");
    std::string const path = dir + "/deferred.zarr";
    Series s(path, Access::CREATE);
    auto rho = s.iterations[1].meshes["rho"];
    rho.resetDataset(Dataset(Datatype::INT, {4}));
    rho.storeChunk(shared(std::vector<int>{1, 2, 3, 4}), {0}, {4});
    CHECK_FALSE(fs::exists(path + "/.zgroup"));
    s.flush();
    CHECK(fs::is_regular_file(path + "/.zgroup"));
    CHECK(fs::is_regular_file(path + "/data/1/meshes/rho/0"));
}

TEST_CASE("layout: file-based encoding, one hierarchy per iteration", "[zarr][layout]")
{
    auto const dir = freshDir("zarr_encodings");
    {
        Series s(dir + "/f_%T.zarr", Access::CREATE);
        for (auto i : {1, 2})
        {
            auto rho = s.iterations[i].meshes["rho"];
            rho.resetDataset(Dataset(Datatype::INT, {2}));
            rho.storeChunk(shared(std::vector<int>{i, 10 * i}), {0}, {2});
            s.iterations[i].close();
        }
    }
    CHECK(fs::is_regular_file(dir + "/f_1.zarr/data/1/meshes/rho/0"));
    CHECK(fs::is_regular_file(dir + "/f_2.zarr/data/2/meshes/rho/0"));
    Series r(dir + "/f_%T.zarr", Access::READ_ONLY);
    REQUIRE(r.iterations.size() == 2);
    auto data = r.iterations[2].meshes["rho"].loadChunk<int>();
    r.flush();
    CHECK(data.get()[1] == 20);
}

TEST_CASE("layout: .zmetadata is never stale, rewritten at amortized cost",
          "[zarr][layout]")
{
    // Past 1 MiB of metadata, .zmetadata is rewritten only once the changes
    // since its last write are an eighth of it, and removed in between; at
    // closing it is complete. Either way a reader never finds a stale one.
    auto const dir = freshDir("zarr_amortized");
    std::string const path = dir + "/g.zarr";
    auto const iterations = [&](nlohmann::json const& consolidated)
    {
        std::set<std::string> found;
        for (auto const& [key, document] : consolidated["metadata"].items())
        {
            auto const slash = key.find('/', 5);
            if (key.rfind("data/", 0) == 0 && slash != std::string::npos)
                found.insert(key.substr(5, slash - 5));
        }
        return found.size();
    };
    std::size_t absent = 0, present = 0;
    {
        Series s(path, Access::CREATE);
        std::string const padding(4000, 'p'); // about 1 MiB of metadata at 250
        for (std::size_t i = 0; i < 500; ++i)
        {
            auto it = s.iterations[i];
            it.setAttribute("padding", padding);
            for (auto comp : {"x", "y", "z"})
            {
                it.meshes["E"][comp].resetDataset(Dataset(Datatype::DOUBLE, {2}));
                it.meshes["E"][comp].storeChunk(shared(std::vector<double>{1, 2}), {0},
                                                {2});
            }
            it.close();
            if (!fs::exists(path + "/.zmetadata"))
            {
                ++absent;
                continue;
            }
            ++present;
            INFO("after iteration " << i);
            if (i % 20 == 0 || i > 250)
                REQUIRE(iterations(readJSON(path + "/.zmetadata")) == i + 1);
        }
    }
    CHECK(absent > 0);  // the amortized phase was reached
    CHECK(present > 0); // and .zmetadata was rewritten in it
    REQUIRE(fs::exists(path + "/.zmetadata"));
    CHECK(iterations(readJSON(path + "/.zmetadata")) == 500);

    // "every_flush": fresh at every flush point, whatever it costs.
    std::string const every = dir + "/every.zarr";
    Series s(every, Access::CREATE,
             R"({"zarr": {"consolidated_metadata": "every_flush"}})");
    for (std::size_t i = 0; i < 300; ++i)
    {
        s.iterations[i].meshes["E"]["x"].resetDataset(Dataset(Datatype::DOUBLE, {2}));
        s.iterations[i].meshes["E"]["y"].resetDataset(Dataset(Datatype::DOUBLE, {2}));
        s.iterations[i].meshes["E"]["z"].resetDataset(Dataset(Datatype::DOUBLE, {2}));
        s.iterations[i].close();
    }
    CHECK(iterations(readJSON(every + "/.zmetadata")) == 300);
}
