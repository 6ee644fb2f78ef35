#pragma once
// What the library benchmark and the raw-HDF5 baseline share: command-line
// knobs, the deterministic data formula, per-phase timing with peak RSS, and
// the output line of bench/../shared WORKLOADS.md. No openPMD or HDF5 here.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace bench
{
/** The size knobs and switches of one benchmark run (see usage()). */
struct Knobs
{
    std::string workload = "W1";
    std::string ext = "h5";
    std::string dir = "/dev/shm/openpmd-bench";
    std::uint64_t N = 256;
    std::uint64_t P = 10000000;
    /** Iteration counts; empty means the workload's default. */
    std::vector<std::uint64_t> K;
    /** W6 chunk counts. */
    std::vector<std::uint64_t> C = {1, 100, 10000};
    /** W6 elements. */
    std::uint64_t elements = 1000000;
    /** Files on disk and fsync'ed before a write phase ends. */
    bool durable = false;
    /** Keep the files after the run (for h5dump and friends). */
    bool keep = false;
    /** Options of the Series written (a JSON object), e.g. chunking. */
    std::string options = "{}";
};

/** Parses argv; prints usage and exits on --help or a bad argument. */
Knobs parseKnobs(int argc, char** argv, std::string const& program);

/** The K list of `knobs`, or `fallback` when none was given. */
std::vector<std::uint64_t> iterationCounts(Knobs const& knobs,
                                           std::vector<std::uint64_t> fallback);

/**
 * The value of element `index` of data stream `stream`. Half-integers below
 * 2^40 are exact in binary and in decimal text, so any backend must give back
 * exactly this value.
 */
inline double valueAt(std::uint64_t stream, std::uint64_t index)
{
    return 0.5 *
           static_cast<double>((stream * 7919u + index * 3u) % (std::uint64_t{1} << 40));
}

void fill(double* data, std::uint64_t count, std::uint64_t stream,
          std::uint64_t first = 0);
/** Number of elements that differ from valueAt(stream, first + i). */
std::uint64_t mismatches(double const* data, std::uint64_t count, std::uint64_t stream,
                         std::uint64_t first = 0);

/** What one phase cost. */
struct PhaseResult
{
    double seconds = 0;
    std::uint64_t bytes = 0;
    double peakRssMiB = 0;
    /** User + system CPU time of the process: robust on a crowded machine. */
    double cpuSeconds = 0;
};

/**
 * Times one phase and measures its peak resident set size.
 *
 * start() resets the kernel's high-water mark (`echo 5 > /proc/self/clear_refs`,
 * which sets VmHWM to the current RSS); finish() reads VmHWM from
 * /proc/self/status. Where clear_refs cannot be written, the peak is the
 * process's peak so far (getrusage), which can only over-report.
 * pause()/resume() keep untimed work (data generation, checks) out of seconds.
 * CPU time (getrusage, all threads) is measured alongside: on a shared machine
 * the wall time includes waiting for a core, the CPU time does not.
 */
class PhaseMeter
{
public:
    void start();
    void pause();
    void resume();
    PhaseResult finish(std::uint64_t bytes);

private:
    using Clock = std::chrono::steady_clock;
    Clock::time_point m_since;
    double m_seconds = 0;
    double m_cpuSince = 0;
    double m_cpuSeconds = 0;
    bool m_running = false;
};

/** Peak RSS in MiB since the last reset (VmHWM), or getrusage's peak. */
double peakRssMiB();
/** Resets VmHWM; false if the kernel does not let us. */
bool resetPeakRss();

/**
 * Prints `workload=.. backend=.. phase=.. seconds=.. bytes=.. MBps=.. peak_rss_MiB=..`
 * (the line of WORKLOADS.md), then `cpu_seconds=..` and `extra` (e.g. "K=1000").
 */
void printPhase(std::string const& workload, std::string const& backend,
                std::string const& phase, PhaseResult const& result,
                std::string const& extra = "");

/** Creates `dir` (and parents) if missing. */
void makeDirectory(std::string const& dir);
/** Removes the files in `dir` whose names start with `prefix`. */
void removeFiles(std::string const& dir, std::string const& prefix);
/** fsync()s a file and its directory (durable mode of the baseline). */
void syncFile(std::string const& path);

/** Exit status of a run: 0, or 1 with a message if values differed. */
int report(std::uint64_t wrongValues, std::string const& what);
} // namespace bench
