#pragma once

#include "IO/HDF5/HDF5Handle.hpp"
#include "IO/HDF5/HDF5RecoveryIndex.hpp"

#include <string>
#include <unordered_set>
#include <vector>

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
    /**
     * Changed since its last H5Fflush: only such a file is flushed at a user
     * flush (a flush of an unchanged file still walks HDF5's metadata cache).
     */
    bool unflushed = false;
    /**
     * Created by this handler (not opened): its root holds only what this
     * handler made, so creating below it may skip the existence checks.
     */
    bool created = false;
    /** Changed since its last fsync: the next durable flush syncs it. */
    bool unsynced = false;
    /**
     * Groups created directly below a top-level group (the iterations of a
     * group-based series, /data/<n>) that the recovery index does not list
     * yet: they go there once a flush has written them completely.
     */
    std::vector<RecoveryEntry> unindexedGroups;
    /**
     * Whether this file keeps a recovery index: from its second such group on
     * (a file-based series' files hold one iteration and need none), or from
     * the start if it was opened with an index.
     */
    bool keepsRecoveryIndex = false;
    /**
     * Set when a write to the file failed (e.g. the disk is full): the file
     * was detached from the disk (detachFromDisk) and takes no more writes;
     * the text is the first failure, repeated to later writers.
     */
    std::string failedWrite;
    /** Nodes of this file that are registered in the NodeTable. */
    std::unordered_set<Writable*> nodes;
};
} // namespace openPMD::hdf5
