#include "BenchSupport.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <unistd.h>

namespace bench
{
namespace
{
void usage(std::string const& program)
{
    std::cout
        << "Usage: " << program << " [options]\n"
        << "  --workload W1..W7   which workload (default W1)\n"
        << "  --ext h5|json       file extension, picks the backend (default h5)\n"
        << "  --dir DIR           where files go (default /dev/shm/openpmd-bench)\n"
        << "  --N n               W1/W7 mesh edge, N^3 doubles per component (256)\n"
        << "  --P n               W2/W7 particles (10000000)\n"
        << "  --K k[,k...]        iterations: W3 (1000), W4 (200), W5 "
           "(1000,10000,100000)\n"
        << "  --C c[,c...]        W6 chunk counts (1,100,10000)\n"
        << "  --elements n        W6 dataset size (1000000)\n"
        << "  --durable           fsync what is written before a write phase ends\n"
        << "  --keep              keep the files written\n"
        << "  --options JSON      options of the Series written (openpmd_bench), e.g.\n"
        << "                      '{\"hdf5\": {\"dataset\": {\"chunks\": \"auto\"}}}'\n"
        << "Prints one line per phase; exits 1 if any value read back differs.\n";
}

std::uint64_t toCount(std::string const& text, std::string const& option)
{
    std::size_t used = 0;
    unsigned long long value = 0;
    try
    {
        value = std::stoull(text, &used);
    }
    catch (std::exception const&)
    {
        used = 0;
    }
    if (used != text.size() || value == 0)
    {
        throw std::invalid_argument(option + " wants a positive integer, got '" + text +
                                    "'");
    }
    return value;
}

std::vector<std::uint64_t> toCounts(std::string const& text, std::string const& option)
{
    std::vector<std::uint64_t> counts;
    std::stringstream items(text);
    std::string item;
    while (std::getline(items, item, ','))
    {
        counts.push_back(toCount(item, option));
    }
    if (counts.empty())
    {
        throw std::invalid_argument(option + " wants a list of positive integers");
    }
    return counts;
}
} // namespace

Knobs parseKnobs(int argc, char** argv, std::string const& program)
{
    Knobs knobs;
    try
    {
        for (int i = 1; i < argc; ++i)
        {
            std::string const arg = argv[i];
            auto value = [&]() -> std::string
            {
                if (i + 1 >= argc)
                {
                    throw std::invalid_argument(arg + " needs a value");
                }
                return argv[++i];
            };
            if (arg == "--help" || arg == "-h")
            {
                usage(program);
                std::exit(0);
            }
            else if (arg == "--workload")
                knobs.workload = value();
            else if (arg == "--ext")
                knobs.ext = value();
            else if (arg == "--dir")
                knobs.dir = value();
            else if (arg == "--N")
                knobs.N = toCount(value(), arg);
            else if (arg == "--P")
                knobs.P = toCount(value(), arg);
            else if (arg == "--K")
                knobs.K = toCounts(value(), arg);
            else if (arg == "--C")
                knobs.C = toCounts(value(), arg);
            else if (arg == "--elements")
                knobs.elements = toCount(value(), arg);
            else if (arg == "--durable")
                knobs.durable = true;
            else if (arg == "--keep")
                knobs.keep = true;
            else if (arg == "--options")
                knobs.options = value();
            else
                throw std::invalid_argument("unknown argument '" + arg + "'");
        }
        if (!knobs.ext.empty() && knobs.ext.front() == '.')
        {
            knobs.ext.erase(0, 1);
        }
    }
    catch (std::invalid_argument const& e)
    {
        std::cerr << program << ": " << e.what() << "\n";
        usage(program);
        std::exit(2);
    }
    return knobs;
}

std::vector<std::uint64_t> iterationCounts(Knobs const& knobs,
                                           std::vector<std::uint64_t> fallback)
{
    return knobs.K.empty() ? fallback : knobs.K;
}

void fill(double* data, std::uint64_t count, std::uint64_t stream, std::uint64_t first)
{
    for (std::uint64_t i = 0; i < count; ++i)
    {
        data[i] = valueAt(stream, first + i);
    }
}

std::uint64_t mismatches(double const* data, std::uint64_t count, std::uint64_t stream,
                         std::uint64_t first)
{
    std::uint64_t wrong = 0;
    for (std::uint64_t i = 0; i < count; ++i)
    {
        wrong += data[i] != valueAt(stream, first + i);
    }
    return wrong;
}

bool resetPeakRss()
{
    int const fd = ::open("/proc/self/clear_refs", O_WRONLY);
    if (fd < 0)
    {
        return false;
    }
    bool const ok = ::write(fd, "5", 1) == 1;
    ::close(fd);
    return ok;
}

double peakRssMiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
    {
        if (line.rfind("VmHWM:", 0) == 0)
        {
            return std::strtod(line.c_str() + 6, nullptr) / 1024.0; // kB
        }
    }
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // kB on Linux
}

