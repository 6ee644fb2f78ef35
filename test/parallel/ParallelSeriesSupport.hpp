#pragma once

// The data set every parallel Series test writes and checks: per iteration a
// 2-D and a 3-D mesh split in slabs between the ranks, and particles in
// uneven shares (the last rank has none). Iteration 300 is written by rank 0
// alone: the other ranks store nothing in it.

#include "MPITestSupport.hpp"

#include "openPMD/openPMD.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace parallel_test
{
using namespace openPMD;

struct Scenario
{
    /** "json" or "h5". */
    std::string extension;
    bool fileBased = false;
    /** Series options of the writer. */
    std::string options = "{}";
    /** Options of every user flush of the writer. */
    std::string flushConfig = "{}";
    /** Write through Series::writeIterations() instead of Series::iterations. */
    bool writeIterations = false;

    /** "series_%T.<ext>" or "series.<ext>". */
    std::string fileName() const;
};

std::vector<std::uint64_t> const& iterationIndices();

/** Write the data set collectively (every rank calls it). */
void writeSeries(std::string const& path, Scenario const& scenario);

/**
 * Check one iteration: every value of every record, loading the mesh slab
 * that rank `slabOf` wrote as a separate chunk. Calls only collective
 * operations when `series` is parallel (every rank calls it alike).
 */
void checkIteration(Series& series, Iteration iteration, std::uint64_t index, int slabOf);

/** Check the Series root and every iteration, through Series::iterations. */
void checkSeries(Series& series, Scenario const& scenario, int slabOf);

/** How many of the values at `data` differ from the ones written for the box. */
size_t mismatches(double const* data, int salt, Extent const& global,
                  Offset const& offset, Extent const& extent);
} // namespace parallel_test
