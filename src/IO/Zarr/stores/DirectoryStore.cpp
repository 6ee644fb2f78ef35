#include "IO/Zarr/stores/DirectoryStore.hpp"
#include "IO/Zarr/stores/StoreOptions.hpp"
#include "openPMD/Error.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace openPMD
{
namespace fs = std::filesystem;

namespace
{
// Temporary files of put() end with this; list() skips them.
constexpr char const* partialSuffix = ".partial";

bool endsWith(std::string const& s, std::string const& end)
{
    return s.size() >= end.size() &&
           s.compare(s.size() - end.size(), end.size(), end) == 0;
}

/** Closes a file descriptor when it goes out of scope. */
struct Descriptor
{
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

std::string lastError()
{
    return std::strerror(errno);
}
} // namespace

DirectoryStore::DirectoryStore(std::string root, bool fsyncOnSync)
    : m_root(fs::path(std::move(root)).lexically_normal()), m_fsyncOnSync(fsyncOnSync)
{
}

std::string DirectoryStore::describe() const
{
    return "directory " + m_root.string();
}

fs::path DirectoryStore::pathOf(std::string const& key) const
{
    return m_root / fs::path(key);
}

void DirectoryStore::readFailure(std::string const& key, std::string const& why) const
{
    throw error::ReadError(error::AffectedObject::Other, error::Reason::CannotRead,
                           "Zarr",
                           "store '" + describe() + "', key '" + key + "': " + why);
}

void DirectoryStore::writeFailure(std::string const& key, std::string const& why) const
{
    throw error::WriteError(error::AffectedObject::Other, "Zarr",
                            "store '" + describe() + "', key '" + key + "': " + why);
}

std::optional<std::vector<std::byte>> DirectoryStore::get(std::string const& key)
{
    return getRange(key, 0, std::numeric_limits<std::uint64_t>::max());
}

std::optional<std::vector<std::byte>> DirectoryStore::getRange(std::string const& key,
                                                               std::uint64_t offset,
                                                               std::uint64_t length)
{
    Descriptor file;
    file.fd = ::open(pathOf(key).c_str(), O_RDONLY | O_CLOEXEC);
    if (file.fd < 0)
    {
        if (errno == ENOENT || errno == ENOTDIR)
            return std::nullopt;
        readFailure(key, "cannot open: " + lastError());
    }
    struct stat info
    {
    };
    if (::fstat(file.fd, &info) != 0)
        readFailure(key, "cannot stat: " + lastError());
    if (S_ISDIR(info.st_mode))
        return std::nullopt; // a group's directory is no value
    auto const size = static_cast<std::uint64_t>(info.st_size);
    auto const begin = std::min(offset, size);
    auto const count = std::min(length, size - begin);
    std::vector<std::byte> bytes(count);
    std::uint64_t done = 0;
    while (done < count)
    {
        auto const n = ::pread(file.fd, bytes.data() + done, count - done,
                               static_cast<off_t>(begin + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            readFailure(key, "cannot read: " + lastError());
        if (n == 0)
            break; // shrunk meanwhile
        done += static_cast<std::uint64_t>(n);
    }
    bytes.resize(done);
    return bytes;
}

void DirectoryStore::put(std::string const& key, void const* data, std::size_t size)
{
    static std::atomic<unsigned long> counter{0};
    auto const target = pathOf(key);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec)
        writeFailure(key, "cannot create directory '" + target.parent_path().string() +
                              "': " + ec.message());
    auto const temporary =
        target.parent_path() /
        ("." + target.filename().string() + "." + std::to_string(::getpid()) + "." +
         std::to_string(counter++) + partialSuffix);
    {
        Descriptor file;
        file.fd =
            ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (file.fd < 0)
            writeFailure(key,
                         "cannot create '" + temporary.string() + "': " + lastError());
        auto const* bytes = static_cast<char const*>(data);
        std::size_t done = 0;
        while (done < size)
        {
            auto const n = ::write(file.fd, bytes + done, size - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
            {
                auto const why = lastError();
                ::unlink(temporary.c_str());
                writeFailure(key, "cannot write: " + why);
            }
            done += static_cast<std::size_t>(n);
        }
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0)
    {
        auto const why = lastError();
        ::unlink(temporary.c_str());
        writeFailure(key, "cannot rename the temporary file into place: " + why);
    }
    if (m_fsyncOnSync)
        m_unsynced.push_back(target);
}

bool DirectoryStore::erase(std::string const& key)
{
    std::error_code ec;
    auto const path = pathOf(key);
    if (fs::is_directory(path, ec))
        return false;
    bool const removed = fs::remove(path, ec);
    if (ec)
        writeFailure(key, "cannot remove: " + ec.message());
    return removed;
}

std::vector<std::string> DirectoryStore::list(std::string const& prefix)
{
    // Start below the deepest directory the prefix names.
    auto const slash = prefix.rfind('/');
    std::string const base = slash == std::string::npos ? "" : prefix.substr(0, slash);
    auto const start = base.empty() ? m_root : pathOf(base);
    std::vector<std::string> keys;
    std::error_code ec;
    if (!fs::is_directory(start, ec))
        return keys;
    fs::recursive_directory_iterator it(start, ec), end;
    if (ec)
        readFailure(prefix, "cannot list: " + ec.message());
    for (; it != end; it.increment(ec))
    {
        if (ec)
            readFailure(prefix, "cannot list: " + ec.message());
        if (!it->is_regular_file(ec))
            continue;
        auto const name = it->path().filename().string();
        if (endsWith(name, partialSuffix))
            continue;
        auto key = it->path().lexically_relative(m_root).generic_string();
        if (key.compare(0, prefix.size(), prefix) == 0)
            keys.push_back(std::move(key));
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

void DirectoryStore::eraseWithPrefix(std::string const& prefix)
{
    // A whole directory goes at once; the directory itself goes too.
    if (prefix.empty() || prefix.back() == '/')
    {
        std::error_code ec;
        auto const directory = prefix.empty() ? m_root : pathOf(prefix);
        if (!fs::is_directory(directory, ec))
            return; // nothing stored; and never remove a file in the way
        fs::remove_all(directory, ec);
        if (ec)
            writeFailure(prefix, "cannot remove the directory: " + ec.message());
        return;
    }
    KeyValueStore::eraseWithPrefix(prefix);
}

bool DirectoryStore::contains(std::string const& key)
{
    std::error_code ec;
    return fs::is_regular_file(pathOf(key), ec);
}

void DirectoryStore::sync()
{
    for (auto const& path : m_unsynced)
    {
        Descriptor file;
        file.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (file.fd < 0 || ::fsync(file.fd) != 0)
            writeFailure(path.lexically_relative(m_root).generic_string(),
                         "cannot fsync: " + lastError());
    }
    m_unsynced.clear();
}

StoreType DirectoryStore::type()
{
    StoreType type;
    type.name = "directory";
    type.description = "one file per key below the hierarchy's directory (name.zarr/)";
    type.open = [](StoreArguments const& arguments) -> std::unique_ptr<KeyValueStore>
    {
        auto const options =
            zarrstore::parseStoreOptions(arguments.options, "directory", {"fsync"});
        bool fsyncOnSync = false;
        if (auto it = options.find("fsync"); it != options.end())
        {
            if (!it->is_boolean())
                throw error::BackendConfigSchema({"zarr", "store", "fsync"},
                                                 "expected true or false");
            fsyncOnSync = it->get<bool>();
        }
        return std::make_unique<DirectoryStore>(arguments.path, fsyncOnSync);
    };
    return type;
}
} // namespace openPMD
