// API patterns that openPMD-api's published examples use and that a code
// switching libraries relies on, run on every backend and read back:
// span stores through a buffer factory with a reused fallback buffer,
// constants and resizable datasets growing across flushes, a mesh handle
// re-filed under new keys, chained setters, deleting attributes of new
// objects and erasing iterations that were never flushed.
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

using namespace openPMD;
using frontendtest::freshDir;
using frontendtest::testedExtensions;

namespace
{
constexpr std::uint64_t spanLength = 6;
constexpr std::uint64_t spanIterations = 3;

/** The value the span test writes at `index` of component `axis` in `iteration`. */
double spanValue(std::uint64_t iteration, std::uint64_t axis, std::uint64_t index)
{
    return static_cast<double>(100 * iteration + 10 * axis + index);
}

template <typename T>
std::vector<T> loadAll(RecordComponent rc, Series& series)
{
    auto data = rc.loadChunk<T>();
    series.flush();
    return std::vector<T>(data.get(), data.get() + rc.getExtent().at(0));
}

void writeSpanSeries(std::string const& path, bool& fallbackWasUsed)
{
    Series series(path, Access::CREATE);
    std::vector<double> fallback; // reused by every component
    WriteIterations iterations = series.writeIterations();
    for (std::uint64_t i = 0; i < spanIterations; ++i)
    {
        Iteration iteration = iterations[i];
        auto patches = iteration.particles["e"].particlePatches;
        // One patch with the particles i..spanLength-1 (standard: uint64
        // counts, the components of position).
        for (char const* record : {"offset", "extent"})
        {
            for (char const* axis : {"x", "y", "z"})
            {
                patches[record][axis].resetDataset({Datatype::DOUBLE, {1}});
                patches[record][axis]
                    .storeChunk<double>({0}, {1})
                    .currentBuffer()
                    .data()[0] = spanValue(i, 9, 0);
            }
        }
        for (char const* record : {"numParticles", "numParticlesOffset"})
        {
            patches[record].resetDataset({Datatype::ULONGLONG, {1}});
            patches[record].storeChunk<unsigned long long>({0}, {1}).currentBuffer()[0] =
                std::string(record) == "numParticles" ? spanLength - i : i;
        }
        Record position = iteration.particles["e"]["position"];
        std::uint64_t axisIndex = 0;
        for (char const* axis : {"x", "y", "z"})
        {
            RecordComponent component = position[axis];
            component.resetDataset({Datatype::DOUBLE, {spanLength}});
            bool usedFallback = false;
            auto view = component.storeChunk<double>(
                {0}, {spanLength},
                [&fallback, &usedFallback](std::size_t size)
                {
                    usedFallback = true;
                    fallback.resize(size);
                    return std::shared_ptr<double>(fallback.data(), [](double const*) {});
                });
            auto span = view.currentBuffer();
            // Alternate directions so that a buffer mix-up shows.
            if ((i + axisIndex) % 2 == 0)
            {
                std::iota(span.begin(), span.end(), spanValue(i, axisIndex, 0));
            }
            else
            {
                std::iota(span.rbegin(), span.rend(), spanValue(i, axisIndex, 0));
            }
            if (usedFallback)
            {
                // The fallback buffer is reused by the next component.
                fallbackWasUsed = true;
                iteration.seriesFlush();
            }
            ++axisIndex;
        }
        for (char const* axis : {"x", "y", "z"})
        {
            RecordComponent offset = iteration.particles["e"]["positionOffset"][axis];
            offset.resetDataset({Datatype::DOUBLE, {spanLength}});
            offset.makeConstant(spanValue(i, 8, 0));
        }
        Mesh density = iteration.meshes["density"];
        density.resetDataset({Datatype::DOUBLE, {spanLength}});
        UniquePtrWithLambda<double> owned(new double[spanLength](),
                                          [](double const* p) { delete[] p; });
        owned.get()[spanLength - 1] = spanValue(i, 7, 0);
        density.storeChunk(std::move(owned), {0}, {spanLength});
        iteration.close();
    }
    series.close();
}

void checkSpanSeries(std::string const& path)
{
    Series series(path, Access::READ_ONLY);
    REQUIRE(series.iterations.size() == spanIterations);
    for (std::uint64_t i = 0; i < spanIterations; ++i)
    {
        Iteration iteration = series.iterations[i];
        auto species = iteration.particles["e"];
        std::uint64_t axisIndex = 0;
        for (char const* axis : {"x", "y", "z"})
        {
            auto values = loadAll<double>(species["position"][axis], series);
            REQUIRE(values.size() == spanLength);
            for (std::uint64_t k = 0; k < spanLength; ++k)
            {
                std::uint64_t const rank =
                    (i + axisIndex) % 2 == 0 ? k : spanLength - 1 - k;
                CHECK(values[k] == spanValue(i, axisIndex, rank));
            }
            ++axisIndex;
        }
        for (char const* axis : {"x", "y", "z"})
        {
            auto offset = species["positionOffset"][axis];
            CHECK(offset.constant());
            CHECK(loadAll<double>(offset, series) ==
                  std::vector<double>(spanLength, spanValue(i, 8, 0)));
        }
        for (char const* record : {"offset", "extent"})
        {
            for (char const* axis : {"x", "y", "z"})
            {
                auto values =
                    loadAll<double>(species.particlePatches[record][axis], series);
                CHECK(values == std::vector<double>{spanValue(i, 9, 0)});
            }
        }
        for (char const* record : {"numParticles", "numParticlesOffset"})
        {
            auto values = loadAll<unsigned long long>(
                species.particlePatches[record][RecordComponent::SCALAR], series);
            CHECK(values ==
                  std::vector<unsigned long long>{
                      std::string(record) == "numParticles" ? spanLength - i : i});
        }
        auto density = loadAll<double>(
            iteration.meshes["density"][MeshRecordComponent::SCALAR], series);
        std::vector<double> expected(spanLength, 0.0);
        expected.back() = spanValue(i, 7, 0);
        CHECK(density == expected);
    }
}
} // namespace

