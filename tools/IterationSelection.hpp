#pragma once

// Which iterations a tool works on: --iterations 0:100:10,250,300:
// (ranges with an inclusive end and an optional step, single indices,
// comma-separated; an empty start or end is open).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace openPMD::tools
{
class IterationSelection
{
public:
    /** Everything. */
    IterationSelection() = default;

    /**
     * Parses the --iterations syntax.
     * @throws std::invalid_argument with a message naming the bad part
     */
    static IterationSelection parse(std::string const& text);

    bool contains(std::uint64_t index) const;

private:
    struct Range
    {
        std::uint64_t first = 0;
        std::optional<std::uint64_t> last;
        std::uint64_t step = 1;
    };
    /** Empty: every iteration. */
    std::vector<Range> m_ranges;
};
} // namespace openPMD::tools
