#pragma once

#include "MemoryDataset.hpp"

#include <openPMD/backend/Attribute.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace memory_backend
{
/**
 * One object of a stored "file": a group, or a dataset when `dataset` is set.
 * Both carry attributes. Groups and datasets share one namespace of children,
 * as in HDF5 and JSON, so a name is either a group or a dataset.
 */
struct MemoryNode
{
    std::map<std::string, openPMD::Attribute> attributes;
    /** Sorted by name, so listing is sorted for free. */
    std::map<std::string, std::unique_ptr<MemoryNode>> children;
    /** Set for datasets, empty for groups. */
    std::optional<MemoryDataset> dataset;

    bool isDataset() const { return dataset.has_value(); }
};
} // namespace memory_backend
