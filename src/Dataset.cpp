#include "openPMD/Dataset.hpp"
#include "openPMD/Error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace openPMD
{
Dataset::Dataset(Datatype dtype_in, Extent extent_in, std::string options_in)
    : extent(std::move(extent_in)), dtype(dtype_in),
      rank(static_cast<std::uint8_t>(extent.size())), options(std::move(options_in))
{
    if (extent.size() > std::numeric_limits<std::uint8_t>::max())
    {
        throw error::WrongAPIUsage(
            fmt::format("Dataset: rank {} exceeds the maximum of 255", extent.size()));
    }
}

Dataset::Dataset(Extent extent_in) : Dataset(Datatype::UNDEFINED, std::move(extent_in)) {}

Dataset& Dataset::extend(Extent newExtent)
{
    if (newExtent.size() != rank)
    {
        throw error::WrongAPIUsage(fmt::format(
            "Dataset::extend: new extent {} has rank {}, the dataset has rank {}",
            newExtent, newExtent.size(), rank));
    }
    for (size_t i = 0; i < newExtent.size(); ++i)
    {
        if (newExtent[i] < extent[i])
        {
            throw error::WrongAPIUsage(fmt::format(
                "Dataset::extend: new extent {} is smaller than the current extent {} "
                "in dimension {}",
                newExtent, extent, i));
        }
    }
    extent = std::move(newExtent);
    return *this;
}

bool Dataset::empty() const
{
    return std::any_of(extent.begin(), extent.end(), [](auto e) { return e == 0; });
}

std::optional<size_t> Dataset::joinedDimension() const
{
    auto it = std::find(extent.begin(), extent.end(), JOINED_DIMENSION);
    if (it == extent.end())
    {
        return std::nullopt;
    }
    return static_cast<size_t>(it - extent.begin());
}
} // namespace openPMD
