// The benchmark of WORKLOADS.md through libopenPMD's public API only.
// Usage: openpmd_bench --workload W1..W7 --ext h5|json [size knobs]; --help lists them.
// W7 runs under mpiexec. Exit status: 0, 1 if a value read back differed,
// 2 on bad arguments, 3 if the library failed (its message is printed),
// 77 if the workload cannot run with this build (skipped).
#include "BenchSupport.hpp"
#include "LibraryWorkloads.hpp"

#include <openPMD/openPMD.hpp>
// libopenPMD's plugins (not in openPMD-api, whose builds lack the header).
#if __has_include(<openPMD/IO/PluginLoader.hpp>)
#include <openPMD/IO/PluginLoader.hpp>
#define OPENPMD_BENCH_PLUGINS 1
#endif

#include <exception>
#include <iostream>

namespace
{
std::uint64_t runWorkload(bench::Knobs const& knobs)
{
    std::string const& w = knobs.workload;
    if (w == "W1")
        return bench::runBigMesh(knobs);
    if (w == "W2")
        return bench::runParticles(knobs);
    if (w == "W3")
        return bench::runManySmall(knobs, false);
    if (w == "W4")
        return bench::runManySmall(knobs, true);
    if (w == "W5")
        return bench::runIterationScaling(knobs);
    if (w == "W6")
        return bench::runManyChunks(knobs);
    if (w == "W7")
        return bench::runParallel(knobs);
    throw std::invalid_argument("unknown workload '" + w + "' (W1 to W7)");
}

int run(bench::Knobs const& knobs)
{
    try
    {
#ifdef OPENPMD_BENCH_PLUGINS
        // The first Series would load the plugins the environment selects
        // (the python plugin starts CPython): not inside a timed phase.
        // plugin_load_bench measures that.
        openPMD::loadPluginsFromEnvironment();
#endif
        bench::makeDirectory(knobs.dir);
        std::uint64_t const wrong = runWorkload(knobs);
        return bench::report(wrong, knobs.workload + " (" + knobs.ext + ")");
    }
    catch (bench::Unavailable const& e)
    {
        std::cerr << "openpmd_bench: " << knobs.workload << " skipped: " << e.what()
                  << "\n";
        return 77;
    }
    catch (std::invalid_argument const& e)
    {
        std::cerr << "openpmd_bench: " << e.what() << "\n";
        return 2;
    }
    catch (std::exception const& e)
    {
        std::cerr << "openpmd_bench: " << knobs.workload << " (" << knobs.ext
                  << ") failed: " << e.what() << "\n";
        return 3;
    }
}
} // namespace

int main(int argc, char** argv)
{
    bench::Knobs const knobs = bench::parseKnobs(argc, argv, "openpmd_bench");
#if openPMD_HAVE_MPI
    bool const parallel = knobs.workload == "W7";
    if (parallel)
    {
        MPI_Init(&argc, &argv);
    }
#endif
    int status = run(knobs);
#if openPMD_HAVE_MPI
    if (parallel)
    {
        // Every rank must agree on the status (one rank may have thrown).
        int worst = status;
        MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        status = worst;
        MPI_Finalize();
    }
#endif
    if (!knobs.keep)
    {
        bench::removeFiles(knobs.dir, "w" + knobs.workload.substr(1) + "_");
        bench::removeFiles(knobs.dir, "w" + knobs.workload.substr(1) + ".");
    }
    return status;
}
