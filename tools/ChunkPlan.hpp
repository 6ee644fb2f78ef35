#pragma once

#include <openPMD/ChunkInfo.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace openPMD::tools
{
/**
 * Splits a chunk into row-major pieces of at most `budgetBytes` each (at
 * least one element each, whatever the budget), so that copying a dataset
 * never holds more than the budget. Pieces are hyperslabs: whole slabs of
 * the slowest dimension while they fit, otherwise one index of it at a time
 * and the rest split the same way.
 */
std::vector<ChunkInfo> splitToBudget(ChunkInfo const& chunk, std::size_t elementSize,
                                     std::size_t budgetBytes);

/** Number of elements of an extent (1 for a 0-dimensional one). */
std::uint64_t elementCount(Extent const& extent);

/** Parses "256MiB", "1.5GB", "4096", "64k" (k/M/G/T, with or without iB/B). */
std::size_t parseByteSize(std::string const& text);
} // namespace openPMD::tools
