#include "IO/JSON/SaveJournal.hpp"
#include "IO/JSON/JSONErrors.hpp"

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
constexpr char magic[8] = {'O', 'P', 'M', 'D', 'J', 'S', 'J', '1'};
constexpr size_t headerFields = 5; // device, inode, offset, tail length, checksum
constexpr size_t headerSize = sizeof(magic) + headerFields * sizeof(std::uint64_t);

std::uint64_t checksumOf(SaveJournal const& journal)
{
    // FNV-1a over the fields and the tail: catches a journal cut short.
    std::uint64_t hash = 14695981039346656037ull;
    auto mix = [&hash](void const* bytes, size_t length)
    {
        auto const* p = static_cast<unsigned char const*>(bytes);
        for (size_t i = 0; i < length; ++i)
        {
            hash = (hash ^ p[i]) * 1099511628211ull;
        }
    };
    std::uint64_t const fields[] = {journal.device, journal.inode, journal.offset,
                                    journal.oldTail.size()};
    mix(fields, sizeof(fields));
    mix(journal.oldTail.data(), journal.oldTail.size());
    return hash;
}

bool writeAll(int fd, char const* data, size_t length, off_t at)
{
    while (length > 0)
    {
        auto const written = ::pwrite(fd, data, length, at);
        if (written < 0 && errno == EINTR)
        {
            continue;
        }
        if (written <= 0)
        {
            if (written == 0)
            {
                errno = EIO;
            }
            return false;
        }
        data += written;
        length -= static_cast<size_t>(written);
        at += written;
    }
    return true;
}

void syncDirectoryOf(std::string const& path)
{
    auto const parent = std::filesystem::path(path).parent_path();
    int const fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0)
    {
        ::fsync(fd);
        ::close(fd);
    }
}
} // namespace

std::string SaveJournal::pathFor(std::string const& file)
{
    return file + ".journal";
}

void SaveJournal::write(std::string const& file, bool durable) const
{
    std::string const path = pathFor(file);
    std::string record(magic, sizeof(magic));
    std::uint64_t const fields[headerFields] = {device, inode, offset, oldTail.size(),
                                                checksumOf(*this)};
    record.append(reinterpret_cast<char const*>(fields), sizeof(fields));
    record += oldTail;
    int const fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    bool ok = fd >= 0 && writeAll(fd, record.data(), record.size(), 0) &&
              (!durable || ::fsync(fd) == 0);
    int const errorNumber = errno;
    if (fd >= 0 && ::close(fd) != 0)
    {
        ok = false;
    }
    if (!ok)
    {
        ::unlink(path.c_str());
        throwWriteError(error::AffectedObject::File, file, "",
                        "cannot write the journal '" + path +
                            "' of an in-place save: " + std::strerror(errorNumber));
    }
    if (durable)
    {
        syncDirectoryOf(path);
    }
}

SaveJournal::Found SaveJournal::read(std::string const& file, int descriptor,
                                     SaveJournal& journal)
{
    int const fd = ::open(pathFor(file).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
    {
        return Found::None;
    }
    std::string record;
    char buffer[1 << 16];
    while (true)
    {
        auto const got = ::read(fd, buffer, sizeof(buffer));
        if (got < 0 && errno == EINTR)
        {
            continue;
        }
        if (got <= 0)
        {
            break;
        }
        record.append(buffer, static_cast<size_t>(got));
    }
    ::close(fd);
    if (record.size() < headerSize ||
        record.compare(0, sizeof(magic), magic, sizeof(magic)))
    {
        return Found::Incomplete;
    }
    std::uint64_t fields[headerFields];
    std::memcpy(fields, record.data() + sizeof(magic), sizeof(fields));
    journal.device = fields[0];
    journal.inode = fields[1];
    journal.offset = fields[2];
    if (record.size() - headerSize != fields[3])
    {
        return Found::Incomplete;
    }
    journal.oldTail = record.substr(headerSize);
    if (checksumOf(journal) != fields[4])
    {
        return Found::Incomplete;
    }
    struct stat info;
    if (::fstat(descriptor, &info) != 0 ||
        static_cast<std::uint64_t>(info.st_dev) != journal.device ||
        static_cast<std::uint64_t>(info.st_ino) != journal.inode ||
        static_cast<std::uint64_t>(info.st_size) < journal.offset)
    {
        return Found::Stale;
    }
    return Found::Valid;
}

int SaveJournal::restore(int descriptor) const
{
    if (!writeAll(descriptor, oldTail.data(), oldTail.size(),
                  static_cast<off_t>(offset)) ||
        ::ftruncate(descriptor, static_cast<off_t>(offset + oldTail.size())) != 0)
    {
        return errno;
    }
    return 0;
}

int SaveJournal::remove(std::string const& file, bool durable)
{
    if (::unlink(pathFor(file).c_str()) != 0 && errno != ENOENT)
    {
        return errno;
    }
    if (durable)
    {
        syncDirectoryOf(file);
    }
    return 0;
}

void SaveJournal::repair(std::string const& file)
{
    std::string const journalPath = pathFor(file);
    if (::access(journalPath.c_str(), F_OK) != 0)
    {
        return;
    }
    auto fail = [&](int errorNumber)
    {
        throwWriteError(
            error::AffectedObject::File, file, "",
            "cannot repair the file from the journal '" + journalPath +
                "' of a save that did not complete: " + std::strerror(errorNumber));
    };
    int const fd = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        fail(errno);
    }
    SaveJournal journal;
    int errorNumber = 0;
    if (read(file, fd, journal) == Found::Valid)
    {
        errorNumber = journal.restore(fd);
        if (errorNumber == 0 && ::fsync(fd) != 0)
        {
            errorNumber = errno;
        }
    }
    ::close(fd);
    if (errorNumber == 0)
    {
        // Only once the old state is back (and synced) may the journal go.
        errorNumber = remove(file, true);
    }
    if (errorNumber != 0)
    {
        fail(errorNumber);
    }
}
} // namespace openPMD::jsonio
