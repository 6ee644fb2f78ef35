#include "openPMD/ReadIterations.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/Series.hpp"

namespace openPMD
{
SeriesIterator::SeriesIterator(std::shared_ptr<internal::SeriesData> series)
    : m_series(std::move(series))
{
    auto& map = m_series->m_iterations->m_container;
    for (auto it = map.begin(); it != map.end(); ++it)
    {
        if (!it->second.closed())
        {
            m_current = it->first;
            break;
        }
    }
    if (!m_current)
    {
        m_series.reset();
        return;
    }
    openCurrent();
}

void SeriesIterator::openCurrent()
{
    auto& map = m_series->m_iterations->m_container;
    map.at(*m_current).open();
}

SeriesIterator& SeriesIterator::operator++()
{
    if (!m_series || !m_current)
    {
        return *this;
    }
    auto& map = m_series->m_iterations->m_container;
    auto it = map.find(*m_current);
    if (it != map.end() && !it->second.closed())
    {
        it->second.close();
    }
    it = map.upper_bound(*m_current);
    if (it == map.end())
    {
        m_current.reset();
        m_series.reset();
        return *this;
    }
    m_current = it->first;
    openCurrent();
    return *this;
}

IndexedIteration& SeriesIterator::operator*()
{
    if (!m_series || !m_current)
    {
        throw error::WrongAPIUsage("SeriesIterator: dereferencing the end iterator");
    }
    if (!m_value || m_value->iterationIndex != *m_current)
    {
        m_value.emplace(m_series->m_iterations->m_container.at(*m_current), *m_current);
    }
    return *m_value;
}

bool SeriesIterator::operator==(SeriesIterator const& other) const
{
    return m_series == other.m_series && m_current == other.m_current;
}

ReadIterations::ReadIterations(std::shared_ptr<internal::SeriesData> series)
    : m_series(std::move(series))
{
}

SeriesIterator ReadIterations::begin()
{
    return SeriesIterator(m_series);
}

SeriesIterator ReadIterations::end()
{
    return SeriesIterator::end();
}
} // namespace openPMD
