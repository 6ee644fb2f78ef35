#pragma once

#include <cstdint>
#include <string>

namespace openPMD::jsonio
{
/**
 * The journal of an in-place save (see FileUpdate): `<file>.journal`,
 * written before the end of the file is overwritten and removed once the
 * new end is in place, so that its removal commits the save. It holds what
 * the overwrite destroys (the old bytes from `offset` to the old end), the
 * identity of the file it belongs to and a checksum, so that a journal cut
 * short by a crash, or left beside a file replaced since, is recognized.
 */
class SaveJournal
{
public:
    /** Device and inode of the file the journal belongs to. */
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    /** Where the old tail starts: the file's first `offset` bytes are not touched. */
    std::uint64_t offset = 0;
    /** The old bytes [offset, old size). */
    std::string oldTail;

    static std::string pathFor(std::string const& file);

    /**
     * Writes the journal of `file` (with `durable`, fsynced together with
     * its directory entry before this returns).
     * @throws error::WriteError naming the file
     */
    void write(std::string const& file, bool durable) const;

    enum class Found
    {
        /** No journal: the file holds the last saved state. */
        None,
        /** A journal cut short: the file was not touched yet. */
        Incomplete,
        /** A journal of another file (replaced since): does not apply. */
        Stale,
        /** A torn save: the last saved state is the file's prefix + oldTail. */
        Valid
    };
    /**
     * Reads the journal of `file`, whose open descriptor is `descriptor`.
     * @return what was found; `journal` is filled if Valid
     */
    static Found read(std::string const& file, int descriptor, SaveJournal& journal);

    /**
     * Puts the old tail back into the file open for writing as `descriptor`
     * (rewrite and truncate to the old size).
     * @return 0 or the errno of the failure
     */
    int restore(int descriptor) const;

    /** Removes the journal of `file`. @return 0 or the errno of the failure */
    static int remove(std::string const& file, bool durable);

    /**
     * Brings the file back to its last saved state if a save of it was torn
     * (a valid journal), and removes any journal beside it.
     * @throws error::WriteError naming the file and the journal if that fails
     */
    static void repair(std::string const& file);
};
} // namespace openPMD::jsonio
