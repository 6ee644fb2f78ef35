// Reads everything of a Series through the public API: every attribute of
// every object, every iteration, mesh, species, record, component and patch,
// and every dataset's content. Run on bad input by run_corpus.py, once per
// file, in its own process, so that a crash or a hang is seen as such.
//
// Usage: walk_series <series path> [--write-base DIR]
// Exit codes: 0 read without error; 1 only openPMD::Error (printed, one per
// line, "openPMD error: <message>"); 2 another exception (printed as
// "foreign exception: ..."); 3 usage.
//
// --write-base DIR writes the valid series the corpus is made from.

#include "SeriesWalker.hpp"

#include <openPMD/openPMD.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <typeinfo>

using namespace openPMD;

namespace
{
void storeRamp(RecordComponent component, std::uint64_t count, double start)
{
    std::shared_ptr<double[]> values(new double[count]);
    for (std::uint64_t i = 0; i < count; ++i)
    {
        values[i] = start + static_cast<double>(i);
    }
    component.resetDataset(Dataset(Datatype::DOUBLE, {count}));
    component.storeChunk(values, {0}, {count});
}

/** A small but complete series: meshes, particles, constants, patches, empty. */
void writeBase(std::string const& path)
{
    Series series(path, Access::CREATE);
    series.setAuthor("libopenPMD bad-input corpus");
    for (std::uint64_t index : {0, 10})
    {
        Iteration it = series.iterations[index];
        it.setTime(static_cast<double>(index));
        Mesh E = it.meshes["E"];
        E.setAxisLabels({"x", "y"});
        E.setGridSpacing(std::vector<double>{1.0, 2.0});
        E.setGridGlobalOffset({0.0, 0.0});
        for (char const* axis : {"x", "y"})
        {
            std::shared_ptr<float[]> values(new float[12]);
            for (int i = 0; i < 12; ++i)
            {
                values[i] = static_cast<float>(i) * 0.5f;
            }
            E[axis].resetDataset(Dataset(Datatype::FLOAT, {3, 4}));
            E[axis].storeChunk(values, {0, 0}, {3, 4});
        }
        Mesh rho = it.meshes["rho"];
        rho.resetDataset(Dataset(Datatype::DOUBLE, {2, 2}));
        rho.makeConstant(1.5);
        ParticleSpecies e = it.particles["e"];
        storeRamp(e["position"]["x"], 5, 0.0);
        storeRamp(e["weighting"][RecordComponent::SCALAR], 5, 1.0);
        e["charge"][RecordComponent::SCALAR].resetDataset(Dataset(Datatype::DOUBLE, {5}));
        e["charge"][RecordComponent::SCALAR].makeConstant(-1.0);
        e["empty"][RecordComponent::SCALAR].makeEmpty<double>(1);
        for (char const* record : {"numParticles", "numParticlesOffset"})
        {
            auto component = e.particlePatches[record][RecordComponent::SCALAR];
            component.resetDataset(Dataset(Datatype::ULONG, {2}));
            component.store<unsigned long>(0, 2);
            component.store<unsigned long>(1, 3);
        }
        for (char const* record : {"offset", "extent"})
        {
            auto component = e.particlePatches[record]["x"];
            component.resetDataset(Dataset(Datatype::DOUBLE, {2}));
            component.store(0, 0.0);
            component.store(1, 2.0);
        }
        it.close();
    }
    series.close();
}
} // namespace

int main(int argc, char* argv[])
{
    if (argc == 3 && std::string(argv[1]) == "--write-base")
    {
        std::string const dir = argv[2];
        for (char const* ext : {"json", "h5"})
        {
            writeBase(dir + "/group." + ext);
            writeBase(dir + "/file_%T." + ext);
        }
        return 0;
    }
    if (argc != 2)
    {
        std::cerr << "usage: " << argv[0] << " <series> | --write-base DIR\n";
        return 3;
    }
    int errors = 0;
    badinput::SeriesWalker walker(
        [&errors](Error const& e)
        {
            ++errors;
            std::string message = e.what();
            for (auto& c : message)
            {
                c = c == '\n' ? ' ' : c;
            }
            std::cout << "openPMD error: " << message << '\n';
        });
    try
    {
        walker.walk(argv[1]);
    }
    catch (std::exception const& e)
    {
        std::cout << "foreign exception: " << typeid(e).name() << ": " << e.what()
                  << '\n';
        return 2;
    }
    catch (...)
    {
        std::cout << "foreign exception: not a std::exception\n";
        return 2;
    }
    return errors == 0 ? 0 : 1;
}
