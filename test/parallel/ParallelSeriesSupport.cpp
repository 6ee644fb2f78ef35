#include "ParallelSeriesSupport.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

namespace parallel_test
{
using namespace mpi_test;

namespace
{
int salt(std::uint64_t index, int record)
{
    return static_cast<int>(index / 100) * 10 + record;
}
int const recordE = 1, recordRho = 2, recordX = 3, recordW = 4;

Extent extentE()
{
    return {4 * static_cast<uint64_t>(size()), 5};
}
Extent extentRho()
{
    return {2, 3 * static_cast<uint64_t>(size()), 4};
}
Extent particleExtent()
{
    return {particleTotal(size())};
}

/** The box of the mesh that rank `r` writes. */
std::pair<Offset, Extent> slabE(int r)
{
    return {{4 * static_cast<uint64_t>(r), 0}, {4, 5}};
}
std::pair<Offset, Extent> slabRho(int r)
{
    return {{0, 3 * static_cast<uint64_t>(r), 0}, {2, 3, 4}};
}

void store(RecordComponent rc, int saltValue, Extent const& global, Offset offset,
           Extent extent)
{
    rc.storeChunk(block(saltValue, global, offset, extent), offset, extent);
}

void declare(Iteration& it, std::uint64_t index)
{
    it.setTime(static_cast<double>(index) * 0.5);
    Mesh E = it.meshes["E"];
    E.setAxisLabels({"x", "y"});
    E["x"].resetDataset(Dataset(Datatype::DOUBLE, extentE()));
    Mesh rho = it.meshes["rho"];
    rho[RecordComponent::SCALAR].resetDataset(Dataset(Datatype::DOUBLE, extentRho()));
    ParticleSpecies e = it.particles["e"];
    e["position"]["x"].resetDataset(Dataset(Datatype::DOUBLE, particleExtent()));
    e["positionOffset"]["x"].resetDataset(Dataset(Datatype::DOUBLE, particleExtent()));
    e["positionOffset"]["x"].makeConstant(0.0);
    e["weighting"][RecordComponent::SCALAR].resetDataset(
        Dataset(Datatype::DOUBLE, particleExtent()));
}

void storeMeshes(Iteration& it, std::uint64_t index)
{
    int const r = rank();
    bool const alone = index == 300;
    if (alone && r != 0)
    {
        return; // this rank stores nothing in the iteration
    }
    auto [offE, extE] = alone ? std::pair<Offset, Extent>{{0, 0}, extentE()} : slabE(r);
    store(it.meshes["E"]["x"], salt(index, recordE), extentE(), offE, extE);
    auto [offR, extR] =
        alone ? std::pair<Offset, Extent>{{0, 0, 0}, extentRho()} : slabRho(r);
    store(it.meshes["rho"][RecordComponent::SCALAR], salt(index, recordRho), extentRho(),
          offR, extR);
}

void storeParticles(Iteration& it, std::uint64_t index)
{
    int const r = rank();
    Share share = particleShare(r, size());
    if (index == 300)
    {
        if (r != 0)
        {
            return;
        }
        share = {0, particleTotal(size())};
    }
    // The rank without particles stores an empty chunk in iteration 200 and
    // nothing at all in iteration 100.
    if (share.count == 0 && index != 200)
    {
        return;
    }
    ParticleSpecies e = it.particles["e"];
    store(e["position"]["x"], salt(index, recordX), particleExtent(), {share.offset},
          {share.count});
    store(e["weighting"][RecordComponent::SCALAR], salt(index, recordW), particleExtent(),
          {share.offset}, {share.count});
}

void writeIteration(Series& series, Iteration it, std::uint64_t index,
                    Scenario const& scenario)
{
    declare(it, index);
    storeMeshes(it, index);
    series.flush(scenario.flushConfig);
    // A root attribute that changes while the iteration is open, and data
    // stored after it on some ranks only: every rank must still write the
    // same metadata (file-based: the root attributes into the open file).
    series.setAttribute("lastIteration", index);
    storeParticles(it, index);
    series.flush(scenario.flushConfig);
}

void expectValues(std::shared_ptr<double> const& data, int saltValue,
                  Extent const& global, Offset const& offset, Extent const& extent)
{
    INFO("salt " << saltValue);
    REQUIRE(mismatches(data.get(), saltValue, global, offset, extent) == 0);
}
} // namespace

std::string Scenario::fileName() const
{
    return (fileBased ? "series_%T." : "series.") + extension;
}

std::vector<std::uint64_t> const& iterationIndices()
{
    static std::vector<std::uint64_t> const indices{100, 200, 300};
    return indices;
}

size_t mismatches(double const* data, int saltValue, Extent const& global,
                  Offset const& offset, Extent const& extent)
{
    auto const expected = block(saltValue, global, offset, extent);
    size_t count = 1;
    for (auto n : extent)
    {
        count *= n;
    }
    size_t wrong = 0;
    for (size_t i = 0; i < count; ++i)
    {
        wrong += data[i] != expected.get()[i] ? 1 : 0;
    }
    return wrong;
}

void writeSeries(std::string const& path, Scenario const& scenario)
{
    Series series(path, Access::CREATE, MPI_COMM_WORLD, scenario.options);
    series.setAuthor("parallel test");
    if (scenario.writeIterations)
    {
        auto iterations = series.writeIterations();
        for (auto index : iterationIndices())
        {
            writeIteration(series, iterations[index], index, scenario);
        }
        // the last one is closed by Series::close
    }
    else
    {
        for (auto index : iterationIndices())
        {
            Iteration it = series.iterations[index];
            writeIteration(series, it, index, scenario);
            it.close();
        }
    }
    series.close();
}

void checkIteration(Series& series, Iteration it, std::uint64_t index, int slabOf)
{
    CHECK(it.time<double>() == static_cast<double>(index) * 0.5);
    REQUIRE(it.meshes.size() == 2);
    REQUIRE(it.particles.size() == 1);
    MeshRecordComponent Ex = it.meshes["E"]["x"];
    REQUIRE(Ex.getExtent() == extentE());
    CHECK(it.meshes["E"].axisLabels() == std::vector<std::string>{"x", "y"});
    auto fullE = Ex.loadChunk<double>();
    auto [offE, extE] = slabE(slabOf);
    auto slab = Ex.loadChunk<double>(offE, extE);
    MeshRecordComponent rho = it.meshes["rho"][RecordComponent::SCALAR];
    auto fullRho = rho.loadChunk<double>();
    ParticleSpecies e = it.particles["e"];
    auto x = e["position"]["x"].loadChunk<double>();
    auto w = e["weighting"][RecordComponent::SCALAR].loadChunk<double>();
    auto offsetX = e["positionOffset"]["x"].loadChunk<double>();
    series.flush();

    expectValues(fullE, salt(index, recordE), extentE(), {0, 0}, extentE());
    expectValues(slab, salt(index, recordE), extentE(), offE, extE);
    expectValues(fullRho, salt(index, recordRho), extentRho(), {0, 0, 0}, extentRho());
    expectValues(x, salt(index, recordX), particleExtent(), {0}, particleExtent());
    expectValues(w, salt(index, recordW), particleExtent(), {0}, particleExtent());
    CHECK(e["positionOffset"]["x"].constant());
    REQUIRE(e["positionOffset"]["x"].getExtent() == particleExtent());
    for (uint64_t i = 0; i < particleTotal(size()); ++i)
    {
        REQUIRE(offsetX.get()[i] == 0.0);
    }
    // Every element was written by some rank: the chunks cover the dataset.
    CHECK(coveredElements(Ex.availableChunks()) >= extentE()[0] * extentE()[1]);
}

void checkSeries(Series& series, Scenario const& scenario, int slabOf)
{
    CHECK(series.author() == "parallel test");
    CHECK(series.iterationEncoding() == (scenario.fileBased
                                             ? IterationEncoding::fileBased
                                             : IterationEncoding::groupBased));
    // File-based: the root attributes come from the first file, written
    // while iteration 100 was open.
    CHECK(series.getAttribute("lastIteration").get<std::uint64_t>() ==
          (scenario.fileBased ? 100u : 300u));
    REQUIRE(series.iterations.size() == iterationIndices().size());
    for (auto index : iterationIndices())
    {
        INFO("iteration " << index);
        checkIteration(series, series.iterations[index], index, slabOf);
    }
}
} // namespace parallel_test
