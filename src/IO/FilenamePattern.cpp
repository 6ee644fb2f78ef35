#include "openPMD/IO/FilenamePattern.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/auxiliary/IterationIndex.hpp"

#include <fmt/format.h>
#include <limits>

namespace openPMD
{
namespace
{
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool endsWith(std::string const& s, std::string const& end)
{
    return s.size() >= end.size() &&
           s.compare(s.size() - end.size(), end.size(), end) == 0;
}

std::string const anyExtension = ".%E";
constexpr unsigned maximumPadding = 64;

/** The registered extension that `name` ends with, "" if none. */
std::string registeredExtensionOf(std::string const& name)
{
    std::string best;
    for (auto const& row : BackendRegistry::rows())
    {
        for (auto const& ext : row.extensions)
        {
            if (ext.size() > best.size() && endsWith(name, ext))
            {
                best = ext;
            }
        }
    }
    return best;
}
} // namespace

std::optional<FilenamePattern> FilenamePattern::parse(std::string const& filename)
{
    // The last "%T" / "%0NT" is the placeholder; earlier '%' are literal.
    for (auto percent = filename.rfind('%'); percent != std::string::npos;
         percent = percent == 0 ? std::string::npos : filename.rfind('%', percent - 1))
    {
        auto pos = percent + 1;
        while (pos < filename.size() && isDigit(filename[pos]))
        {
            ++pos;
        }
        if (pos >= filename.size() || filename[pos] != 'T')
        {
            continue;
        }
        std::string const digits = filename.substr(percent + 1, pos - percent - 1);
        if (!digits.empty() && digits.front() != '0')
        {
            throw error::WrongAPIUsage(fmt::format(
                "file name pattern '{}': padding '%{}T' must start with 0 (write "
                "'%0{}T')",
                filename, digits, digits));
        }
        // An iteration index has at most 20 digits; a wider padding is a
        // typo, and a huge one would make every file name that long.
        unsigned padding = 0;
        for (char const digit : digits)
        {
            padding = padding * 10u + static_cast<unsigned>(digit - '0');
            if (padding > maximumPadding)
            {
                throw error::WrongAPIUsage(fmt::format(
                    "file name pattern '{}': padding '%{}T' is wider than {} digits",
                    filename, digits, maximumPadding));
            }
        }
        FilenamePattern pattern;
        pattern.prefix = filename.substr(0, percent);
        pattern.padding = padding;
        std::string rest = filename.substr(pos + 1);
        if (endsWith(rest, anyExtension))
        {
            pattern.extension = std::nullopt;
            rest.resize(rest.size() - anyExtension.size());
        }
        else
        {
            pattern.extension = registeredExtensionOf(rest);
            rest.resize(rest.size() - pattern.extension->size());
        }
        pattern.postfix = std::move(rest);
        return pattern;
    }
    return std::nullopt;
}

std::string FilenamePattern::filename(std::uint64_t iteration) const
{
    if (!extension)
    {
        throw error::WrongAPIUsage(fmt::format(
            "file name pattern '{}': the extension '.%E' must be resolved before "
            "writing (give the backend with the 'backend' option)",
            nameWithoutExtension() + anyExtension));
    }
    return filename(iteration, *extension);
}

std::string FilenamePattern::filename(std::uint64_t iteration,
                                      std::string const& ext) const
{
    return fmt::format("{}{:0{}}{}{}", prefix, iteration, padding, postfix, ext);
}

std::string FilenamePattern::nameWithoutExtension() const
{
    std::string placeholder =
        padding == 0 ? std::string("%T") : fmt::format("%0{}T", padding);
    return prefix + placeholder + postfix;
}

std::optional<FilenamePattern::Match>
FilenamePattern::match(std::string const& name) const
{
    if (name.size() < prefix.size() + postfix.size() + 1 ||
        name.compare(0, prefix.size(), prefix) != 0)
    {
        return std::nullopt;
    }
    auto longestEnd = prefix.size();
    while (longestEnd < name.size() && isDigit(name[longestEnd]))
    {
        ++longestEnd;
    }
    // A postfix may itself start with digits: try the longest digit run first.
    for (auto digitsEnd = longestEnd; digitsEnd > prefix.size(); --digitsEnd)
    {
        std::string const digits = name.substr(prefix.size(), digitsEnd - prefix.size());
        if (padding > 0 && (digits.size() < padding ||
                            (digits.size() > padding && digits.front() == '0')))
        {
            continue;
        }
        if (name.compare(digitsEnd, postfix.size(), postfix) != 0)
        {
            continue;
        }
        std::string const ext = name.substr(digitsEnd + postfix.size());
        bool const extensionFits =
            extension ? ext == *extension
                      : !ext.empty() && registeredExtensionOf(ext) == ext;
        auto const iteration = auxiliary::parseIterationIndex(digits);
        if (!extensionFits || !iteration)
        {
            continue;
        }
        return Match{*iteration, digits.size(), ext};
    }
    return std::nullopt;
}
} // namespace openPMD
