#pragma once

#include "IO/HDF5/HDF5Handle.hpp"
#include "openPMD/Datatype.hpp"

#include <string>
#include <unordered_set>
#include <vector>

namespace openPMD
{
class Writable;
}

namespace openPMD::hdf5
{
struct File;

/**
 * What the backend keeps for one Writable while its file is open: where the
 * object is, and its HDF5 id once opened (so tasks do not reopen it by path).
 */
struct Node
{
    enum class Kind
    {
        Group,
        Dataset
    };

    File* file = nullptr;
    /** Absolute path inside the file, "/" for the root group. */
    std::string path;
    Kind kind = Kind::Group;
    /** The dataset's element type (datasets only). */
    Datatype dtype = Datatype::UNDEFINED;
    /** The open group or dataset; invalid until first used, or after CLOSE_PATH. */
    Handle object;
    /** The dataset's extent, kept by create/open/extend (datasets only). */
    std::vector<hsize_t> extent;
    /**
     * Dataspaces reused by every transfer of the dataset, so that a write of
     * many small chunks does not query and build them per chunk: one of
     * `extent` (the file side, re-selected per transfer) and the last memory
     * side with its shape. Released with `object`.
     */
    Handle fileSpace;
    Handle memorySpace;
    std::vector<hsize_t> memoryShape;

    /** Releases the open object and the cached dataspaces. */
    void releaseHandles()
    {
        object.reset();
        fileSpace.reset();
        memorySpace.reset();
        memoryShape.clear();
    }
    /** The parent node (null for a file root or a detached node). */
    Writable* parent = nullptr;
    std::unordered_set<Writable*> children;
};
} // namespace openPMD::hdf5
