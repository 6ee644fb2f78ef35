#include "openPMD/WriteIterations.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/Series.hpp"

namespace openPMD
{
namespace
{
internal::SeriesData& lockSeries(std::weak_ptr<internal::SeriesData> const& weak)
{
    auto series = weak.lock();
    if (!series || series->m_closed)
    {
        throw error::WrongAPIUsage("WriteIterations: the Series was closed or destroyed");
    }
    return *series; // kept alive by the caller's Series handle
}
} // namespace

WriteIterations::WriteIterations(std::shared_ptr<internal::SeriesData> series)
    : m_series(series)
{
}

Iteration& WriteIterations::operator[](key_type const& key)
{
    auto& series = lockSeries(m_series);
    Container<Iteration, std::uint64_t> iterations(series.m_iterations);
    if (series.m_currentWriteIteration && *series.m_currentWriteIteration != key)
    {
        auto it = series.m_iterations->m_container.find(*series.m_currentWriteIteration);
        if (it != series.m_iterations->m_container.end() && !it->second.closed())
        {
            it->second.close();
        }
    }
    series.m_currentWriteIteration = key;
    Iteration& result = iterations[key];
    if (result.closed())
    {
        throw error::WrongAPIUsage("WriteIterations: iteration " + std::to_string(key) +
                                   " was closed already and cannot be reopened");
    }
    return result;
}

std::optional<IndexedIteration> WriteIterations::currentIteration()
{
    auto& series = lockSeries(m_series);
    if (!series.m_currentWriteIteration)
    {
        return std::nullopt;
    }
    auto it = series.m_iterations->m_container.find(*series.m_currentWriteIteration);
    if (it == series.m_iterations->m_container.end())
    {
        return std::nullopt;
    }
    return IndexedIteration(it->second, it->first);
}
} // namespace openPMD
