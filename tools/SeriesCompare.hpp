#pragma once

// openpmd-pipe --verify: the output read back against the input, every
// attribute (name, type, value) and every value of every dataset.

#include <openPMD/Series.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace openPMD::tools
{
class SeriesCompare
{
public:
    /** Data are compared in pieces of at most budgetBytes per side. */
    SeriesCompare(Series& expected, Series& actual, std::size_t budgetBytes);

    void compareSeriesAttributes();
    void compareIteration(std::uint64_t index);

    /** One line per difference, with the object path. */
    std::vector<std::string> const& differences() const { return m_differences; }

private:
    void compareAttributes(Attributable const& expected, Attributable const& actual,
                           std::string const& where);
    void compareComponent(RecordComponent& expected, RecordComponent& actual,
                          std::string const& where);
    template <typename Record>
    void compareRecord(Record& expected, Record& actual, std::string const& where);
    void comparePatches(ParticlePatches& expected, ParticlePatches& actual,
                        std::string const& where);

    Series& m_expected;
    Series& m_actual;
    std::size_t m_budget;
    std::vector<std::string> m_differences;
};
} // namespace openPMD::tools
