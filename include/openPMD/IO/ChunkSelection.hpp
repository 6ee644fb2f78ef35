#pragma once

#include "openPMD/Dataset.hpp"

#include <string>

namespace openPMD
{
/**
 * Why the selection (offset, extent) does not fit a dataset of extent
 * `datasetExtent` (wrong rank, or reaching outside it); empty if it fits.
 * Backends check WRITE_DATASET / READ_DATASET with it and put the reason into
 * their error, which then names the file and the dataset.
 */
std::string selectionProblem(Offset const& offset, Extent const& extent,
                             Extent const& datasetExtent);

/** "[4, 5, 6]" */
std::string extentToString(Extent const& extent);
} // namespace openPMD
