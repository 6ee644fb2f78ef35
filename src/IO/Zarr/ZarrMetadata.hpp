#pragma once

// The Zarr v2 metadata documents of a node: .zgroup, .zarray, .zattrs, and
// reading them back into the model. Text is laid out as zarr-python writes
// it (4-space indent, keys sorted).

#include "IO/Zarr/ZarrNode.hpp"

#include <optional>
#include <string>
#include <vector>

namespace openPMD::zarr
{
std::string groupDocument();
std::string arrayDocument(ZarrArray const&);

/**
 * Fills an array's metadata from a parsed .zarray. Content this backend
 * cannot use (unknown dtype or compressor, order "F", filters) is recorded in
 * array.problem, not thrown: the rest of the hierarchy stays readable.
 */
void readArrayDocument(Json const&, ZarrArray& array);

/**
 * The xarray dimension names of an array: the axisLabels of the array or of
 * its parent group when they match the rank (reversed for dataOrder "F"; a
 * label that names an array of the same group gets the suffix "_axis"),
 * "<species>_particles" for one-dimensional particle records, else dim_<i>.
 */
std::vector<std::string> arrayDimensions(std::vector<std::string> const& pathSegments,
                                         ZarrNode const& array, ZarrNode const* parent);

/** The key of a node's document: "a/b/.zarray", ".zgroup" at the root. */
std::string documentKey(std::string const& nodePath, char const* document);
} // namespace openPMD::zarr