TEST_CASE("span stores with a buffer factory, reused fallback and a flush per "
          "component",
          "[frontend][patterns][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        DYNAMIC_SECTION(ext)
        {
            std::string const path = freshDir("patterns_span_" + ext) + "/span." + ext;
            bool fallbackWasUsed = false;
            writeSpanSeries(path, fallbackWasUsed);
            checkSpanSeries(path);
            if (ext == "h5")
            {
                // HDF5 offers no views: the reused fallback path was taken.
                CHECK(fallbackWasUsed);
            }
        }
    }
}

TEST_CASE("constants and resizable datasets grow across flushes",
          "[frontend][patterns][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        for (auto encoding :
             {IterationEncoding::groupBased, IterationEncoding::fileBased})
        {
            bool const fileBased = encoding == IterationEncoding::fileBased;
            DYNAMIC_SECTION(ext << (fileBased ? " file-based" : " group-based"))
            {
                std::string const dir =
                    freshDir("patterns_resize_" + ext + (fileBased ? "_f" : "_g"));
                std::string const path = dir + (fileBased ? "/grow_%T." : "/grow.") + ext;
                {
                    Series series(path, Access::CREATE);
                    series.setIterationEncoding(encoding);
                    ParticleSpecies e = series.writeIterations()[0].particles["e"];
                    std::vector<double> first{0., 1., 2., 3., 4.};
                    Dataset dataset(Datatype::DOUBLE, {first.size()},
                                    R"({"resizable": true})");
                    RecordComponent x = e["position"]["x"];
                    x.resetDataset(dataset);
                    x.storeChunk(first, {0}, {first.size()});
                    RecordComponent offset = e["positionOffset"]["x"];
                    offset.resetDataset(dataset);
                    offset.makeConstant(0.0);
                    series.flush();

                    // Grow both: the dataset gets a second chunk, the constant
                    // a larger shape and a new value.
                    std::vector<double> second{5., 6., 7.};
                    Dataset grown({first.size() + second.size()});
                    x.resetDataset(grown);
                    x.storeChunk(second, {first.size()}, {second.size()});
                    offset.resetDataset(grown);
                    offset.makeConstant(2.5);
                    offset.seriesFlush();

                    // A third growth after the second flush.
                    std::vector<double> third{8.};
                    x.resetDataset(Dataset({9}));
                    x.storeChunk(third, {8}, {1});
                    offset.resetDataset(Dataset({9}));
                    series.writeIterations()[0].close();

                    // Shrinking and changing the type stay errors.
                    CHECK_THROWS_AS(x.resetDataset(Dataset({4})), error::WrongAPIUsage);
                    CHECK_THROWS_AS(offset.makeConstant(1), error::WrongAPIUsage);
                    series.close();
                }
                Series series(path, Access::READ_ONLY);
                ParticleSpecies e = series.iterations[0].particles["e"];
                auto x = e["position"]["x"];
                REQUIRE(x.getExtent() == Extent{9});
                CHECK(loadAll<double>(x, series) ==
                      std::vector<double>{0., 1., 2., 3., 4., 5., 6., 7., 8.});
                auto offset = e["positionOffset"]["x"];
                CHECK(offset.constant());
                CHECK(offset.getExtent() == Extent{9});
                CHECK(loadAll<double>(offset, series) == std::vector<double>(9, 2.5));
            }
        }
    }
}

