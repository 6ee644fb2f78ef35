#pragma once

#include "IO/HDF5/HDF5Handle.hpp"
#include "IO/HDF5/HDF5Links.hpp"
#include "openPMD/Datatype.hpp"

#include <optional>
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
    /**
     * Created by this handler while the file is open, so it holds only what
     * this handler put there: a creation below it is tried directly and falls
     * back to checking what exists only if HDF5 refuses (a hint for speed,
     * never needed for correctness).
     */
    bool created = false;
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

    /**
     * The group's members as listed at its first LIST_PATHS/LIST_DATASETS,
     * kept only in read-only files, where they cannot change.
     */
    std::optional<Members> members;

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
