#pragma once

#include "IO/HDF5/HDF5Handle.hpp"

#include <string>
#include <unordered_set>

namespace openPMD
{
class Writable;
}

namespace openPMD::hdf5
{
/** One open HDF5 file and the nodes that live in it. */
struct File
{
    /** The name it was opened by (handler directory + file name). */
    std::string name;
    Handle id;
    /** Opened for writing (not read-only). */
    bool writable = false;
    /** Nodes of this file that are registered in the NodeTable. */
    std::unordered_set<Writable*> nodes;
};
} // namespace openPMD::hdf5
