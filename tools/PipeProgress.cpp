#include "PipeProgress.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace openPMD::tools
{
namespace
{
void appendSynced(std::string const& path, std::string const& line, bool truncate)
{
    int const fd =
        open(path.c_str(), O_WRONLY | O_CREAT | (truncate ? O_TRUNC : O_APPEND), 0644);
    if (fd < 0)
        throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
    bool const ok =
        write(fd, line.data(), line.size()) == ssize_t(line.size()) && fsync(fd) == 0;
    int const error = errno;
    close(fd);
    if (!ok)
        throw std::runtime_error("cannot write '" + path + "': " + std::strerror(error));
}
} // namespace

PipeProgress::PipeProgress(std::string const& outputSeries,
                           std::string const& inputSeries)
    : m_path(outputSeries + ".pipe-progress"),
      m_header("openpmd-pipe progress 1, input " + inputSeries)
{
}

bool PipeProgress::exists() const
{
    return access(m_path.c_str(), F_OK) == 0;
}

std::set<std::uint64_t> PipeProgress::completed() const
{
    std::ifstream file(m_path);
    std::string line;
    if (!std::getline(file, line) || line != m_header)
        throw std::runtime_error("'" + m_path +
                                 "' is not the progress of a conversion of " +
                                 "this input (first line: '" + line + "')");
    std::set<std::uint64_t> indices;
    while (std::getline(file, line))
    {
        if (line.empty() || line.find_first_not_of("0123456789") != std::string::npos)
            break; // a line cut by the kill: its iteration is not complete
        indices.insert(std::stoull(line));
    }
    return indices;
}

void PipeProgress::start()
{
    appendSynced(m_path, m_header + "\n", true);
}

void PipeProgress::markCompleted(std::uint64_t index)
{
    appendSynced(m_path, std::to_string(index) + "\n", false);
}

void PipeProgress::remove()
{
    std::remove(m_path.c_str());
}
} // namespace openPMD::tools
