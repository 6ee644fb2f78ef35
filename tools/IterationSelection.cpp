#include "IterationSelection.hpp"

#include <stdexcept>

namespace openPMD::tools
{
namespace
{
std::uint64_t parseIndex(std::string const& text, std::string const& whole)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 19)
    {
        throw std::invalid_argument("--iterations '" + whole + "': '" + text +
                                    "' is not an iteration index (expected digits)");
    }
    return std::stoull(text);
}

std::vector<std::string> split(std::string const& text, char separator)
{
    std::vector<std::string> parts;
    std::string::size_type begin = 0;
    while (true)
    {
        auto const end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end - begin));
        if (end == std::string::npos)
        {
            return parts;
        }
        begin = end + 1;
    }
}
} // namespace

IterationSelection IterationSelection::parse(std::string const& text)
{
    IterationSelection selection;
    for (auto const& item : split(text, ','))
    {
        auto const fields = split(item, ':');
        if (fields.size() > 3 || (fields.size() == 1 && fields[0].empty()))
        {
            throw std::invalid_argument(
                "--iterations '" + text + "': '" + item +
                "' is not INDEX or FIRST:LAST[:STEP] (e.g. 0:100:10)");
        }
        Range range;
        if (fields.size() == 1)
        {
            range.first = parseIndex(fields[0], text);
            range.last = range.first;
        }
        else
        {
            if (!fields[0].empty())
                range.first = parseIndex(fields[0], text);
            if (!fields[1].empty())
                range.last = parseIndex(fields[1], text);
            if (fields.size() == 3 && !fields[2].empty())
                range.step = parseIndex(fields[2], text);
            if (range.step == 0)
            {
                throw std::invalid_argument("--iterations '" + text +
                                            "': a step must be at least 1");
            }
        }
        selection.m_ranges.push_back(range);
    }
    return selection;
}

bool IterationSelection::contains(std::uint64_t index) const
{
    if (m_ranges.empty())
    {
        return true;
    }
    for (auto const& range : m_ranges)
    {
        if (index >= range.first && (!range.last || index <= *range.last) &&
            (index - range.first) % range.step == 0)
        {
            return true;
        }
    }
    return false;
}
} // namespace openPMD::tools
