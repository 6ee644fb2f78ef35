// Ad-hoc workload runner (session 2, perf): one phase of W1, W2, W3 or W6
// through the frontend per process, so that VmHWM is the peak of that phase.
//
//   wl <workload> <ext> <size> <phase> [dir] [durable]
//     workload: w1 (size N), w2 (size P), w3 (size K), w6 (size C chunks of 1e6)
//     phase:    write | read
//
// Prints: workload=.. ext=.. size=.. phase=.. seconds=.. per_iter_ms=.. peak_rss_MiB=..
// Exits non-zero if a value read back differs.
#include <openPMD/openPMD.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
double value(std::uint64_t i, int c)
{
    return 0.25 * double(i % 100003) + c;
}

long peakRssKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("VmHWM:", 0) == 0)
        {
            return std::atol(line.c_str() + 6);
        }
    }
    return -1;
}

std::shared_ptr<double[]> filled(std::uint64_t n, int c)
{
    std::shared_ptr<double[]> data(new double[n]);
    for (std::uint64_t i = 0; i < n; ++i)
    {
        data[i] = value(i, c);
    }
    return data;
}

int failures = 0;
void check(double const* data, std::uint64_t n, int c)
{
    for (std::uint64_t i = 0; i < n; ++i)
    {
        if (data[i] != value(i, c))
        {
            ++failures;
            return;
        }
    }
}

char const* const axes[] = {"x", "y", "z"};

/** W1 has mesh E only; W3 has E and B. */
std::vector<char const*> meshNames = {"E", "B"};

void writeIteration(Iteration it, std::uint64_t meshSide, std::uint64_t particles,
                    std::vector<std::shared_ptr<double[]>>& keep)
{
    std::uint64_t const cells = meshSide * meshSide * meshSide;
    int c = 0;
    if (cells > 0)
    {
        for (char const* mesh : meshNames)
        {
            for (char const* axis : axes)
            {
                auto rc = it.meshes[mesh][axis];
                rc.resetDataset(
                    Dataset(Datatype::DOUBLE, {meshSide, meshSide, meshSide}));
                keep.push_back(filled(cells, c++));
                rc.storeChunk(keep.back(), {0, 0, 0}, {meshSide, meshSide, meshSide});
            }
        }
    }
    if (particles > 0)
    {
        auto species = it.particles["e"];
        for (char const* record : {"position", "momentum"})
        {
            for (char const* axis : axes)
            {
                auto rc = species[record][axis];
                rc.resetDataset(Dataset(Datatype::DOUBLE, {particles}));
                keep.push_back(filled(particles, c++));
                rc.storeChunk(keep.back(), {0}, {particles});
            }
        }
        auto w = species["weighting"][RecordComponent::SCALAR];
        w.resetDataset(Dataset(Datatype::DOUBLE, {particles}));
        keep.push_back(filled(particles, c++));
        w.storeChunk(keep.back(), {0}, {particles});
    }
}

void readIteration(Iteration it, std::uint64_t meshSide, std::uint64_t particles)
{
    std::uint64_t const cells = meshSide * meshSide * meshSide;
    std::vector<std::pair<std::shared_ptr<double>, std::uint64_t>> loaded;
    if (cells > 0)
    {
        for (char const* mesh : meshNames)
        {
            for (char const* axis : axes)
            {
                loaded.emplace_back(it.meshes[mesh][axis].loadChunk<double>(), cells);
            }
        }
    }
    if (particles > 0)
    {
        auto species = it.particles["e"];
        for (char const* record : {"position", "momentum"})
        {
            for (char const* axis : axes)
            {
                loaded.emplace_back(species[record][axis].loadChunk<double>(), particles);
            }
        }
        loaded.emplace_back(
            species["weighting"][RecordComponent::SCALAR].loadChunk<double>(), particles);
    }
    it.close();
    int c = 0;
    for (auto const& [data, n] : loaded)
    {
        check(data.get(), n, c++);
    }
}
} // namespace

int main(int argc, char** argv)
{
    if (argc < 5)
    {
        std::fprintf(stderr,
                     "usage: wl w1|w2|w3|w6 ext size write|read [dir] [durable]\n");
        return 2;
    }
    std::string const workload = argv[1], ext = argv[2], phase = argv[4];
    std::uint64_t const size = std::strtoull(argv[3], nullptr, 10);
    std::string const dir = argc > 5 ? argv[5] : "/dev/shm/wl";
    bool const durable = argc > 6 && std::string(argv[6]) == "durable";
    std::string const file = dir + "/" + workload + "." + ext;
    std::string const options = durable ? R"({"durable": true})" : "{}";
    bool const write = phase == "write";

    std::uint64_t meshSide = 0, particles = 0, iterations = 1;
    if (workload == "w1")
        meshSide = size, meshNames = {"E"};
    else if (workload == "w2")
        particles = size;
    else if (workload == "w3")
        meshSide = 16, particles = 1000, iterations = size;

    double seconds = 0;
    if (workload == "w6" && write)
    {
        // 1 chunk and `size` chunks alternately, 9 times each, in one process.
        std::uint64_t const n = 1000000;
        auto data = filled(n, 0);
        std::vector<double> one, many;
        for (int rep = 0; rep < 9; ++rep)
        {
            for (std::uint64_t chunks : {std::uint64_t(1), size})
            {
                std::uint64_t const per = n / chunks;
                Series series(file, Access::CREATE, options);
                auto rc = series.iterations[0].meshes["rho"][RecordComponent::SCALAR];
                rc.resetDataset(Dataset(Datatype::DOUBLE, {n}));
                series.flush();
                auto t0 = std::chrono::steady_clock::now();
                for (std::uint64_t k = 0; k < chunks; ++k)
                {
                    rc.storeChunk(
                        std::shared_ptr<double const>(data, data.get() + k * per),
                        {k * per}, {per});
                }
                series.flush();
                double const s =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
                        .count();
                (chunks == 1 ? one : many).push_back(s);
            }
        }
        std::sort(one.begin(), one.end());
        std::sort(many.begin(), many.end());
        std::printf("workload=w6 ext=%s chunks=%llu one_median=%.4f many_median=%.4f "
                    "ratio_median=%.2f one_min=%.4f many_min=%.4f ratio_min=%.2f\n",
                    ext.c_str(), (unsigned long long)size, one[4], many[4],
                    many[4] / one[4], one[0], many[0], many[0] / one[0]);
        return 0;
    }
    else
    {
        auto t0 = std::chrono::steady_clock::now();
        if (write)
        {
            Series series(file, Access::CREATE, options);
            for (std::uint64_t k = 0; k < iterations; ++k)
            {
                std::vector<std::shared_ptr<double[]>> keep;
                Iteration it = series.iterations[k];
                writeIteration(it, meshSide, particles, keep);
                it.close();
            }
            series.close();
        }
        else
        {
            Series series(file, Access::READ_ONLY);
            for (auto& [index, it] : series.iterations)
            {
                (void)index;
                readIteration(it, meshSide, particles);
            }
            series.close();
        }
        seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    std::printf("workload=%s ext=%s size=%llu phase=%s seconds=%.4f per_iter_ms=%.3f "
                "peak_rss_MiB=%.1f%s\n",
                workload.c_str(), ext.c_str(), (unsigned long long)size, phase.c_str(),
                seconds, 1000 * seconds / double(iterations), peakRssKiB() / 1024.0,
                failures ? " MISMATCH" : "");
    return failures ? 1 : 0;
}
