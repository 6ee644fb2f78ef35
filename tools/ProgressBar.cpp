#include "ProgressBar.hpp"

#include <cstdio>
#include <unistd.h>

namespace openPMD::tools
{
std::string humanBytes(double bytes)
{
    char const* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (bytes >= 1024 && unit < 4)
    {
        bytes /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", bytes,
                  units[unit]);
    return text;
}

bool ProgressBar::stderrIsTerminal()
{
    return isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(bool enabled, std::uint64_t iterations, std::uint64_t bytes)
    : m_enabled(enabled), m_iterations(iterations), m_bytes(bytes),
      m_start(std::chrono::steady_clock::now()), m_lastDraw(m_start)
{
}

ProgressBar::~ProgressBar()
{
    finish();
}

void ProgressBar::update(std::uint64_t iterationsDone, std::uint64_t bytesDone)
{
    m_iterationsDone = iterationsDone;
    m_bytesDone = bytesDone;
    auto const now = std::chrono::steady_clock::now();
    if (m_enabled && (now - m_lastDraw > std::chrono::milliseconds(100) ||
                      iterationsDone == m_iterations))
    {
        m_lastDraw = now;
        draw();
    }
}

void ProgressBar::draw()
{
    double const seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    double const fraction =
        m_bytes > 0
            ? double(m_bytesDone) / double(m_bytes)
            : (m_iterations > 0 ? double(m_iterationsDone) / double(m_iterations) : 1);
    int const width = 24;
    int const filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, ' ');
    double const rate = seconds > 0 ? double(m_bytesDone) / seconds : 0;
    double const left = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
    std::fprintf(stderr, "\r[%s] %llu/%llu iterations, %s of %s, %s/s, %.0f s left  ",
                 bar.c_str(), static_cast<unsigned long long>(m_iterationsDone),
                 static_cast<unsigned long long>(m_iterations),
                 humanBytes(double(m_bytesDone)).c_str(),
                 humanBytes(double(m_bytes)).c_str(), humanBytes(rate).c_str(), left);
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressBar::finish()
{
    if (m_drawn)
    {
        std::fputc('\n', stderr);
        m_drawn = false;
    }
}
} // namespace openPMD::tools