namespace
{
double cpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](timeval const& t)
    { return double(t.tv_sec) + 1e-6 * double(t.tv_usec); };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}
} // namespace

void PhaseMeter::start()
{
    resetPeakRss();
    m_seconds = 0;
    m_cpuSeconds = 0;
    m_running = false;
    resume();
}

void PhaseMeter::pause()
{
    if (m_running)
    {
        m_seconds += std::chrono::duration<double>(Clock::now() - m_since).count();
        m_cpuSeconds += cpuSeconds() - m_cpuSince;
        m_running = false;
    }
}

void PhaseMeter::resume()
{
    if (!m_running)
    {
        m_running = true;
        m_cpuSince = cpuSeconds();
        m_since = Clock::now();
    }
}

PhaseResult PhaseMeter::finish(std::uint64_t bytes)
{
    pause();
    return PhaseResult{m_seconds, bytes, peakRssMiB(), m_cpuSeconds};
}

void printPhase(std::string const& workload, std::string const& backend,
                std::string const& phase, PhaseResult const& result,
                std::string const& extra)
{
    double const mbps =
        result.seconds > 0 ? double(result.bytes) / result.seconds / 1e6 : 0.0;
    std::printf("workload=%s backend=%s phase=%s seconds=%.6f bytes=%llu MBps=%.1f "
                "peak_rss_MiB=%.0f cpu_seconds=%.6f%s%s\n",
                workload.c_str(), backend.c_str(), phase.c_str(), result.seconds,
                static_cast<unsigned long long>(result.bytes), mbps, result.peakRssMiB,
                result.cpuSeconds, extra.empty() ? "" : " ", extra.c_str());
    std::fflush(stdout);
}

void makeDirectory(std::string const& dir)
{
    std::filesystem::create_directories(dir);
}

void removeFiles(std::string const& dir, std::string const& prefix)
{
    std::error_code ignored;
    for (auto const& entry : std::filesystem::directory_iterator(dir, ignored))
    {
        if (entry.path().filename().string().rfind(prefix, 0) == 0)
        {
            std::filesystem::remove_all(entry.path(), ignored);
        }
    }
}

void syncFile(std::string const& path)
{
    for (std::string const& target :
         {path, std::filesystem::path(path).parent_path().string()})
    {
        int const fd = ::open(target.c_str(), O_RDONLY);
        if (fd < 0 || ::fsync(fd) != 0)
        {
            std::string const reason = std::strerror(errno);
            if (fd >= 0)
            {
                ::close(fd);
            }
            throw std::runtime_error("cannot fsync '" + target + "': " + reason);
        }
        ::close(fd);
    }
}

int report(std::uint64_t wrongValues, std::string const& what)
{
    if (wrongValues == 0)
    {
        return 0;
    }
    std::cerr << what << ": " << wrongValues
              << " value(s) read back differ from those written\n";
    return 1;
}
} // namespace bench
