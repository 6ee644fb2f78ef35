#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace openPMD::jsonio
{
/**
 * Replaces a file atomically: the new content goes to a temporary file in
 * the same directory, which is renamed over the target on commit(). A crash
 * or an error leaves either the old file or the new one, never a mix; the
 * temporary file is removed if commit() is not reached. Existing targets
 * keep their permission bits.
 *
 * Errors are error::WriteError naming the target file.
 */
class AtomicFileWriter
{
public:
    /** Creates the temporary file (and missing parent directories). */
    explicit AtomicFileWriter(std::string target);
    ~AtomicFileWriter();

    AtomicFileWriter(AtomicFileWriter const&) = delete;
    AtomicFileWriter& operator=(AtomicFileWriter const&) = delete;

    void write(std::string_view text);
    /**
     * Appends `length` bytes of the open file `source` from `offset`, copied
     * by the kernel where it can (copy_file_range), without a user-space copy.
     */
    void copyFrom(int source, std::uint64_t offset, std::uint64_t length);
    /**
     * Closes the temporary file and renames it over the target. With
     * `durable`, the data and the directory entry are fsync'ed first/after,
     * so that the new content survives a power loss once this returns.
     * @return a descriptor of the new file open for reading (the caller
     *         owns it), or -1 if none could be had.
     */
    int commit(bool durable);

private:
    [[noreturn]] void fail(std::string const& what, int errorNumber);

    std::string m_target;
    std::string m_temporary;
    int m_fd = -1;
};

/**
 * Reads a whole file. Errors are error::ReadError(File, ...): NotFound for a
 * missing file, Inaccessible for a directory or missing permission,
 * CannotRead otherwise, each naming the path.
 */
std::string readWholeFile(std::string const& path);

/**
 * Opens a regular file for reading, with the errors of readWholeFile().
 * @return the descriptor (the caller owns it); `size` gets the file size
 */
int openForReading(std::string const& path, std::uint64_t& size);

/**
 * fsyncs an existing file and its directory entry: makes durable what an
 * earlier, non-durable write left in the page cache.
 * @throws error::WriteError naming the file if it cannot be synced.
 */
void syncExistingFile(std::string const& path);
} // namespace openPMD::jsonio