TEST_CASE("a mesh handle filed under new keys, chained setters, attributes "
          "deleted from new objects, unflushed iterations erased",
          "[frontend][patterns][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        DYNAMIC_SECTION(ext)
        {
            std::string const dir = freshDir("patterns_refile_" + ext);
            std::string const path = dir + "/refile_%T." + ext;
            {
                Series series(path, Access::CREATE);
                series.setAttribute("temporary", 1);
                CHECK(series.deleteAttribute("temporary"));
                series.iterations[5].setAttribute("comment", "gone");
                series.iterations.erase(5); // never flushed: leaves nothing
                Iteration it = series.iterations[1];
                it.setAttribute("comment", "kept");
                it.setTime(2.0).setDt(0.5);
                CHECK(it.deleteAttribute("comment"));

                // Two handles to one mesh, its key erased, the object filed
                // under two new keys, then one of them erased again.
                Mesh lowRez = it.meshes["generic"];
                lowRez.setGridSpacing(std::vector<double>{6, 1})
                    .setDataOrder(Mesh::DataOrder::C)
                    .setAxisLabels({"y", "x"});
                Mesh highRez = it.meshes["generic"];
                highRez.setGridSpacing(std::vector<double>{6, 0.5})
                    .setGridGlobalOffset({0, 0});
                it.meshes.erase("generic");
                it.meshes["lowRez"] = lowRez;
                it.meshes["highRez"] = highRez;
                it.meshes.erase("highRez");
                auto component = it.meshes["lowRez"][MeshRecordComponent::SCALAR];
                component.resetDataset(Dataset(Datatype::DOUBLE, {2, 2}));
                component.makeConstant(3.0);
                Mesh other = it.meshes["other"];
                other.setAttribute("note", "x");
                other.setUnitDimension({{UnitDimension::L, 1}});
                CHECK(other.deleteAttribute("note"));
                other[MeshRecordComponent::SCALAR].makeConstant(1.0);
                series.flush();

                // A written mesh cannot be filed under a second name.
                Mesh written = it.meshes["lowRez"];
                it.meshes["copy"] = written;
                CHECK_THROWS_AS(series.flush(), error::WrongAPIUsage);
                it.meshes.erase("copy");
                series.close();
            }
            CHECK_FALSE(std::filesystem::exists(dir + "/refile_5." + ext));
            Series series(path, Access::READ_ONLY);
            REQUIRE(series.iterations.size() == 1);
            CHECK_FALSE(series.containsAttribute("temporary"));
            Iteration it = series.iterations[1];
            CHECK_FALSE(it.containsAttribute("comment"));
            CHECK(it.time<double>() == 2.0);
            CHECK(it.dt<double>() == 0.5);
            REQUIRE(it.meshes.size() == 2);
            REQUIRE(it.meshes.contains("lowRez"));
            REQUIRE(it.meshes.contains("other"));
            Mesh mesh = it.meshes["lowRez"];
            // Both handles were one object: the later setter wins.
            CHECK(mesh.gridSpacing<double>() == std::vector<double>{6, 0.5});
            CHECK(mesh.axisLabels() == std::vector<std::string>{"y", "x"});
            CHECK(mesh.dataOrder() == Mesh::DataOrder::C);
            auto values = mesh[MeshRecordComponent::SCALAR].loadChunk<double>();
            series.flush();
            CHECK(std::vector<double>(values.get(), values.get() + 4) ==
                  std::vector<double>(4, 3.0));
            Mesh otherMesh = it.meshes["other"];
            CHECK_FALSE(otherMesh.containsAttribute("note"));
            CHECK(otherMesh.unitDimension()[0] == 1.0);
        }
    }
}
