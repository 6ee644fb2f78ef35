#include "openPMD/auxiliary/IterationIndex.hpp"

#include <limits>

namespace openPMD::auxiliary
{
std::optional<std::uint64_t> parseIterationIndex(std::string_view digits)
{
    if (digits.empty())
    {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    constexpr auto max = std::numeric_limits<std::uint64_t>::max();
    for (char c : digits)
    {
        if (c < '0' || c > '9')
        {
            return std::nullopt;
        }
        auto const digit = static_cast<std::uint64_t>(c - '0');
        if (value > (max - digit) / 10)
        {
            return std::nullopt;
        }
        value = value * 10 + digit;
    }
    return value;
}

bool isCanonicalIterationName(std::string_view name)
{
    return parseIterationIndex(name).has_value() &&
           (name.size() == 1 || name.front() != '0');
}
} // namespace openPMD::auxiliary
