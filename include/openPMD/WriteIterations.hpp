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

/**
 * Streaming-style writing: accessing an iteration closes the previously
 * current one, so one iteration at a time is open.
 */
class WriteIterations
{
public:
    using key_type = std::uint64_t;
    using mapped_type = Iteration;

    explicit WriteIterations(std::shared_ptr<internal::SeriesData> series);

    /** Opens iteration `key` (closing the current one if it differs). */
    mapped_type& operator[](key_type const& key);
    std::optional<IndexedIteration> currentIteration();

private:
    std::weak_ptr<internal::SeriesData> m_series;
};
} // namespace openPMD
