#pragma once

#include "IO/JSON/AtomicFileWriter.hpp"
#include "IO/JSON/SaveJournal.hpp"
#include "IO/JSON/StoredText.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace openPMD::jsonio
{
/**
 * Writes a new version of a file, given as a stream of pieces: new text and
 * copies of ranges of the version held open (`old`). As long as the stream
 * repeats the old text from its start nothing is written; at the first
 * difference the update picks how to write the rest:
 *
 * - **in place**, if the file on disk is still the held version and at most
 *   `maxTail` bytes of it follow the common prefix: the old tail is saved in
 *   a journal (SaveJournal) first, then overwritten. The journal's removal
 *   commits. A failure, or destruction before commit(), puts the old tail
 *   back; a crash leaves the journal, from which opening the file restores
 *   the old state. So the cost is what follows the prefix, not the file size.
 * - **by atomic replacement** (AtomicFileWriter) otherwise, the common
 *   prefix copied by the kernel.
 *
 * Errors are error::WriteError naming the file.
 */
class FileUpdate
{
public:
    /** Largest old tail that is journaled and overwritten in place. */
    static constexpr std::uint64_t maxTail = std::uint64_t(1) << 20;

    /**
     * @param old the version that copy() refers to (may be invalid: no copies)
     * @param mayPatch whether the file may be patched in place
     * @param durable fsync the journal, the file and their directory
     */
    FileUpdate(std::string path, StoredText const& old, bool mayPatch, bool durable);
    /** Without commit(): undoes an in-place update, or removes the temporary file. */
    ~FileUpdate();
    FileUpdate(FileUpdate const&) = delete;
    FileUpdate& operator=(FileUpdate const&) = delete;

    void write(std::string_view text);
    /** Appends `length` bytes from `offset` of the old version. */
    void copy(std::uint64_t offset, std::uint64_t length);

    struct Result
    {
        /** The held version was patched (or left as it was): it is the new file. */
        bool inPlace = false;
        /** Else a descriptor of the new file for reading, or -1 (the caller owns it). */
        int descriptor = -1;
    };
    /** Completes the update; the new file has `size` bytes. */
    Result commit(std::uint64_t size);

    /**
     * For tests only: called at each step of an in-place update ("journal":
     * journal written; "tail": first bytes of the new tail written;
     * "written": new content complete, journal not yet removed). It may
     * throw (an error there) or end the process (a crash there).
     */
    static std::function<void(char const* step)>& testHook();

private:
    enum class Mode
    {
        Prefix,
        InPlace,
        Replace
    };
    void decide();
    bool startInPlace();
    void appendOld(std::uint64_t offset, std::uint64_t length);
    void flushPending();
    void undo() noexcept;
    [[noreturn]] void fail(std::string const& what, int errorNumber);
    static void step(char const* name);

    std::string m_path;
    StoredText const& m_old;
    bool m_mayPatch;
    bool m_durable;
    Mode m_mode = Mode::Prefix;
    /** Bytes at the start of the old text that the new text repeats. */
    std::uint64_t m_prefix = 0;
    bool m_committed = false;

    // In place
    int m_fd = -1;
    SaveJournal m_journal;
    /** Where the pending bytes go in the file. */
    std::uint64_t m_position = 0;
    std::string m_pending;
    /** The file itself was modified (undo must restore it). */
    bool m_touched = false;

    // Replacement
    std::unique_ptr<AtomicFileWriter> m_replacement;
};
} // namespace openPMD::jsonio
