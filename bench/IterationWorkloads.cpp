// W3/W4 (many small iterations, one file or one file each) and W5 (iteration
// scaling): the per-iteration costs of the library.
#include "LibraryWorkloads.hpp"

#include <openPMD/openPMD.hpp>

#include <array>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace bench
{
namespace
{
using namespace openPMD;

std::uint64_t const meshEdge = 16;
std::uint64_t const meshCount = meshEdge * meshEdge * meshEdge;
std::uint64_t const particleCount = 1000;
/** E{x,y,z}, B{x,y,z}, then position{x,y,z}, momentum{x,y,z}, weighting. */
int const componentCount = 13;

std::array<char const*, 3> const xyz = {"x", "y", "z"};

std::uint64_t componentSize(int component)
{
    return component < 6 ? meshCount : particleCount;
}

/** Data stream of a component of iteration `k` (distinct per iteration). */
std::uint64_t streamOf(std::uint64_t k, int component)
{
    return 1000 + k * componentCount + static_cast<std::uint64_t>(component);
}

RecordComponent componentOf(Iteration& iteration, int component)
{
    if (component < 3)
    {
        return iteration.meshes["E"][xyz[component]];
    }
    if (component < 6)
    {
        return iteration.meshes["B"][xyz[component - 3]];
    }
    ParticleSpecies e = iteration.particles["e"];
    if (component < 9)
    {
        return e["position"][xyz[component - 6]];
    }
    if (component < 12)
    {
        return e["momentum"][xyz[component - 9]];
    }
    return e["weighting"][RecordComponent::SCALAR];
}

/** One buffer per component, reused by every iteration. */
struct IterationBuffers
{
    std::vector<std::vector<double>> data;
    IterationBuffers()
    {
        for (int c = 0; c < componentCount; ++c)
        {
            data.emplace_back(componentSize(c));
        }
    }
};

std::uint64_t const iterationBytes = (6 * meshCount + 7 * particleCount) * sizeof(double);

void writeManySmall(Knobs const& knobs, std::string const& path, std::uint64_t iterations,
                    std::string const& workload, std::string const& extra)
{
    IterationBuffers buffers;
    PhaseMeter meter;
    meter.start();
    Series series(path, Access::CREATE, seriesOptions(knobs));
    for (std::uint64_t k = 0; k < iterations; ++k)
    {
        meter.pause();
        for (int c = 0; c < componentCount; ++c)
        {
            fill(buffers.data[c].data(), componentSize(c), streamOf(k, c));
        }
        meter.resume();
        Iteration iteration = series.iterations[k];
        for (int c = 0; c < componentCount; ++c)
        {
            RecordComponent component = componentOf(iteration, c);
            Extent extent =
                c < 6 ? Extent{meshEdge, meshEdge, meshEdge} : Extent{particleCount};
            component.resetDataset(Dataset(Datatype::DOUBLE, extent));
            component.storeChunkRaw(buffers.data[c].data(), Offset(extent.size(), 0),
                                    extent);
        }
        iteration.close();
    }
    series.close();
    printPhase(workload, knobs.ext, "write", meter.finish(iterations * iterationBytes),
               extra);
}

std::uint64_t readManySmall(Knobs const& knobs, std::string const& path,
                            std::uint64_t iterations, std::string const& workload,
                            std::string const& extra)
{
    IterationBuffers buffers;
    std::uint64_t wrong = 0;
    PhaseMeter meter;
    meter.start();
    Series series(path, Access::READ_ONLY);
    if (series.iterations.size() != iterations)
    {
        throw std::runtime_error(workload + ": " + path + " has " +
                                 std::to_string(series.iterations.size()) +
                                 " iterations, expected " + std::to_string(iterations));
    }
    for (std::uint64_t k = 0; k < iterations; ++k)
    {
        Iteration iteration = series.iterations[k];
        for (int c = 0; c < componentCount; ++c)
        {
            RecordComponent component = componentOf(iteration, c);
            Extent extent = component.getExtent();
            component.loadChunkRaw(buffers.data[c].data(), Offset(extent.size(), 0),
                                   extent);
        }
        iteration.close(); // flush point: the buffers are filled now
        meter.pause();
        for (int c = 0; c < componentCount; ++c)
        {
            wrong += mismatches(buffers.data[c].data(), componentSize(c), streamOf(k, c));
            std::memset(buffers.data[c].data(), 0, componentSize(c) * sizeof(double));
        }
        meter.resume();
    }
    series.close();
    printPhase(workload, knobs.ext, "read", meter.finish(iterations * iterationBytes),
               extra);
    return wrong;
}

std::uint64_t const tinyCount = 16;

/** W5 write: K iterations of one 16-element scalar mesh, each closed. */
void writeTiny(Knobs const& knobs, std::string const& path, std::uint64_t iterations,
               std::string const& extra)
{
    std::vector<double> buffer(tinyCount);
    PhaseMeter meter;
    meter.start();
    Series series(path, Access::CREATE, seriesOptions(knobs));
    for (std::uint64_t k = 0; k < iterations; ++k)
    {
        meter.pause();
        fill(buffer.data(), tinyCount, 500000 + k);
        meter.resume();
        Iteration iteration = series.iterations[k];
        MeshRecordComponent rho = iteration.meshes["rho"][MeshRecordComponent::SCALAR];
        rho.resetDataset(Dataset(Datatype::DOUBLE, {tinyCount}));
        rho.storeChunkRaw(buffer.data(), {0}, {tinyCount});
        iteration.close();
    }
    series.close();
    printPhase("W5", knobs.ext, "write",
               meter.finish(iterations * tinyCount * sizeof(double)), extra);
}

/** W5 read: open and list the iterations, then read only the last one. */
std::uint64_t readTiny(Knobs const& knobs, std::string const& path,
                       std::uint64_t iterations, std::string const& extra)
{
    PhaseMeter meter;
    meter.start();
    Series series(path, Access::READ_ONLY);
    std::uint64_t expected = 0;
    for (auto const& entry : series.iterations)
    {
        if (entry.first != expected++)
        {
            throw std::runtime_error("W5: " + path + " lists iteration " +
                                     std::to_string(entry.first) + " where " +
                                     std::to_string(expected - 1) + " was expected");
        }
    }
    printPhase("W5", knobs.ext, "open_list", meter.finish(0), extra);
    if (expected != iterations)
    {
        throw std::runtime_error("W5: " + path + " lists " + std::to_string(expected) +
                                 " iterations, expected " + std::to_string(iterations));
    }
    std::vector<double> buffer(tinyCount);
    meter.start();
    Iteration last = series.iterations[iterations - 1];
    last.meshes["rho"][MeshRecordComponent::SCALAR].loadChunkRaw(buffer.data(), {0},
                                                                 {tinyCount});
    last.close();
    printPhase("W5", knobs.ext, "read_last", meter.finish(tinyCount * sizeof(double)),
               extra);
    series.close();
    return mismatches(buffer.data(), tinyCount, 500000 + iterations - 1);
}
} // namespace

std::uint64_t runManySmall(Knobs const& knobs, bool fileBased)
{
    std::string const workload = fileBased ? "W4" : "W3";
    std::uint64_t wrong = 0;
    for (std::uint64_t iterations :
         iterationCounts(knobs, {fileBased ? std::uint64_t{200} : std::uint64_t{1000}}))
    {
        std::string const name = fileBased ? "w4_" + std::to_string(iterations) + "_%T"
                                           : "w3_" + std::to_string(iterations);
        std::string const path = knobs.dir + "/" + name + "." + knobs.ext;
        std::string const extra = "K=" + std::to_string(iterations);
        writeManySmall(knobs, path, iterations, workload, extra);
        wrong += readManySmall(knobs, path, iterations, workload, extra);
    }
    return wrong;
}

std::uint64_t runIterationScaling(Knobs const& knobs)
{
    std::uint64_t wrong = 0;
    for (std::uint64_t iterations : iterationCounts(knobs, {1000, 10000, 100000}))
    {
        std::string const path =
            knobs.dir + "/w5_" + std::to_string(iterations) + "." + knobs.ext;
        std::string const extra = "K=" + std::to_string(iterations);
        writeTiny(knobs, path, iterations, extra);
        wrong += readTiny(knobs, path, iterations, extra);
    }
    return wrong;
}
} // namespace bench
