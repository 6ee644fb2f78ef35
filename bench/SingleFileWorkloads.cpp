// W1 (big mesh), W2 (particles) and W6 (many chunks): one iteration, big
// contiguous buffers handed to the library without a copy.
#include "LibraryWorkloads.hpp"

#include <openPMD/openPMD.hpp>

#include <array>
#include <cstring>
#include <memory>
#include <vector>

namespace bench
{
namespace
{
using namespace openPMD;

/** A pre-faulted buffer of `count` doubles (zeros), so page faults are not timed. */
std::unique_ptr<double[]> zeroedBuffer(std::uint64_t count)
{
    std::unique_ptr<double[]> buffer(new double[count]);
    std::memset(buffer.get(), 0, count * sizeof(double));
    return buffer;
}

/** A buffer holding the values of `stream`. */
std::unique_ptr<double[]> valueBuffer(std::uint64_t count, std::uint64_t stream)
{
    std::unique_ptr<double[]> buffer(new double[count]);
    fill(buffer.get(), count, stream);
    return buffer;
}
} // namespace

std::array<char const*, 3> const xyz = {"x", "y", "z"};

RecordComponent particleComponent(ParticleSpecies& species, int index)
{
    if (index < 3)
    {
        return species["position"][xyz[index]];
    }
    if (index < 6)
    {
        return species["momentum"][xyz[index - 3]];
    }
    return species["weighting"][RecordComponent::SCALAR];
}

std::string seriesOptions(Knobs const& knobs)
{
    std::string options = knobs.options;
    std::size_t const open = options.find('{');
    if (!knobs.durable || open == std::string::npos)
    {
        return options;
    }
    // Add "durable" as the object's first key.
    std::size_t const next = options.find_first_not_of(" \t\n", open + 1);
    bool const empty = next != std::string::npos && options[next] == '}';
    options.insert(open + 1, empty ? R"("durable": true)" : R"("durable": true, )");
    return options;
}

std::uint64_t runBigMesh(Knobs const& knobs)
{
    std::uint64_t const n = knobs.N;
    std::uint64_t const count = n * n * n;
    std::uint64_t const bytes = 3 * count * sizeof(double);
    std::string const path = knobs.dir + "/w1." + knobs.ext;
    std::string const extra = "N=" + std::to_string(n);
    PhaseMeter meter;
    {
        std::vector<std::unique_ptr<double[]>> data;
        for (std::uint64_t c = 0; c < 3; ++c)
        {
            data.push_back(valueBuffer(count, c));
        }
        meter.start();
        Series series(path, Access::CREATE, seriesOptions(knobs));
        Mesh E = series.iterations[0].meshes["E"];
        for (std::uint64_t c = 0; c < 3; ++c)
        {
            E[xyz[c]].resetDataset(Dataset(Datatype::DOUBLE, {n, n, n}));
            E[xyz[c]].storeChunkRaw(data[c].get(), {0, 0, 0}, {n, n, n});
        }
        series.close();
        printPhase("W1", knobs.ext, "write", meter.finish(bytes), extra);
    }
    std::vector<std::unique_ptr<double[]>> data;
    for (std::uint64_t c = 0; c < 3; ++c)
    {
        data.push_back(zeroedBuffer(count));
    }
    meter.start();
    Series series(path, Access::READ_ONLY);
    Mesh E = series.iterations[0].meshes["E"];
    for (std::uint64_t c = 0; c < 3; ++c)
    {
        E[xyz[c]].loadChunkRaw(data[c].get(), {0, 0, 0}, {n, n, n});
    }
    series.close();
    printPhase("W1", knobs.ext, "read", meter.finish(bytes), extra);
    std::uint64_t wrong = 0;
    for (std::uint64_t c = 0; c < 3; ++c)
    {
        wrong += mismatches(data[c].get(), count, c);
    }
    return wrong;
}

std::uint64_t runParticles(Knobs const& knobs)
{
    std::uint64_t const p = knobs.P;
    std::uint64_t const bytes = 7 * p * sizeof(double);
    std::string const path = knobs.dir + "/w2." + knobs.ext;
    std::string const extra = "P=" + std::to_string(p);
    PhaseMeter meter;
    {
        std::vector<std::unique_ptr<double[]>> data;
        for (int c = 0; c < 7; ++c)
        {
            data.push_back(valueBuffer(p, 10 + c));
        }
        meter.start();
        Series series(path, Access::CREATE, seriesOptions(knobs));
        ParticleSpecies electrons = series.iterations[0].particles["electrons"];
        for (int c = 0; c < 7; ++c)
        {
            RecordComponent component = particleComponent(electrons, c);
            component.resetDataset(Dataset(Datatype::DOUBLE, {p}));
            component.storeChunkRaw(data[c].get(), {0}, {p});
        }
        series.close();
        printPhase("W2", knobs.ext, "write", meter.finish(bytes), extra);
    }
    std::vector<std::unique_ptr<double[]>> data;
    for (int c = 0; c < 7; ++c)
    {
        data.push_back(zeroedBuffer(p));
    }
    meter.start();
    Series series(path, Access::READ_ONLY);
    ParticleSpecies electrons = series.iterations[0].particles["electrons"];
    for (int c = 0; c < 7; ++c)
    {
        particleComponent(electrons, c).loadChunkRaw(data[c].get(), {0}, {p});
    }
    series.close();
    printPhase("W2", knobs.ext, "read", meter.finish(bytes), extra);
    std::uint64_t wrong = 0;
    for (int c = 0; c < 7; ++c)
    {
        wrong += mismatches(data[c].get(), p, 10 + c);
    }
    return wrong;
}

std::uint64_t runManyChunks(Knobs const& knobs)
{
    std::uint64_t const n = knobs.elements;
    std::uint64_t const bytes = n * sizeof(double);
    std::uint64_t wrong = 0;
    for (std::uint64_t chunks : knobs.C)
    {
        if (n % chunks != 0)
        {
            throw std::invalid_argument("W6: --elements must be a multiple of every --C");
        }
        std::uint64_t const per = n / chunks;
        std::string const path =
            knobs.dir + "/w6_" + std::to_string(chunks) + "." + knobs.ext;
        std::string const extra = "C=" + std::to_string(chunks);
        auto data = valueBuffer(n, 60);
        PhaseMeter meter;
        {
            // The file and the dataset exist before the timed part: it is the
            // cost of many storeChunk calls and their one flush.
            Series series(path, Access::CREATE, seriesOptions(knobs));
            MeshRecordComponent rho =
                series.iterations[0].meshes["rho"][MeshRecordComponent::SCALAR];
            rho.resetDataset(Dataset(Datatype::DOUBLE, {n}));
            series.flush();
            meter.start();
            for (std::uint64_t k = 0; k < chunks; ++k)
            {
                rho.storeChunkRaw(data.get() + k * per, {k * per}, {per});
            }
            series.flush();
            printPhase("W6", knobs.ext, "flush", meter.finish(bytes), extra);
            series.close();
        }
        data = zeroedBuffer(n);
        meter.start();
        Series series(path, Access::READ_ONLY);
        series.iterations[0].meshes["rho"][MeshRecordComponent::SCALAR].loadChunkRaw(
            data.get(), {0}, {n});
        series.close();
        printPhase("W6", knobs.ext, "read", meter.finish(bytes), extra);
        wrong += mismatches(data.get(), n, 60);
    }
    return wrong;
}
} // namespace bench
