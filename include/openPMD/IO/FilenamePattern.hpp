#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace openPMD
{
/**
 * The file name pattern of a file-based Series, e.g. "data_%06T.h5":
 * a prefix, the iteration placeholder (%T, or %0NT for zero-padding to N
 * digits), a postfix and an extension (".%E" = any registered extension,
 * found on disk when reading).
 *
 * Matching is plain string work (no std::regex): prefix, digits, postfix,
 * extension. `%T` matches any number of digits; `%0NT` matches exactly N
 * digits, or more than N without a leading zero.
 */
class FilenamePattern
{
public:
    /**
     * Parses a file name (without directory). Returns nullopt if it holds no
     * iteration placeholder (the Series is then not file-based).
     * @throws error::WrongAPIUsage for a padding without leading zero
     *         ("%5T"; write "%05T") or wider than 64 digits.
     */
    static std::optional<FilenamePattern> parse(std::string const& filename);

    std::string prefix;
    /** Minimum number of digits; 0 for %T. */
    unsigned padding = 0;
    std::string postfix;
    /**
     * Extension with dot, "" if the name has no registered extension, nullopt
     * for ".%E".
     */
    std::optional<std::string> extension;

    /** The name of iteration `iteration`'s file with the pattern's extension. */
    std::string filename(std::uint64_t iteration) const;
    /** The same with an explicit extension (with dot). */
    std::string filename(std::uint64_t iteration, std::string const& ext) const;

    /** The pattern without extension, e.g. "data_%06T" (the iterationFormat). */
    std::string nameWithoutExtension() const;

    struct Match
    {
        std::uint64_t iteration = 0;
        /** Number of digits in the file name (its padding). */
        std::size_t digits = 0;
        /** Extension of the file, with dot. */
        std::string extension;
    };

    /** Whether `filename` (without directory) is a file of this series. */
    std::optional<Match> match(std::string const& filename) const;
};
} // namespace openPMD
