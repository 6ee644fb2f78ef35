#include "IO/JSON/AtomicFileWriter.hpp"
#include "IO/JSON/JSONErrors.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace openPMD::jsonio
{
namespace
{
std::string directoryOf(std::string const& path)
{
    auto const parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

std::string errorText(int errorNumber)
{
    return std::strerror(errorNumber);
}

void syncDirectory(std::string const& directory)
{
    int const fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0)
    {
        ::fsync(fd);
        ::close(fd);
    }
}

[[noreturn]] void readFailure(std::string const& path, int errorNumber)
{
    auto reason = error::Reason::CannotRead;
    std::string what = "cannot read the file: " + errorText(errorNumber);
    if (errorNumber == ENOENT || errorNumber == ENOTDIR)
    {
        reason = error::Reason::NotFound;
        what = "the file does not exist";
    }
    else if (errorNumber == EACCES || errorNumber == EPERM)
    {
        reason = error::Reason::Inaccessible;
        what = "no permission to read the file: " + errorText(errorNumber);
    }
    throwReadError(error::AffectedObject::File, reason, path, "", what);
}
} // namespace

AtomicFileWriter::AtomicFileWriter(std::string target) : m_target(std::move(target))
{
    std::string const directory = directoryOf(m_target);
    std::error_code ignored;
    std::filesystem::create_directories(directory, ignored);

    static std::atomic<unsigned> counter{0};
    std::string const base = std::filesystem::path(m_target).filename().string();
    for (int attempt = 0; attempt < 100 && m_fd < 0; ++attempt)
    {
        m_temporary = directory + "/." + base + ".tmp." + std::to_string(::getpid()) +
                      "." + std::to_string(counter++);
        m_fd = ::open(m_temporary.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0 && errno != EEXIST)
        {
            int const errorNumber = errno;
            m_temporary.clear();
            fail("cannot create a temporary file in '" + directory + "'", errorNumber);
        }
    }
    if (m_fd < 0)
    {
        int const errorNumber = errno;
        m_temporary.clear();
        fail("cannot create a temporary file in '" + directory + "'", errorNumber);
    }
    struct stat existing;
    if (::stat(m_target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
    {
        ::fchmod(m_fd, existing.st_mode & 07777);
    }
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
    }
    if (!m_temporary.empty())
    {
        ::unlink(m_temporary.c_str());
    }
}

void AtomicFileWriter::fail(std::string const& what, int errorNumber)
{
    throwWriteError(error::AffectedObject::File, m_target, "",
                    what + ": " + errorText(errorNumber));
}

void AtomicFileWriter::write(std::string_view text)
{
    while (!text.empty())
    {
        auto const written = ::write(m_fd, text.data(), text.size());
        if (written < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            int const errorNumber = errno;
            fail("cannot write the temporary file '" + m_temporary + "'", errorNumber);
        }
        text.remove_prefix(static_cast<size_t>(written));
    }
}

void AtomicFileWriter::copyFrom(int source, std::uint64_t offset, std::uint64_t length)
{
    auto from = static_cast<off_t>(offset);
    while (length > 0)
    {
        auto const copied = ::copy_file_range(source, &from, m_fd, nullptr,
                                              static_cast<size_t>(length), 0);
        if (copied > 0)
        {
            length -= static_cast<std::uint64_t>(copied);
            continue;
        }
        if (copied < 0 && errno == EINTR)
        {
            continue;
        }
        if (copied < 0 && errno != EXDEV && errno != EINVAL && errno != ENOSYS &&
            errno != EOPNOTSUPP)
        {
            int const errorNumber = errno;
            fail("cannot copy unchanged content into the temporary file '" + m_temporary +
                     "'",
                 errorNumber);
        }
        break; // not supported here (or the source ended): copy in user space
    }
    char buffer[1 << 16];
    while (length > 0)
    {
        auto const got = ::pread(
            source, buffer,
            static_cast<size_t>(std::min<std::uint64_t>(length, sizeof(buffer))), from);
        if (got < 0 && errno == EINTR)
        {
            continue;
        }
        if (got <= 0)
        {
            fail("cannot read unchanged content back for '" + m_temporary + "'",
                 got < 0 ? errno : EIO);
        }
        write(std::string_view(buffer, static_cast<size_t>(got)));
        from += got;
        length -= static_cast<std::uint64_t>(got);
    }
}

int AtomicFileWriter::commit(bool durable)
{
    if (durable && ::fsync(m_fd) != 0)
    {
        int const errorNumber = errno;
        fail("cannot sync the temporary file '" + m_temporary + "'", errorNumber);
    }
    int const fd = m_fd;
    m_fd = -1;
    // Kept for reading back unchanged subtrees; close() still reports errors.
    int const readable = ::dup(fd);
    struct CloseOnFailure
    {
        int fd;
        ~CloseOnFailure()
        {
            if (fd >= 0)
            {
                ::close(fd);
            }
        }
    } guard{readable};
    if (::close(fd) != 0)
    {
        int const errorNumber = errno;
        fail("cannot close the temporary file '" + m_temporary + "'", errorNumber);
    }
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0)
    {
        int const errorNumber = errno;
        fail("cannot replace the file by '" + m_temporary + "'", errorNumber);
    }
    m_temporary.clear();
    if (durable)
    {
        syncDirectory(directoryOf(m_target));
    }
    guard.fd = -1;
    return readable;
}

void syncExistingFile(std::string const& path)
{
    int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0)
    {
        int const errorNumber = errno;
        if (fd >= 0)
        {
            ::close(fd);
        }
        throw error::WriteError(
            error::AffectedObject::File, std::string("JSON"),
            "file '" + path + "': cannot sync it to storage: " + errorText(errorNumber));
    }
    ::close(fd);
    syncDirectory(directoryOf(path));
}

int openForReading(std::string const& path, std::uint64_t& size)
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
    int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
    {
        int const errorNumber = errno;
        readFailure(path, errorNumber);
    }
    struct CloseOnFailure
    {
        int fd;
        ~CloseOnFailure()
        {
            if (fd >= 0)
            {
                ::close(fd);
            }
        }
    } guard{fd};
    struct stat info;
    if (::fstat(fd, &info) != 0)
    {
        int const errorNumber = errno;
        readFailure(path, errorNumber);
    }
    if (S_ISDIR(info.st_mode))
    {
        throwReadError(error::AffectedObject::File, error::Reason::Inaccessible, path, "",
                       "this is a directory, expected a JSON file");
    }
    if (!S_ISREG(info.st_mode))
    {
        // Reading a pipe or device could block or never end.
        throwReadError(error::AffectedObject::File, error::Reason::Inaccessible, path, "",
                       "this is no regular file, expected a JSON file");
    }
    size = static_cast<std::uint64_t>(info.st_size);
    guard.fd = -1;
    return fd;
}

std::string readWholeFile(std::string const& path)
{
    std::uint64_t size = 0;
    int const fd = openForReading(path, size);
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    std::string text;
    text.reserve(static_cast<size_t>(size));
    char chunk[1 << 16];
    while (true)
    {
        auto const got = ::read(fd, chunk, sizeof(chunk));
        if (got < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            int const errorNumber = errno;
            readFailure(path, errorNumber);
        }
        if (got == 0)
        {
            break;
        }
        text.append(chunk, static_cast<size_t>(got));
    }
    return text;
}
} // namespace openPMD::jsonio
