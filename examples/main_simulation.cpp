// The main job: what a simulation does with libopenPMD. It writes a few
// iterations of a 3-D electric field E{x,y,z} and an electron species
// (position, momentum, weighting), closing each iteration when it is done,
// then reads the series back one iteration after the other with
// readIterations(), prints a summary and checks every value.
//
// Usage: main_simulation [extension] [output directory]   (default: json .)
// Exits non-zero if anything read back differs from what was written.

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
constexpr int numSteps = 4;
constexpr int stepInterval = 10; // iterations 0, 10, 20, 30
constexpr size_t nx = 4, ny = 3, nz = 2;
constexpr size_t numParticles = 5;
char const* const axes[] = {"x", "y", "z"};

/** The value the "simulation" computes: depends on step, quantity and index. */
double simulated(int step, int quantity, size_t k)
{
    return 1000.0 * step + 100.0 * quantity + static_cast<double>(k);
}

void writeField(Iteration& it, int step, std::vector<std::vector<double>>& buffers)
{
    Mesh E = it.meshes["E"];
    E.setAxisLabels({"z", "y", "x"})
        .setGridSpacing(std::vector<double>{1.0, 1.0, 1.0})
        .setGridGlobalOffset({0.0, 0.0, 0.0})
        .setGridUnitSI(1e-6);
    E.setUnitDimension({{UnitDimension::M, 1},
                        {UnitDimension::L, 1},
                        {UnitDimension::I, -1},
                        {UnitDimension::T, -3}});
    for (int a = 0; a < 3; ++a)
    {
        std::vector<double>& values = buffers[a];
        values.resize(nx * ny * nz);
        for (size_t k = 0; k < values.size(); ++k)
        {
            values[k] = simulated(step, a, k);
        }
        // Where the component sits in its cell, one entry per dimension.
        E[axes[a]].setPosition(std::vector<double>{0.0, 0.0, 0.0});
        E[axes[a]].resetDataset(Dataset(Datatype::DOUBLE, {nz, ny, nx}));
        E[axes[a]].storeChunk(values); // no copy: kept alive until it.close()
    }
}

void writeParticles(Iteration& it, int step, std::vector<std::vector<double>>& buffers)
{
    ParticleSpecies electrons = it.particles["electrons"];
    char const* const records[] = {"position", "momentum"};
    for (int r = 0; r < 2; ++r)
    {
        for (int a = 0; a < 3; ++a)
        {
            std::vector<double>& values = buffers[3 + 3 * r + a];
            values.resize(numParticles);
            for (size_t p = 0; p < numParticles; ++p)
            {
                values[p] = simulated(step, 3 + 3 * r + a, p);
            }
            RecordComponent component = electrons[records[r]][axes[a]];
            component.resetDataset(Dataset(Datatype::DOUBLE, {numParticles}));
            component.storeChunk(values);
        }
    }
    for (char const* axis : axes)
    {
        electrons["positionOffset"][axis].resetDataset(
            Dataset(Datatype::DOUBLE, {numParticles}));
        electrons["positionOffset"][axis].makeConstant(0.0);
    }
    electrons["weighting"].resetDataset(Dataset(Datatype::DOUBLE, {numParticles}));
    electrons["weighting"].makeConstant(1e5);
}

void write(std::string const& path)
{
    Series series(path, Access::CREATE);
    series.setAuthor("libopenPMD main_simulation");
    series.setMeshesPath("fields/");
    series.setParticlesPath("particles/");
    for (int step = 0; step < numSteps; ++step)
    {
        Iteration it = series.iterations[static_cast<uint64_t>(step * stepInterval)];
        it.setTime(step * 0.5).setDt(0.5).setTimeUnitSI(1e-15);
        std::vector<std::vector<double>> buffers(9);
        writeField(it, step, buffers);
        writeParticles(it, step, buffers);
        it.close(); // flush point: this iteration is written now
    }
    series.close();
}

/** Compares `n` loaded values with what step `step` computed for `quantity`. */
int countMismatches(std::shared_ptr<double> const& loaded, size_t n, int step,
                    int quantity)
{
    int mismatches = 0;
    for (size_t k = 0; k < n; ++k)
    {
        mismatches += loaded.get()[k] != simulated(step, quantity, k);
    }
    return mismatches;
}

int readBack(std::string const& path)
{
    Series series(path, Access::READ_LINEAR);
    int failures = 0;
    int steps = 0;
    for (IndexedIteration it : series.readIterations())
    {
        int const step = static_cast<int>(it.iterationIndex / stepInterval);
        failures += it.iterationIndex != static_cast<uint64_t>(steps * stepInterval);
        failures += it.time<double>() != step * 0.5;
        std::vector<std::shared_ptr<double>> field, particles;
        for (char const* axis : axes)
        {
            field.push_back(it.meshes["E"][axis].loadChunk<double>());
            particles.push_back(
                it.particles["electrons"]["position"][axis].loadChunk<double>());
        }
        for (char const* axis : axes)
        {
            particles.push_back(
                it.particles["electrons"]["momentum"][axis].loadChunk<double>());
        }
        auto weighting = it.particles["electrons"]["weighting"].loadChunk<double>();
        it.seriesFlush(); // the buffers are filled here

        for (int a = 0; a < 3; ++a)
        {
            failures += countMismatches(field[a], nx * ny * nz, step, a);
        }
        for (int q = 0; q < 6; ++q)
        {
            failures += countMismatches(particles[q], numParticles, step, 3 + q);
        }
        for (size_t p = 0; p < numParticles; ++p)
        {
            failures += weighting.get()[p] != 1e5;
        }
        Extent const extent = it.meshes["E"]["x"].getExtent();
        std::cout << "iteration " << it.iterationIndex << " (t = " << it.time<double>()
                  << "): E{x,y,z} " << extent[0] << "x" << extent[1] << "x" << extent[2]
                  << ", " << it.particles["electrons"]["position"]["x"].getExtent()[0]
                  << " electrons with " << it.particles["electrons"].size()
                  << " records\n";
        ++steps;
    }
    failures += steps != numSteps;
    std::cout << "read " << steps << " of " << numSteps << " iterations from " << path
              << " (" << series.backend() << ")\n";
    return failures;
}
} // namespace

int main(int argc, char* argv[])
{
    std::string const ext = argc > 1 ? argv[1] : "json";
    std::string const dir = argc > 2 ? argv[2] : ".";
    std::string const path = dir + "/main_simulation." + ext;
    try
    {
        write(path);
        int const failures = readBack(path);
        if (failures != 0)
        {
            std::cerr << failures << " values read back differ from what was written\n";
            return 1;
        }
    }
    catch (Error const& e)
    {
        std::cerr << "main_simulation failed: " << e.what() << '\n';
        return 1;
    }
    std::cout << "All values read back as written\n";
    return 0;
}
