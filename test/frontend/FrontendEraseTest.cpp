// Erasing every kind of object after it was flushed, in the same session and
// in a later READ_WRITE session, on every backend; what is left reads back
// with its values. Erasing once freed backend nodes the backend still walked
// at close (a heap corruption), so these tests also guard memory safety under
// the sanitizer build.
#include "TestedExtensions.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

using namespace openPMD;
using frontendtest::freshDir;
using frontendtest::testedExtensions;

namespace
{
constexpr std::uint64_t particleCount = 4;
constexpr std::uint64_t patchCount = 2;

/** A value unique to the iteration, the object and the element index. */
double valueOf(std::uint64_t iteration, int object, std::uint64_t index)
{
    return static_cast<double>(iteration) * 1000.0 + object * 10.0 +
           static_cast<double>(index);
}

std::vector<double> valuesOf(std::uint64_t iteration, int object, std::uint64_t count)
{
    std::vector<double> values(count);
    for (std::uint64_t i = 0; i < count; ++i)
    {
        values[i] = valueOf(iteration, object, i);
    }
    return values;
}

void storeValues(RecordComponent rc, std::uint64_t iteration, int object,
                 std::uint64_t count)
{
    rc.resetDataset(Dataset(Datatype::DOUBLE, {count}));
    // The buffer must live until the flush: the store does not copy it.
    auto values =
        std::make_shared<std::vector<double>>(valuesOf(iteration, object, count));
    rc.storeChunk(std::shared_ptr<double>(values, values->data()), {0}, {count});
}

void writeSpecies(ParticleSpecies species, std::uint64_t iteration, int object)
{
    for (char const* axis : {"x", "y"})
    {
        storeValues(species["position"][axis], iteration, object++, particleCount);
    }
    storeValues(species["charge"][RecordComponent::SCALAR], iteration, object++,
                particleCount);
    // Constant records span the particles too (openPMD: every record of a
    // species has one entry per particle).
    auto mass = species["mass"][RecordComponent::SCALAR];
    mass.resetDataset(Dataset(Datatype::DOUBLE, {particleCount}));
    mass.makeConstant(valueOf(iteration, object, 0));
    for (char const* axis : {"x", "y"})
    {
        auto offset = species["positionOffset"][axis];
        offset.resetDataset(Dataset(Datatype::DOUBLE, {particleCount}));
        offset.makeConstant(valueOf(iteration, 80, 0));
    }
    auto& patches = species.particlePatches;
    for (char const* record : {"numParticles", "numParticlesOffset"})
    {
        auto component = patches[record][RecordComponent::SCALAR];
        component.resetDataset(Dataset(determineDatatype<std::uint64_t>(), {patchCount}));
        for (std::uint64_t p = 0; p < patchCount; ++p)
        {
            component.store(p, std::uint64_t(2));
        }
    }
    for (char const* record : {"offset", "extent"})
    {
        for (char const* axis : {"x", "y"})
        {
            auto component = patches[record][axis];
            component.resetDataset(Dataset(Datatype::DOUBLE, {patchCount}));
            for (std::uint64_t p = 0; p < patchCount; ++p)
            {
                component.store(p, valueOf(iteration, 90, p));
            }
        }
    }
}

/** Iterations 1-3, each with meshes A, B {x, y} and species e, ions. */
void writeFullSeries(Series& series)
{
    for (std::uint64_t i : {1, 2, 3})
    {
        auto it = series.iterations[i];
        storeValues(it.meshes["A"]["x"], i, 0, 8);
        storeValues(it.meshes["A"]["y"], i, 1, 8);
        storeValues(it.meshes["B"]["x"], i, 2, 8);
        storeValues(it.meshes["B"]["y"], i, 3, 8);
        writeSpecies(it.particles["e"], i, 10);
        writeSpecies(it.particles["ions"], i, 20);
    }
}

/** Erases one object of every kind, all in iteration 1, and iteration 2. */
void eraseOneOfEach(Series& series)
{
    auto it = series.iterations[1];
    CHECK(it.meshes.erase("A") == 1);                     // mesh
    CHECK(it.meshes["B"].erase("y") == 1);                // mesh component
    CHECK(it.particles.erase("ions") == 1);               // species
    CHECK(it.particles["e"].erase("charge") == 1);        // record
    CHECK(it.particles["e"]["position"].erase("y") == 1); // record component
    auto& patches = it.particles["e"].particlePatches;
    CHECK(patches["offset"].erase("y") == 1); // patch component
    CHECK(patches["extent"].erase("y") == 1);
    CHECK(series.iterations.erase(2) == 1); // iteration
}

void checkComponent(Series& series, RecordComponent rc, std::uint64_t iteration,
                    int object, std::uint64_t count)
{
    REQUIRE(rc.getExtent() == Extent{count});
    auto data = rc.loadChunk<double>();
    series.flush();
    CHECK(std::vector<double>(data.get(), data.get() + count) ==
          valuesOf(iteration, object, count));
}

void checkSpecies(Series& series, ParticleSpecies species, std::uint64_t iteration,
                  int object, bool erased)
{
    CHECK(species.count("position") == 1);
    CHECK(species["position"].count("x") == 1);
    CHECK(species["position"].count("y") == (erased ? 0 : 1));
    checkComponent(series, species["position"]["x"], iteration, object, particleCount);
    if (!erased)
    {
        checkComponent(series, species["position"]["y"], iteration, object + 1,
                       particleCount);
    }
    CHECK(species.count("charge") == (erased ? 0 : 1));
    if (!erased)
    {
        checkComponent(series, species["charge"][RecordComponent::SCALAR], iteration,
                       object + 2, particleCount);
    }
    auto mass = species["mass"][RecordComponent::SCALAR];
    CHECK(mass.constant());
    CHECK(mass.getExtent() == Extent{particleCount});
    CHECK(*mass.loadChunk<double>() == valueOf(iteration, object + 3, 0));
    for (char const* axis : {"x", "y"})
    {
        auto offset = species["positionOffset"][axis];
        CHECK(offset.constant());
        CHECK(offset.getExtent() == Extent{particleCount});
        CHECK(*offset.loadChunk<double>() == valueOf(iteration, 80, 0));
    }

    auto& patches = species.particlePatches;
    CHECK(patches.numPatches() == patchCount);
    for (char const* record : {"offset", "extent"})
    {
        CHECK(patches[record].count("x") == 1);
        CHECK(patches[record].count("y") == (erased ? 0 : 1));
        auto loaded = patches[record]["x"].load<double>();
        series.flush();
        CHECK(std::vector<double>(loaded.get(), loaded.get() + patchCount) ==
              valuesOf(iteration, 90, patchCount));
    }
}

/** What is left after eraseOneOfEach, with every value. */
void checkRemaining(std::string const& path)
{
    Series series(path, Access::READ_ONLY);
    std::vector<std::uint64_t> indices;
    for (auto const& entry : series.iterations)
    {
        indices.push_back(entry.first);
    }
    REQUIRE(indices == std::vector<std::uint64_t>{1, 3});

    auto first = series.iterations[1];
    CHECK(first.meshes.size() == 1);
    CHECK(first.meshes.count("A") == 0);
    REQUIRE(first.meshes.count("B") == 1);
    CHECK(first.meshes["B"].size() == 1);
    checkComponent(series, first.meshes["B"]["x"], 1, 2, 8);
    CHECK(first.particles.size() == 1);
    REQUIRE(first.particles.count("e") == 1);
    checkSpecies(series, first.particles["e"], 1, 10, true);

    auto third = series.iterations[3];
    char const* names[] = {"A", "B"};
    for (int m = 0; m < 2; ++m)
    {
        checkComponent(series, third.meshes[names[m]]["x"], 3, 2 * m, 8);
        checkComponent(series, third.meshes[names[m]]["y"], 3, 2 * m + 1, 8);
    }
    checkSpecies(series, third.particles["e"], 3, 10, false);
    checkSpecies(series, third.particles["ions"], 3, 20, false);
}

std::string seriesPath(std::string const& scenario, std::string const& ext,
                       bool fileBased)
{
    std::string const dir =
        freshDir("frontend_erase_" + scenario + "_" + ext + (fileBased ? "_f" : "_g"));
    return dir + (fileBased ? "/erase_%T." : "/erase.") + ext;
}
} // namespace

