#pragma once

#include "openPMD/Series.hpp"

#include <iostream>
#include <ostream>

namespace openPMD::helper
{
/**
 * Print an overview of a Series: its root attributes, iterations, meshes
 * and particle species (with `longer`, the meshes and species of every
 * iteration). Reading the iterations' content may touch storage.
 */
std::ostream& listSeries(Series& series, bool longer = false,
                         std::ostream& out = std::cout);
} // namespace openPMD::helper
