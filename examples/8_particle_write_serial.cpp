// Write a particle species: position and momentum (3 components each),
// weighting, and particle patches that split the particles in two. Then read
// it back and compare.
//
// Usage: 8_particle_write_serial [extension] [output directory]   (default: json .)

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
constexpr size_t numParticles = 6;
char const* const axes[] = {"x", "y", "z"};

/** A made-up value of particle `p` for record `record`, axis `axis`. */
double valueOf(int record, int axis, size_t p)
{
    return 100.0 * record + 10.0 * axis + static_cast<double>(p);
}

void write(std::string const& path)
{
    Series series(path, Access::CREATE);
    Iteration it = series.iterations[0];
    ParticleSpecies e = it.particles["electrons"];
    e.setAttribute("particleName", std::string("electron"));

    // Buffers stay alive until the flush: storeChunk does not copy them.
    std::vector<std::vector<double>> data(6, std::vector<double>(numParticles));
    char const* const records[] = {"position", "momentum"};
    for (int r = 0; r < 2; ++r)
    {
        Record record = e[records[r]];
        for (int a = 0; a < 3; ++a)
        {
            std::vector<double>& values = data[3 * r + a];
            for (size_t p = 0; p < numParticles; ++p)
            {
                values[p] = valueOf(r, a, p);
            }
            record[axes[a]].resetDataset(Dataset(Datatype::DOUBLE, {numParticles}));
            record[axes[a]].storeChunk(values);
        }
    }
    e["position"].setUnitDimension({{UnitDimension::L, 1}});
    e["momentum"].setUnitDimension(
        {{UnitDimension::M, 1}, {UnitDimension::L, 1}, {UnitDimension::T, -1}});
    for (char const* axis : axes)
    {
        e["positionOffset"][axis].resetDataset(Dataset(Datatype::DOUBLE, {numParticles}));
        e["positionOffset"][axis].makeConstant(0.0);
    }
    std::vector<float> weighting(numParticles, 2.5f);
    e["weighting"][RecordComponent::SCALAR].resetDataset(
        Dataset(Datatype::FLOAT, {numParticles}));
    e["weighting"][RecordComponent::SCALAR].storeChunk(weighting);

    // Two patches: particles [0, 4) and [4, 6), with their spatial offset
    // and extent in each axis of position (here: along x only).
    ParticlePatches patches = e.particlePatches;
    auto count = patches["numParticles"][RecordComponent::SCALAR];
    auto first = patches["numParticlesOffset"][RecordComponent::SCALAR];
    count.resetDataset(Dataset(Datatype::ULONGLONG, {2}));
    first.resetDataset(Dataset(Datatype::ULONGLONG, {2}));
    for (char const* bound : {"offset", "extent"})
    {
        patches[bound].setUnitDimension({{UnitDimension::L, 1}});
        for (char const* axis : axes)
        {
            patches[bound][axis].resetDataset(Dataset(Datatype::DOUBLE, {2}));
        }
        for (char const* axis : {"y", "z"})
        {
            patches[bound][axis].store(0, bound[0] == 'o' ? -1.0 : 2.0);
            patches[bound][axis].store(1, bound[0] == 'o' ? -1.0 : 2.0);
        }
    }
    count.store<unsigned long long>(0, 4);
    count.store<unsigned long long>(1, 2);
    first.store<unsigned long long>(0, 0);
    first.store<unsigned long long>(1, 4);
    patches["offset"]["x"].store(0, 0.0);
    patches["offset"]["x"].store(1, 4.0);
    patches["extent"]["x"].store(0, 4.0);
    patches["extent"]["x"].store(1, 2.0);

    it.close(); // a flush point: the data are written here
    series.close();
}

int check(std::string const& path)
{
    Series series(path, Access::READ_ONLY);
    ParticleSpecies e = series.iterations[0].particles["electrons"];
    std::vector<std::shared_ptr<double>> loaded;
    char const* const records[] = {"position", "momentum"};
    for (char const* record : records)
    {
        for (char const* axis : axes)
        {
            loaded.push_back(e[record][axis].loadChunk<double>());
        }
    }
    auto weighting = e["weighting"][RecordComponent::SCALAR].loadChunk<float>();
    auto count = e.particlePatches["numParticles"][RecordComponent::SCALAR]
                     .load<unsigned long long>();
    auto first = e.particlePatches["numParticlesOffset"][RecordComponent::SCALAR]
                     .load<unsigned long long>();
    std::vector<std::shared_ptr<double>> bounds; // offset x y z, extent x y z
    for (char const* bound : {"offset", "extent"})
    {
        for (char const* axis : axes)
        {
            bounds.push_back(e.particlePatches[bound][axis].load<double>());
        }
    }
    series.flush();

    int failures = 0;
    for (int r = 0; r < 2; ++r)
    {
        for (int a = 0; a < 3; ++a)
        {
            for (size_t p = 0; p < numParticles; ++p)
            {
                failures += loaded[3 * r + a].get()[p] != valueOf(r, a, p);
            }
        }
    }
    for (size_t p = 0; p < numParticles; ++p)
    {
        failures += weighting.get()[p] != 2.5f;
    }
    failures += count.get()[0] != 4 || count.get()[1] != 2;
    failures += first.get()[0] != 0 || first.get()[1] != 4;
    double const expectedBounds[6][2] = {{0.0, 4.0}, {-1.0, -1.0}, {-1.0, -1.0},
                                         {4.0, 2.0}, {2.0, 2.0},   {2.0, 2.0}};
    for (int b = 0; b < 6; ++b)
    {
        failures += bounds[b].get()[0] != expectedBounds[b][0] ||
                    bounds[b].get()[1] != expectedBounds[b][1];
    }
    failures += e["positionOffset"]["z"].constant() ? 0 : 1;
    failures += e.getAttribute("particleName").get<std::string>() != "electron";
    std::cout << "electrons: " << e.size() << " records, "
              << e.particlePatches.numPatches() << " patches, " << numParticles
              << " particles\n";
    return failures;
}
} // namespace

int main(int argc, char* argv[])
{
    std::string const ext = argc > 1 ? argv[1] : "json";
    std::string const dir = argc > 2 ? argv[2] : ".";
    std::string const path = dir + "/particle_write." + ext;
    write(path);
    int const failures = check(path);
    if (failures != 0)
    {
        std::cerr << failures << " values read back from " << path << " differ\n";
        return 1;
    }
    std::cout << "Wrote and read back " << path << ": all values as written\n";
    return 0;
}