TEST_CASE("erasing every kind of flushed object, then closing, leaves the rest intact",
          "[frontend][erase][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        for (bool fileBased : {false, true})
        {
            DYNAMIC_SECTION(ext << (fileBased ? ", file-based" : ", group-based"))
            {
                std::string const path = seriesPath("same", ext, fileBased);
                {
                    Series series(path, Access::CREATE);
                    writeFullSeries(series);
                    series.flush();
                    eraseOneOfEach(series);
                    series.close();
                }
                checkRemaining(path);
            }
        }
    }
}

TEST_CASE("erasing every kind of object in a later READ_WRITE session",
          "[frontend][erase][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        for (bool fileBased : {false, true})
        {
            DYNAMIC_SECTION(ext << (fileBased ? ", file-based" : ", group-based"))
            {
                std::string const path = seriesPath("later", ext, fileBased);
                {
                    Series series(path, Access::CREATE);
                    writeFullSeries(series);
                }
                {
                    Series series(path, Access::READ_WRITE);
                    REQUIRE(series.iterations.size() == 3);
                    eraseOneOfEach(series);
                    series.flush();
                    // A second flush after the erase writes nothing stale back.
                    series.flush();
                }
                checkRemaining(path);
            }
        }
    }
}

TEST_CASE("a handle to an erased object outlives the erase without harm",
          "[frontend][erase][backends]")
{
    for (auto const& ext : testedExtensions())
    {
        DYNAMIC_SECTION(ext)
        {
            std::string const path = seriesPath("handle", ext, false);
            {
                Series series(path, Access::CREATE);
                writeFullSeries(series);
                series.flush();
                // The user keeps handles below the objects erased.
                Mesh kept = series.iterations[1].meshes["A"];
                RecordComponent keptComponent = kept["x"];
                RecordComponent keptPosition =
                    series.iterations[1].particles["ions"]["position"]["x"];
                eraseOneOfEach(series);
                series.flush();
                series.close();
                // Reading what a detached handle still knows touches no backend.
                CHECK(keptComponent.getExtent() == Extent{8});
                CHECK(keptPosition.getDatatype() == Datatype::DOUBLE);
            }
            checkRemaining(path);
        }
    }
}
