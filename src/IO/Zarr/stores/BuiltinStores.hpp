#pragma once

// The store types compiled into the library; StoreRegistry.cpp puts them
// first in its table. Each store's source file defines its own function.

#include "openPMD/IO/StoreRegistry.hpp"
#include "openPMD/config.hpp"

#include <vector>

namespace openPMD
{
std::vector<StoreType> builtinStoreTypes();

#if openPMD_HAVE_RADOS
/** Keys as objects of a Ceph RADOS pool (RadosStoreType.cpp). */
StoreType radosStoreType();
#endif
} // namespace openPMD
