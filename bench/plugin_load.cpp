// How long loading a backend plugin takes (issue 13, part 3). Loading
// happens once per process, so every repetition runs in a fresh child
// process: it times loadBackendPlugin (dlopen, the ABI check, registering
// the backends) and reports through a pipe.
//
// Usage: plugin_load_bench <plugin .so> [repetitions (default 20)]
// Prints the minimum and median in microseconds. For the python plugin the
// time includes what its register function does with OPENPMD_PYTHON_CONNECTOR
// set: starting CPython and importing numpy, openpmd_api and the connector.

#include <openPMD/Error.hpp>
#include <openPMD/IO/PluginLoader.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace
{
/** In the child: load once, write the microseconds (or -1) to `fd`. */
[[noreturn]] void timeOneLoad(std::string const& plugin, int fd)
{
    double micros = -1;
    try
    {
        auto const start = std::chrono::steady_clock::now();
        openPMD::loadBackendPlugin(plugin);
        auto const end = std::chrono::steady_clock::now();
        micros = std::chrono::duration<double, std::micro>(end - start).count();
    }
    catch (openPMD::Error const& e)
    {
        std::cerr << e.what() << '\n';
    }
    ssize_t const written = write(fd, &micros, sizeof micros);
    _exit(written == sizeof micros && micros >= 0 ? 0 : 1);
}

double loadInChild(std::string const& plugin)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        std::perror("pipe");
        std::exit(1);
    }
    pid_t const child = fork();
    if (child == 0)
    {
        close(fds[0]);
        timeOneLoad(plugin, fds[1]);
    }
    close(fds[1]);
    double micros = -1;
    if (read(fds[0], &micros, sizeof micros) != sizeof micros)
    {
        micros = -1;
    }
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? micros : -1;
}
} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::cerr << "usage: plugin_load_bench <plugin .so> [repetitions]\n";
        return 2;
    }
    int const repetitions = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i)
    {
        double const micros = loadInChild(argv[1]);
        if (micros < 0)
        {
            std::cerr << "plugin_load_bench: loading " << argv[1] << " failed\n";
            return 1;
        }
        times.push_back(micros);
    }
    std::sort(times.begin(), times.end());
    // One key=value line (bench/run.sh logs it, summarize.py reports it).
    char const* connector = std::getenv("OPENPMD_PYTHON_CONNECTOR");
    std::printf("plugin_load plugin=%s connector=%s min_us=%.0f median_us=%.0f reps=%d\n",
                argv[1], connector != nullptr && *connector != '\0' ? connector : "-",
                times.front(), times[times.size() / 2], repetitions);
    return 0;
}
