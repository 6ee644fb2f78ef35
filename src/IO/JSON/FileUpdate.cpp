#include "IO/JSON/FileUpdate.hpp"
#include "IO/JSON/JSONErrors.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace openPMD::jsonio
{
namespace
{
constexpr size_t pendingLimit = size_t(1) << 20;
} // namespace

std::function<void(char const*)>& FileUpdate::testHook()
{
    static std::function<void(char const*)> hook;
    return hook;
}

void FileUpdate::step(char const* name)
{
    if (testHook())
    {
        testHook()(name);
    }
}

FileUpdate::FileUpdate(std::string path, StoredText const& old, bool mayPatch,
                       bool durable)
    : m_path(std::move(path)), m_old(old), m_mayPatch(mayPatch && old.valid()),
      m_durable(durable)
{
    if (!m_old.valid())
    {
        decide();
    }
}

FileUpdate::~FileUpdate()
{
    if (!m_committed && m_mode == Mode::InPlace)
    {
        undo();
    }
    if (m_fd >= 0)
    {
        ::close(m_fd);
    }
}

void FileUpdate::undo() noexcept
{
    if (m_touched)
    {
        int errorNumber = m_journal.restore(m_fd);
        if (errorNumber == 0 && m_durable && ::fsync(m_fd) != 0)
        {
            errorNumber = errno;
        }
        if (errorNumber != 0)
        {
            // The journal stays: opening the file restores the old state.
            return;
        }
    }
    SaveJournal::remove(m_path, m_durable);
}

void FileUpdate::fail(std::string const& what, int errorNumber)
{
    throwWriteError(error::AffectedObject::File, m_path, "",
                    what + ": " + std::strerror(errorNumber) +
                        " (the file keeps its last saved state)");
}

void FileUpdate::decide()
{
    if (m_mayPatch && m_prefix > 0 && m_old.size() - m_prefix <= maxTail &&
        !m_old.hasOverlay() && startInPlace())
    {
        m_mode = Mode::InPlace;
        return;
    }
    m_replacement = std::make_unique<AtomicFileWriter>(m_path);
    m_mode = Mode::Replace;
    if (m_prefix > 0)
    {
        m_replacement->copyFrom(m_old.descriptor(), 0, m_prefix);
    }
}

bool FileUpdate::startInPlace()
{
    int const fd = ::open(m_path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        return false;
    }
    struct stat onDisk, held;
    // Patch only the version this process holds (not a file put there since).
    if (::fstat(fd, &onDisk) != 0 || ::fstat(m_old.descriptor(), &held) != 0 ||
        onDisk.st_dev != held.st_dev || onDisk.st_ino != held.st_ino ||
        static_cast<std::uint64_t>(onDisk.st_size) != m_old.size())
    {
        ::close(fd);
        return false;
    }
    m_fd = fd;
    m_journal.device = static_cast<std::uint64_t>(onDisk.st_dev);
    m_journal.inode = static_cast<std::uint64_t>(onDisk.st_ino);
    m_journal.offset = m_prefix;
    m_journal.oldTail = m_old.read(m_prefix, m_old.size() - m_prefix);
    m_journal.write(m_path, m_durable);
    m_position = m_prefix;
    m_mode = Mode::InPlace; // from here on, failures undo
    step("journal");
    return true;
}

void FileUpdate::write(std::string_view text)
{
    if (text.empty())
    {
        return;
    }
    if (m_mode == Mode::Prefix)
    {
        decide();
    }
    if (m_mode == Mode::Replace)
    {
        m_replacement->write(text);
        return;
    }
    m_pending.append(text);
    if (m_pending.size() >= pendingLimit)
    {
        flushPending();
    }
}

void FileUpdate::copy(std::uint64_t offset, std::uint64_t length)
{
    if (length == 0)
    {
        return;
    }
    if (m_mode == Mode::Prefix)
    {
        if (offset == m_prefix)
        {
            m_prefix += length; // the same bytes in the same place: nothing to write
            return;
        }
        decide();
    }
    if (m_mode == Mode::Replace)
    {
        m_replacement->copyFrom(m_old.descriptor(), offset, length);
        return;
    }
    appendOld(offset, length);
}

void FileUpdate::appendOld(std::uint64_t offset, std::uint64_t length)
{
    // The part before the journaled tail is not overwritten: read it from the file.
    while (length > 0 && offset < m_journal.offset)
    {
        std::uint64_t const piece =
            std::min({length, m_journal.offset - offset, std::uint64_t(pendingLimit)});
        m_pending += m_old.read(offset, piece);
        offset += piece;
        length -= piece;
        if (m_pending.size() >= pendingLimit)
        {
            flushPending();
        }
    }
    if (length > 0)
    {
        m_pending.append(m_journal.oldTail,
                         static_cast<size_t>(offset - m_journal.offset),
                         static_cast<size_t>(length));
        if (m_pending.size() >= pendingLimit)
        {
            flushPending();
        }
    }
}

void FileUpdate::flushPending()
{
    char const* data = m_pending.data();
    size_t left = m_pending.size();
    while (left > 0)
    {
        m_touched = true;
        auto const written = ::pwrite(m_fd, data, left, static_cast<off_t>(m_position));
        if (written < 0 && errno == EINTR)
        {
            continue;
        }
        if (written <= 0)
        {
            fail("cannot write the end of the file in place", written < 0 ? errno : EIO);
        }
        data += written;
        left -= static_cast<size_t>(written);
        m_position += static_cast<std::uint64_t>(written);
        step("tail");
    }
    m_pending.clear();
}

FileUpdate::Result FileUpdate::commit(std::uint64_t size)
{
    if (m_mode == Mode::Prefix)
    {
        if (m_prefix == size && size == m_old.size())
        {
            // The text did not change; a durable save still makes it durable.
            if (m_durable && ::fsync(m_old.descriptor()) != 0)
            {
                fail("cannot sync the file", errno);
            }
            m_committed = true;
            return {true, -1};
        }
        decide();
    }
    if (m_mode == Mode::Replace)
    {
        int const descriptor = m_replacement->commit(m_durable);
        m_committed = true;
        // A journal left beside the file belonged to the version just replaced.
        SaveJournal::remove(m_path, false);
        return {false, descriptor};
    }
    flushPending();
    if (size < m_old.size())
    {
        m_touched = true;
        if (::ftruncate(m_fd, static_cast<off_t>(size)) != 0)
        {
            fail("cannot truncate the file", errno);
        }
    }
    if (m_durable && ::fsync(m_fd) != 0)
    {
        fail("cannot sync the file", errno);
    }
    step("written");
    if (int const errorNumber = SaveJournal::remove(m_path, m_durable); errorNumber != 0)
    {
        fail("cannot remove the journal '" + SaveJournal::pathFor(m_path) + "'",
             errorNumber);
    }
    m_committed = true;
    return {true, -1};
}
} // namespace openPMD::jsonio
