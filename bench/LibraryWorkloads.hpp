#pragma once
// The workloads of WORKLOADS.md through libopenPMD's public API. Each prints
// its phase lines and returns the number of values read back wrong.

#include "BenchSupport.hpp"

#include <openPMD/openPMD.hpp>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace bench
{
/** A workload this build or this library cannot run (exit status 77: skipped). */
struct Unavailable : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

/** The component names of a vector record. */
extern std::array<char const*, 3> const xyz;

/** The seven particle components of W2 (position, momentum, weighting), in stream order.
 */
openPMD::RecordComponent particleComponent(openPMD::ParticleSpecies& species, int index);

/** Series options of a run: --options, plus "durable": true in durable mode. */
std::string seriesOptions(Knobs const& knobs);

/** W1: one mesh E{x,y,z} of N^3 doubles each, written, then read. */
std::uint64_t runBigMesh(Knobs const& knobs);
/** W2: species electrons with position, momentum, weighting of P each. */
std::uint64_t runParticles(Knobs const& knobs);
/** W6: one dataset written as C chunks and one flush, for each C. */
std::uint64_t runManyChunks(Knobs const& knobs);
/** W3 (group-based, one file) or W4 (file-based, %T), for each K. */
std::uint64_t runManySmall(Knobs const& knobs, bool fileBased);
/** W5: tiny iterations at each K: write, open and list, read the last. */
std::uint64_t runIterationScaling(Knobs const& knobs);
/** W7: W1 and W2 written and read by every MPI rank (one slab each). */
std::uint64_t runParallel(Knobs const& knobs);
} // namespace bench
