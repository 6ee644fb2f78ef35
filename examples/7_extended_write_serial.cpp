// Write a series that uses more of the API: attributes of several types,
// constant and empty components, a dataset written in several partial
// chunks, and particle patches. Then read it back and compare.
//
// Usage: 7_extended_write_serial [extension] [output directory]   (default: json .)

#include <openPMD/openPMD.hpp>

#include <array>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
void write(std::string const& path)
{
    Series series(path, Access::CREATE);
    series.setAuthor("libopenPMD example <noreply@example.org>");
    series.setMachine("a laptop");
    series.setComment("written by 7_extended_write_serial");

    Iteration it = series.iterations[1];
    it.setAttribute("steps_done", 42);                              // int
    it.setAttribute("ratio", 0.75f);                                // float
    it.setAttribute("converged", true);                             // bool
    it.setAttribute("labels", std::vector<std::string>{"a", "bb"}); // vector of strings
    it.setAttribute("box",
                    std::array<double, 7>{1, 2, 3, 4, 5, 6, 7}); // array of doubles

    // A 2-D field written as four 2x2 tiles, one storeChunk call each. The
    // buffers must stay alive until the flush: storeChunk does not copy.
    Mesh rho = it.meshes["rho"];
    rho.setAxisLabels({"y", "x"}).setGridSpacing(std::vector<double>{0.5, 0.5});
    rho.resetDataset(Dataset(Datatype::INT, {4, 4}));
    std::vector<std::vector<int>> tiles(4, std::vector<int>(4));
    for (int t = 0; t < 4; ++t)
    {
        for (int k = 0; k < 4; ++k)
        {
            tiles[t][k] = 10 * t + k;
        }
        Offset const offset{2 * static_cast<uint64_t>(t / 2),
                            2 * static_cast<uint64_t>(t % 2)};
        rho.storeChunk(tiles[t], offset, {2, 2});
    }

    // A vector field whose components are constant: no array is stored.
    Mesh B = it.meshes["B"];
    for (char const* axis : {"x", "y"})
    {
        B[axis].resetDataset(Dataset(Datatype::DOUBLE, {4, 4}));
        B[axis].makeConstant(axis[0] == 'x' ? 1.5 : -1.5);
    }

    // No particles on this rank: an empty species keeps the structure (with
    // the records openPMD requires of every species, position and
    // positionOffset).
    ParticleSpecies ions = it.particles["ions"];
    ions["charge"][RecordComponent::SCALAR].makeEmpty<double>(1);
    ions["position"]["x"].makeEmpty<double>(1);
    ions["positionOffset"]["x"].makeEmpty<double>(1);

    // Two patches of electrons, 3 and 5 particles.
    ParticleSpecies e = it.particles["electrons"];
    for (char const* record : {"position", "positionOffset"})
    {
        e[record]["x"].resetDataset(Dataset(Datatype::DOUBLE, {8}));
        e[record]["x"].makeConstant(0.0);
    }
    auto numParticles = e.particlePatches["numParticles"][RecordComponent::SCALAR];
    auto offset = e.particlePatches["numParticlesOffset"][RecordComponent::SCALAR];
    numParticles.resetDataset(Dataset(Datatype::ULONGLONG, {2}));
    offset.resetDataset(Dataset(Datatype::ULONGLONG, {2}));
    for (char const* bound : {"offset", "extent"})
    {
        e.particlePatches[bound].setUnitDimension({{UnitDimension::L, 1}});
        auto component = e.particlePatches[bound]["x"];
        component.resetDataset(Dataset(Datatype::DOUBLE, {2}));
        component.store(0, bound[0] == 'o' ? 0.0 : 3.0);
        component.store(1, bound[0] == 'o' ? 3.0 : 5.0);
    }
    numParticles.store<unsigned long long>(0, 3);
    numParticles.store<unsigned long long>(1, 5);
    offset.store<unsigned long long>(0, 0);
    offset.store<unsigned long long>(1, 3);

    it.close();
    series.close();
}

int check(std::string const& path)
{
    Series series(path, Access::READ_ONLY);
    Iteration it = series.iterations[1];
    int failures = 0;
    failures += it.getAttribute("steps_done").get<int>() != 42;
    failures += it.getAttribute("ratio").get<float>() != 0.75f;
    failures += it.getAttribute("converged").get<bool>() != true;
    failures += it.getAttribute("labels").get<std::vector<std::string>>() !=
                std::vector<std::string>{"a", "bb"};
    failures += it.getAttribute("box").get<std::vector<double>>() !=
                std::vector<double>{1, 2, 3, 4, 5, 6, 7};
    failures += series.author() != "libopenPMD example <noreply@example.org>";

    auto rho = it.meshes["rho"][RecordComponent::SCALAR].loadChunk<int>();
    auto Bx = it.meshes["B"]["x"].loadChunk<double>();
    auto ions = it.particles["ions"]["charge"][RecordComponent::SCALAR];
    auto ionPosition = it.particles["ions"]["position"]["x"];
    auto ionOffset = it.particles["ions"]["positionOffset"]["x"];
    auto electronOffset = it.particles["electrons"]["positionOffset"]["x"];
    auto patches = it.particles["electrons"].particlePatches;
    auto num =
        patches["numParticles"][RecordComponent::SCALAR].load<unsigned long long>();
    auto off =
        patches["numParticlesOffset"][RecordComponent::SCALAR].load<unsigned long long>();
    auto patchOffset = patches["offset"]["x"].load<double>();
    auto patchExtent = patches["extent"]["x"].load<double>();
    series.flush();

    for (int row = 0; row < 4; ++row)
    {
        for (int col = 0; col < 4; ++col)
        {
            int const tile = 2 * (row / 2) + col / 2;
            int const inTile = 2 * (row % 2) + col % 2;
            failures += rho.get()[4 * row + col] != 10 * tile + inTile;
        }
    }
    for (int k = 0; k < 16; ++k)
    {
        failures += Bx.get()[k] != 1.5;
    }
    failures += !it.meshes["B"]["y"].constant();
    failures += !ions.empty() || ions.getExtent() != Extent{0};
    failures += !ionPosition.empty() || ionPosition.getExtent() != Extent{0};
    failures += !ionOffset.empty() || ionOffset.getExtent() != Extent{0};
    failures += !electronOffset.constant() || electronOffset.getExtent() != Extent{8};
    failures += electronOffset.loadChunk<double>().get()[7] != 0.0;
    failures += num.get()[0] != 3 || num.get()[1] != 5;
    failures += off.get()[0] != 0 || off.get()[1] != 3;
    failures += patches.numPatches() != 2;
    failures += patchOffset.get()[0] != 0.0 || patchOffset.get()[1] != 3.0;
    failures += patchExtent.get()[0] != 3.0 || patchExtent.get()[1] != 5.0;
    return failures;
}
} // namespace

int main(int argc, char* argv[])
{
    std::string const ext = argc > 1 ? argv[1] : "json";
    std::string const dir = argc > 2 ? argv[2] : ".";
    std::string const path = dir + "/extended_write." + ext;
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
