// The two halves of the kill test (run_kill_test.py).
//
// kill_writer write <series> <iterations> [options]
//   Writes iterations 0, 1, ... each with a mesh and a particle species whose
//   values depend on the iteration, closes each (Iteration::close()) and only
//   then prints "closed <index>" (flushed), so every printed index is one the
//   library reported closed. The test SIGKILLs it at a random moment.
//
// kill_writer check <series> <closed-list file>
//   Opens the series and requires every index of the list to be present with
//   every value right. Iterations that are not in the list (the one being
//   written at the kill) may be missing or fail with an openPMD::Error; they
//   must not crash the reader nor hide the others.
//   Prints "closed=<n> lost=<n> torn_reported=<n>" and exits 0 when nothing
//   was lost, 1 when something was, 2 when the series did not open, 3 on a
//   foreign exception.

#include <openPMD/openPMD.hpp>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <vector>

using namespace openPMD;

namespace
{
constexpr std::uint64_t meshSide = 16;
constexpr std::uint64_t particleCount = 32;

double meshValue(std::uint64_t iteration, std::uint64_t i)
{
    return static_cast<double>(iteration) * 1000.0 + static_cast<double>(i);
}

double particleValue(std::uint64_t iteration, std::uint64_t i)
{
    return -static_cast<double>(iteration) - static_cast<double>(i) * 0.25;
}

int write(std::string const& path, std::uint64_t iterations, std::string const& options)
{
    Series series(path, Access::CREATE, options);
    for (std::uint64_t index = 0; index < iterations; ++index)
    {
        Iteration iteration = series.iterations[index];
        iteration.setTime(static_cast<double>(index));
        auto E = iteration.meshes["E"]["x"];
        std::shared_ptr<double[]> field(new double[meshSide * meshSide]);
        for (std::uint64_t i = 0; i < meshSide * meshSide; ++i)
        {
            field[i] = meshValue(index, i);
        }
        E.resetDataset(Dataset(Datatype::DOUBLE, {meshSide, meshSide}));
        E.storeChunk(field, {0, 0}, {meshSide, meshSide});
        auto x = iteration.particles["e"]["position"]["x"];
        std::shared_ptr<double[]> positions(new double[particleCount]);
        for (std::uint64_t i = 0; i < particleCount; ++i)
        {
            positions[i] = particleValue(index, i);
        }
        x.resetDataset(Dataset(Datatype::DOUBLE, {particleCount}));
        x.storeChunk(positions, {0}, {particleCount});
        iteration.close();
        std::printf("closed %llu\n", static_cast<unsigned long long>(index));
        std::fflush(stdout);
    }
    series.close();
    return 0;
}

/** Reads iteration `index` completely; true if every value is right. */
bool readsBack(Series& series, std::uint64_t index)
{
    Iteration iteration = series.iterations.at(index);
    iteration.open();
    auto E = iteration.meshes.at("E").at("x");
    auto field = E.loadChunk<double>();
    auto x = iteration.particles.at("e").at("position").at("x");
    auto positions = x.loadChunk<double>();
    series.flush();
    if (E.getExtent() != Extent{meshSide, meshSide} ||
        x.getExtent() != Extent{particleCount})
    {
        return false;
    }
    for (std::uint64_t i = 0; i < meshSide * meshSide; ++i)
    {
        if (field.get()[i] != meshValue(index, i))
        {
            return false;
        }
    }
    for (std::uint64_t i = 0; i < particleCount; ++i)
    {
        if (positions.get()[i] != particleValue(index, i))
        {
            return false;
        }
    }
    iteration.close();
    return true;
}

int check(std::string const& path, std::string const& closedList)
{
    std::set<std::uint64_t> closed;
    std::ifstream list(closedList);
    for (std::uint64_t index; list >> index;)
    {
        closed.insert(index);
    }
    std::unique_ptr<Series> series;
    try
    {
        series = std::make_unique<Series>(path, Access::READ_ONLY);
    }
    catch (Error const& e)
    {
        std::cout << "series does not open: " << e.what() << '\n';
        return closed.empty() ? 0 : 2;
    }
    std::size_t lost = 0;
    for (auto index : closed)
    {
        try
        {
            if (series->iterations.count(index) == 0)
            {
                std::cout << "lost: iteration " << index << " is missing\n";
                ++lost;
            }
            else if (!readsBack(*series, index))
            {
                std::cout << "lost: iteration " << index << " has wrong values\n";
                ++lost;
            }
        }
        catch (Error const& e)
        {
            std::cout << "lost: iteration " << index << ": " << e.what() << '\n';
            ++lost;
        }
    }
    std::size_t tornReported = 0;
    std::vector<std::uint64_t> others;
    for (auto const& entry : series->iterations)
    {
        if (closed.count(entry.first) == 0)
        {
            others.push_back(entry.first);
        }
    }
    for (auto index : others)
    {
        try
        {
            (void)readsBack(*series, index);
        }
        catch (Error const&)
        {
            ++tornReported;
        }
        catch (std::out_of_range const&)
        {
            // Container::at() on a record the torn iteration never got (as
            // openPMD-api, it throws std::out_of_range).
            ++tornReported;
        }
    }
    std::cout << "closed=" << closed.size() << " lost=" << lost
              << " torn_reported=" << tornReported << '\n';
    return lost == 0 ? 0 : 1;
}
} // namespace

int main(int argc, char* argv[])
{
    std::vector<std::string> args(argv + 1, argv + argc);
    try
    {
        if (args.size() >= 3 && args[0] == "write")
        {
            return write(args[1], std::stoull(args[2]), args.size() > 3 ? args[3] : "{}");
        }
        if (args.size() == 3 && args[0] == "check")
        {
            return check(args[1], args[2]);
        }
    }
    catch (Error const& e)
    {
        std::cout << "openPMD error: " << e.what() << '\n';
        return 1;
    }
    catch (std::exception const& e)
    {
        std::cout << "foreign exception " << typeid(e).name() << ": " << e.what() << '\n';
        return 3;
    }
    std::cerr << "usage: kill_writer write <series> <iterations> [options]\n"
                 "       kill_writer check <series> <closed-list file>\n";
    return 4;
}
