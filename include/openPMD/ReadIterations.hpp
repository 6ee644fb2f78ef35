#pragma once

#include "openPMD/Iteration.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace openPMD
{
namespace internal
{
class SeriesData;
}

/** Iterator over the iterations of readIterations(): opens each, closes the last. */
class SeriesIterator
{
public:
    SeriesIterator() = default;
    SeriesIterator(std::shared_ptr<internal::SeriesData> series);

    SeriesIterator& operator++();
    /** The current iteration (valid until the iterator moves on). */
    IndexedIteration& operator*();
    bool operator==(SeriesIterator const& other) const;
    bool operator!=(SeriesIterator const& other) const { return !(*this == other); }
    static SeriesIterator end() { return SeriesIterator(); }

private:
    void openCurrent();
    std::shared_ptr<internal::SeriesData> m_series;
    std::optional<std::uint64_t> m_current;
    std::optional<IndexedIteration> m_value;
};

/** The range of readIterations(). */
class ReadIterations
{
public:
    explicit ReadIterations(std::shared_ptr<internal::SeriesData> series);
    SeriesIterator begin();
    SeriesIterator end();

private:
    std::shared_ptr<internal::SeriesData> m_series;
};
} // namespace openPMD
