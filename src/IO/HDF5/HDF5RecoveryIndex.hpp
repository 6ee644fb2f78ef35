#pragma once

// The recovery index of an HDF5 file: a text file next to it that lists,
// after each flush, the groups that flush made complete, by path and object
// address. HDF5 1.10 writes a flush's metadata in address order, not as one
// atomic step, so a process killed inside H5Fflush can leave a big group's
// name heap or B-tree pointing at blocks that were never written: the group
// can then no longer be listed, although every member written by an earlier
// flush is intact. A reader that cannot list a group opens the members the
// index records by their addresses instead (docs/reliability.md).

#include "IO/HDF5/HDF5Links.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace openPMD::hdf5
{
/** The index of `file`: its name with ".recovery" appended. */
std::string recoveryIndexName(std::string const& file);

/** A group and where its object header is. */
struct RecoveryEntry
{
    std::string path;
    ObjectAddress address;
};

/** The address of the open object `object` (a group or dataset). */
std::optional<ObjectAddress> addressOfObject(hid_t object);

/**
 * Appends `entries` to the index of `file` (creating it with its header line).
 * Called only after the flush that wrote them succeeded, so that the index
 * never names an object whose metadata is not complete in the file.
 * @param durable fsync the index after writing
 * @return false (with errno set) if the index could not be written; the
 *         data are not affected, only the recovery of a damaged file.
 */
bool appendRecoveryEntries(std::string const& file,
                           std::vector<RecoveryEntry> const& entries, bool durable);

/**
 * Detaches an open file from the disk after a write to it failed: its file
 * descriptor is pointed at an anonymous memory file, so that whatever HDF5
 * still writes (closing flushes) goes there and succeeds. HDF5 1.10 cannot
 * close a file whose last flush fails: the half-closed file crashes the
 * process when HDF5 closes it again at exit. The file on disk keeps what
 * reached it before the failure. Only for the sec2 (serial POSIX) driver;
 * other drivers are left as they are.
 */
void detachFromDisk(hid_t file);

/**
 * Free space (for unprivileged users) on the file system of `file`; nullopt
 * if it cannot be found (not the sec2 driver).
 */
std::optional<std::uint64_t> freeBytesBelow(hid_t file);

/** Free space a flush needs, or it is refused and the file detached. */
constexpr std::uint64_t flushReserve = std::uint64_t(1) << 20;

/** Removes the index of `file` (a file created anew must not inherit one). */
void removeRecoveryIndex(std::string const& file);

/**
 * The members of `groupPath` that the index of `file` records, nullopt if
 * there is no index or it records none of them.
 */
std::optional<Members> recoveredMembers(std::string const& file,
                                        std::string const& groupPath);
} // namespace openPMD::hdf5
