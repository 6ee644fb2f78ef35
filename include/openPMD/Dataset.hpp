#pragma once

#include "openPMD/Datatype.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace openPMD
{
using Extent = std::vector<std::uint64_t>;
using Offset = std::vector<std::uint64_t>;

/**
 * Declares a dataset: its element type, its extent and backend options.
 *
 * options is an inline JSON (or TOML) string with per-dataset settings, e.g.
 * `{"resizable": true, "hdf5": {"chunks": "auto"}}`.
 */
class Dataset
{
public:
    enum : std::uint64_t
    {
        /** Marks the joined dimension of an extent (not supported by HDF5/JSON). */
        JOINED_DIMENSION = std::numeric_limits<std::uint64_t>::max()
    };

    Dataset(Datatype, Extent, std::string options = "{}");
    /** A dataset with an undefined type: used to extend an existing one. */
    Dataset(Extent);

    /**
     * Grows the extent; same rank and no dimension may shrink.
     * @throws error::WrongAPIUsage otherwise.
     */
    Dataset& extend(Extent newExtent);

    Extent extent;
    Datatype dtype;
    std::uint8_t rank;
    std::string options = "{}";

    /** True if any dimension is zero. */
    bool empty() const;
    /** Index of the joined dimension, if any. */
    std::optional<size_t> joinedDimension() const;
};
} // namespace openPMD
