#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace openPMD::tools
{
/**
 * One line on stderr, redrawn in place: iterations and bytes done, rate and
 * time left. Silent unless stderr is a terminal (and not --quiet), so logs
 * and pipes stay clean.
 */
class ProgressBar
{
public:
    ProgressBar(bool enabled, std::uint64_t iterations, std::uint64_t bytes);
    ~ProgressBar();
    ProgressBar(ProgressBar const&) = delete;
    ProgressBar& operator=(ProgressBar const&) = delete;

    void update(std::uint64_t iterationsDone, std::uint64_t bytesDone);
    /** Ends the line (called by the destructor too). */
    void finish();

    static bool stderrIsTerminal();

private:
    void draw();

    bool m_enabled;
    std::uint64_t m_iterations, m_bytes;
    std::uint64_t m_iterationsDone = 0, m_bytesDone = 0;
    std::chrono::steady_clock::time_point m_start, m_lastDraw;
    bool m_drawn = false;
};

/** "1.5 GiB", "230 MiB", "12 B". */
std::string humanBytes(double bytes);
} // namespace openPMD::tools
