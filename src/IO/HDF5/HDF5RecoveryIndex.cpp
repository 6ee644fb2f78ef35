#include "IO/HDF5/HDF5RecoveryIndex.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace openPMD::hdf5
{
namespace
{
std::string const header = "libopenPMD HDF5 recovery index 1";

std::string encodeAddress(ObjectAddress const& address)
{
#if H5_VERSION_GE(1, 12, 0)
    // Tokens (HDF5 1.12) are not written yet: Debian's HDF5 is 1.10.
    (void)address;
    return {};
#else
    return std::to_string(address);
#endif
}

std::optional<ObjectAddress> decodeAddress(std::string const& text)
{
#if H5_VERSION_GE(1, 12, 0)
    (void)text;
    return std::nullopt;
#else
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
        text.size() > 20)
    {
        return std::nullopt;
    }
    try
    {
        return static_cast<ObjectAddress>(std::stoull(text));
    }
    catch (std::exception const&)
    {
        return std::nullopt;
    }
#endif
}

/** The parent path and the last segment of an absolute path. */
std::pair<std::string, std::string> splitLast(std::string const& path)
{
    auto const slash = path.rfind('/');
    if (slash == std::string::npos)
    {
        return {"/", path};
    }
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}
} // namespace

std::string recoveryIndexName(std::string const& file)
{
    return file + ".recovery";
}

std::optional<ObjectAddress> addressOfObject(hid_t object)
{
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    if (H5Oget_info3(object, &info, H5O_INFO_BASIC) < 0)
    {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
    }
    return info.token;
#else
    H5O_info_t info;
    if (H5Oget_info2(object, &info, H5O_INFO_BASIC) < 0)
    {
        H5Eclear2(H5E_DEFAULT);
        return std::nullopt;
    }
    return info.addr;
#endif
}

bool appendRecoveryEntries(std::string const& file,
                           std::vector<RecoveryEntry> const& entries, bool durable)
{
    std::string const name = recoveryIndexName(file);
    std::error_code ignored;
    bool const fresh = !std::filesystem::exists(name, ignored);
    std::string text;
    if (fresh)
    {
        text = header + '\n';
    }
    for (auto const& entry : entries)
    {
        std::string const address = encodeAddress(entry.address);
        if (address.empty() || entry.path.find('\n') != std::string::npos)
        {
            continue;
        }
        text += address + ' ' + entry.path + '\n';
    }
    // One write of whole lines in append mode: a kill leaves whole lines or
    // none of this flush's (a torn last line is skipped by the reader).
    std::FILE* out = std::fopen(name.c_str(), "ab");
    if (out == nullptr)
    {
        return false;
    }
    bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    ok = std::fflush(out) == 0 && ok;
    if (durable)
    {
        ok = fsync(fileno(out)) == 0 && ok;
    }
    ok = std::fclose(out) == 0 && ok;
    return ok;
}

namespace
{
/** The POSIX file descriptor of a file of the sec2 driver, or -1. */
int descriptorOf(hid_t file)
{
    Handle const access(H5Fget_access_plist(file));
    void* handle = nullptr;
    if (!access || H5Pget_driver(access.get()) != H5FD_SEC2 ||
        H5Fget_vfd_handle(file, access.get(), &handle) < 0 || handle == nullptr)
    {
        H5Eclear2(H5E_DEFAULT);
        return -1;
    }
    return *static_cast<int*>(handle);
}
} // namespace

std::optional<std::uint64_t> freeBytesBelow(hid_t file)
{
    int const descriptor = descriptorOf(file);
    struct statvfs info;
    if (descriptor < 0 || fstatvfs(descriptor, &info) != 0)
    {
        return std::nullopt;
    }
    return std::uint64_t(info.f_bavail) * std::uint64_t(info.f_frsize);
}

void detachFromDisk(hid_t file)
{
    int const descriptor = descriptorOf(file);
    if (descriptor < 0)
    {
        return;
    }
    int const sink = memfd_create("openpmd-detached-hdf5-file", MFD_CLOEXEC);
    if (sink < 0)
    {
        return;
    }
    dup2(sink, descriptor);
    close(sink);
}

void removeRecoveryIndex(std::string const& file)
{
    std::error_code ignored;
    std::filesystem::remove(recoveryIndexName(file), ignored);
}

std::optional<Members> recoveredMembers(std::string const& file,
                                        std::string const& groupPath)
{
    std::ifstream in(recoveryIndexName(file));
    std::string line;
    if (!in || !std::getline(in, line) || line != header)
    {
        return std::nullopt;
    }
    Members members;
    while (std::getline(in, line))
    {
        if (in.eof())
        {
            // No newline after it: the writer was killed while writing it.
            break;
        }
        auto const space = line.find(' ');
        if (space == std::string::npos)
        {
            continue;
        }
        auto const address = decodeAddress(line.substr(0, space));
        auto const [parent, name] = splitLast(line.substr(space + 1));
        if (!address || parent != groupPath || name.empty())
        {
            continue;
        }
        if (members.addresses.emplace(name, *address).second)
        {
            members.groups.push_back(name);
        }
        else
        {
            members.addresses[name] = *address;
        }
    }
    if (members.groups.empty())
    {
        return std::nullopt;
    }
    std::sort(members.groups.begin(), members.groups.end());
    return members;
}
} // namespace openPMD::hdf5
