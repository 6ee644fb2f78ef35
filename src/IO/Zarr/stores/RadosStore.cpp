#include "IO/Zarr/stores/RadosStore.hpp"
#include "openPMD/Error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <deque>
#include <limits>

namespace openPMD
{
namespace
{
// Bytes asked for by the first read of a value: small values (the Zarr
// metadata) come in one round trip with their size; a larger one costs a
// second read of the rest.
constexpr std::size_t firstReadBytes = 256 * 1024;
// A value replaced this often while it is being read is reported.
constexpr int readAttempts = 8;
// omap entries per listing request and removals in flight.
constexpr std::size_t omapPage = 1000;
constexpr std::size_t removalsInFlight = 64;

struct ReadOperation
{
    rados_read_op_t op = rados_create_read_op();
    ~ReadOperation() { rados_release_read_op(op); }
    ReadOperation() = default;
    ReadOperation(ReadOperation const&) = delete;
    ReadOperation& operator=(ReadOperation const&) = delete;
};

struct WriteOperation
{
    rados_write_op_t op = rados_create_write_op();
    ~WriteOperation() { rados_release_write_op(op); }
    WriteOperation() = default;
    WriteOperation(WriteOperation const&) = delete;
    WriteOperation& operator=(WriteOperation const&) = delete;
};

struct OmapIterator
{
    rados_omap_iter_t iter = nullptr;
    ~OmapIterator()
    {
        if (iter)
            rados_omap_get_end(iter);
    }
    OmapIterator() = default;
    OmapIterator(OmapIterator const&) = delete;
    OmapIterator& operator=(OmapIterator const&) = delete;
};

// One asynchronous removal; the completion is released only after it finished.
struct Removal
{
    std::string const* key = nullptr;
    rados_completion_t completion = nullptr;
    int wait()
    {
        rados_aio_wait_for_complete(completion);
        return rados_aio_get_return_value(completion);
    }
    ~Removal()
    {
        if (completion)
            rados_aio_release(completion);
    }
    Removal() = default;
    Removal(Removal const&) = delete;
    Removal& operator=(Removal const&) = delete;
};
} // namespace

RadosStore::RadosStore(std::shared_ptr<RadosConnection> connection, std::string pool,
                       std::string radosNamespace, std::string const& path, Access access)
    : m_connection(std::move(connection)), m_pool(std::move(pool)),
      m_namespace(std::move(radosNamespace)), m_names(path), m_access(access)
{
    int rc = rados_ioctx_create(m_connection->cluster(), m_pool.c_str(), &m_io);
    if (rc < 0)
    {
        m_io = nullptr;
        auto const description =
            fmt::format("{}: cannot open pool '{}' (conf '{}'): {}", describe(), m_pool,
                        m_connection->settings().conf,
                        rc == -ENOENT ? "the pool does not exist" : radosErrorText(rc));
        if (access::readOnly(access))
            throw error::ReadError(error::AffectedObject::File,
                                   rc == -ENOENT ? error::Reason::NotFound
                                                 : error::Reason::Inaccessible,
                                   "rados", description);
        throw error::WriteError(error::AffectedObject::File, "rados", description);
    }
    rados_ioctx_set_namespace(m_io, m_namespace.c_str());
}

RadosStore::~RadosStore()
{
    if (m_io)
        rados_ioctx_destroy(m_io);
}

std::string RadosStore::describe() const
{
    return fmt::format("rados pool={}{} {}", m_pool,
                       m_namespace.empty() ? "" : " ns=" + m_namespace,
                       m_names.hierarchy());
}

std::uint64_t RadosStore::maxValueSize() const
{
    return m_connection->maxObjectSize();
}

void RadosStore::throwReadError(std::string const& key, std::string const& object,
                                std::string const& what, int rc) const
{
    throw error::ReadError(error::AffectedObject::Other, error::Reason::CannotRead,
                           "rados",
                           fmt::format("{}: key '{}' (object '{}'): {}: {}", describe(),
                                       key, object, what, radosErrorText(rc)));
}

void RadosStore::throwWriteError(std::string const& key, std::string const& object,
                                 std::string const& what, int rc) const
{
    throw error::WriteError(error::AffectedObject::Other, "rados",
                            fmt::format("{}: key '{}' (object '{}'): {}: {}", describe(),
                                        key, object, what, radosErrorText(rc)));
}

std::optional<std::vector<std::byte>> RadosStore::get(std::string const& key)
{
    return getRange(key, 0, std::numeric_limits<std::uint64_t>::max());
}

std::optional<std::vector<std::byte>>
RadosStore::getRange(std::string const& key, std::uint64_t offset, std::uint64_t length)
{
    auto const object = m_names.valueObject(key);
    std::size_t bufferSize = std::min<std::uint64_t>(length, firstReadBytes);
    for (int attempt = 0; attempt < readAttempts; ++attempt)
    {
        // The size and the bytes in one operation, so they belong to the
        // same version of the value.
        std::vector<std::byte> value(bufferSize);
        std::uint64_t size = 0;
        std::size_t bytesRead = 0;
        int rc = 0;
        {
            std::time_t modified = 0;
            int statResult = 0;
            int readResult = 0;
            ReadOperation read;
            rados_read_op_stat(read.op, &size, &modified, &statResult);
            // A read of length 0 would mean "to the end" to the OSD.
            if (bufferSize > 0)
                rados_read_op_read(read.op, offset, bufferSize,
                                   reinterpret_cast<char*>(value.data()), &bytesRead,
                                   &readResult);
            rc = rados_read_op_operate(read.op, m_io, object.c_str(), 0);
        }
        if (rc == -ENOENT)
            return std::nullopt;
        if (rc < 0)
            throwReadError(key, object, "cannot read", rc);
        std::uint64_t const available = size > offset ? size - offset : 0;
        std::uint64_t const wanted = std::min(length, available);
        if (bytesRead >= wanted)
        {
            value.resize(wanted);
            return value;
        }
        // A value larger than the first read: the rest, if the value is
        // still the version just read.
        if (attempt == 0 && readRest(object, offset, wanted, value, bytesRead))
            return value;
        // It was replaced meanwhile (or is replaced again and again): the
        // whole range of the size just seen, in one operation.
        bufferSize = wanted;
    }
    throwReadError(
        key, object,
        fmt::format("the value changed size during each of {} reads", readAttempts),
        -EAGAIN);
}

bool RadosStore::readRest(std::string const& object, std::uint64_t offset,
                          std::uint64_t wanted, std::vector<std::byte>& value,
                          std::size_t alreadyRead)
{
    auto const version = rados_get_last_version(m_io);
    value.resize(wanted);
    std::size_t restRead = 0;
    int readResult = 0;
    int rc = 0;
    {
        ReadOperation read;
        rados_read_op_assert_version(read.op, version);
        rados_read_op_read(read.op, offset + alreadyRead, wanted - alreadyRead,
                           reinterpret_cast<char*>(value.data() + alreadyRead), &restRead,
                           &readResult);
        rc = rados_read_op_operate(read.op, m_io, object.c_str(), 0);
    }
    // Another version (-ERANGE, -EOVERFLOW) or removed: read again; any
    // other error shows there too.
    return rc >= 0 && alreadyRead + restRead == wanted;
}

void RadosStore::requireWritable(std::string const& key) const
{
    if (access::readOnly(m_access))
        throwWriteError(key, m_names.valueObject(key), "the store is opened read-only",
                        -EROFS);
}

void RadosStore::put(std::string const& key, void const* data, std::size_t size)
{
    requireWritable(key);
    auto const object = m_names.valueObject(key);
    if (size > maxValueSize())
        throwWriteError(
            key, object,
            fmt::format("a value of {} bytes is larger than the {} bytes that one RADOS "
                        "object of this cluster takes (osd_max_object_size, "
                        "osd_max_write_size)",
                        size, maxValueSize()),
            -EFBIG);
    if (!m_inCatalog)
        addToCatalog(key);
    // One write_full replaces the object atomically: readers see the old
    // or the new value. The index entry comes after the value, so a listed
    // key always has a value, even if the process dies in between.
    int rc = rados_write_full(m_io, object.c_str(), static_cast<char const*>(data), size);
    if (rc < 0)
        throwWriteError(key, object, fmt::format("cannot write {} bytes", size), rc);
    setOmapKey(m_names.keyIndexObject(), key, key);
}

bool RadosStore::erase(std::string const& key)
{
    requireWritable(key);
    auto const object = m_names.valueObject(key);
    // Index entry first: a listed key always has a value.
    removeOmapKeys(m_names.keyIndexObject(), {key}, key);
    int rc = rados_remove(m_io, object.c_str());
    if (rc == -ENOENT)
        return false;
    if (rc < 0)
        throwWriteError(key, object, "cannot remove", rc);
    return true;
}

bool RadosStore::contains(std::string const& key)
{
    auto const object = m_names.valueObject(key);
    std::uint64_t size = 0;
    std::time_t modified = 0;
    int rc = rados_stat(m_io, object.c_str(), &size, &modified);
    if (rc == -ENOENT)
        return false;
    if (rc < 0)
        throwReadError(key, object, "cannot look up", rc);
    return true;
}

std::vector<std::string> RadosStore::list(std::string const& prefix)
{
    return omapKeys(m_names.keyIndexObject(), prefix);
}

void RadosStore::eraseWithPrefix(std::string const& prefix)
{
    requireWritable(prefix);
    auto const keys = list(prefix);
    for (std::size_t begin = 0; begin < keys.size(); begin += omapPage)
    {
        auto end = std::min(keys.size(), begin + omapPage);
        removeOmapKeys(m_names.keyIndexObject(),
                       std::vector<std::string>(keys.begin() + begin, keys.begin() + end),
                       prefix + "*");
    }
    // Removals run concurrently, a window of them at a time.
    std::deque<Removal> inFlight;
    auto finishOldest = [&]()
    {
        int rc = inFlight.front().wait();
        auto const& key = *inFlight.front().key;
        inFlight.pop_front();
        if (rc < 0 && rc != -ENOENT)
        {
            // Each completion must finish before it is released.
            while (!inFlight.empty())
            {
                inFlight.front().wait();
                inFlight.pop_front();
            }
            throwWriteError(key, m_names.valueObject(key), "cannot remove", rc);
        }
    };
    for (auto const& key : keys)
    {
        if (inFlight.size() == removalsInFlight)
            finishOldest();
        inFlight.emplace_back();
        auto& removal = inFlight.back();
        removal.key = &key;
        int rc = rados_aio_create_completion2(nullptr, nullptr, &removal.completion);
        if (rc == 0)
            rc = rados_aio_remove(m_io, m_names.valueObject(key).c_str(),
                                  removal.completion);
        if (rc < 0)
        {
            inFlight.pop_back(); // never started
            while (!inFlight.empty())
            {
                inFlight.front().wait();
                inFlight.pop_front();
            }
            throwWriteError(key, m_names.valueObject(key), "cannot start removing", rc);
        }
    }
    while (!inFlight.empty())
        finishOldest();
    if (prefix.empty())
    {
        // The hierarchy is gone: its index and its catalog entry too.
        int rc = rados_remove(m_io, m_names.keyIndexObject().c_str());
        if (rc < 0 && rc != -ENOENT)
            throwWriteError("", m_names.keyIndexObject(), "cannot remove the key index",
                            rc);
        removeFromCatalog();
    }
}

std::vector<std::string> RadosStore::hierarchiesInDirectory()
{
    return omapKeys(RadosObjectNames::catalogObjectOf(m_names.hierarchy()), "");
}

std::vector<std::string> RadosStore::omapKeys(std::string const& object,
                                              std::string const& prefix) const
{
    std::vector<std::string> keys;
    std::string startAfter;
    unsigned char more = 1;
    while (more)
    {
        int result = 0;
        ReadOperation read;
        OmapIterator entries;
        rados_read_op_omap_get_vals2(read.op, startAfter.c_str(), prefix.c_str(),
                                     omapPage, &entries.iter, &more, &result);
        int rc = rados_read_op_operate(read.op, m_io, object.c_str(), 0);
        if (rc == -ENOENT)
            break; // nothing was ever put
        if (rc < 0)
            throwReadError(prefix + "*", object, "cannot list the index", rc);
        std::size_t fetched = 0;
        for (;;)
        {
            char* key = nullptr;
            char* value = nullptr;
            std::size_t keyLength = 0;
            std::size_t valueLength = 0;
            rc = rados_omap_get_next2(entries.iter, &key, &value, &keyLength,
                                      &valueLength);
            if (rc < 0)
                throwReadError(prefix + "*", object, "cannot list the index", rc);
            if (!key)
                break;
            keys.emplace_back(key, keyLength);
            ++fetched;
        }
        if (fetched == 0)
            break;
        startAfter = keys.back();
    }
    // omap keeps keys in byte order already; sorting makes it a guarantee.
    std::sort(keys.begin(), keys.end());
    return keys;
}

void RadosStore::setOmapKey(std::string const& object, std::string const& omapKey,
                            std::string const& forKey)
{
    char const* keys[] = {omapKey.c_str()};
    char const* values[] = {""};
    std::size_t const keyLengths[] = {omapKey.size()};
    std::size_t const valueLengths[] = {0};
    int rc = 0;
    {
        WriteOperation write;
        rados_write_op_omap_set2(write.op, keys, values, keyLengths, valueLengths, 1);
        rc = rados_write_op_operate2(write.op, m_io, object.c_str(), nullptr, 0);
    }
    if (rc < 0)
        throwWriteError(forKey, object, "cannot add to the index", rc);
}

void RadosStore::removeOmapKeys(std::string const& object,
                                std::vector<std::string> const& keys,
                                std::string const& forKey)
{
    std::vector<char const*> names;
    std::vector<std::size_t> lengths;
    for (auto const& key : keys)
    {
        names.push_back(key.c_str());
        lengths.push_back(key.size());
    }
    int rc = 0;
    {
        WriteOperation write;
        rados_write_op_omap_rm_keys2(write.op, names.data(), lengths.data(),
                                     names.size());
        rc = rados_write_op_operate2(write.op, m_io, object.c_str(), nullptr, 0);
    }
    if (rc < 0 && rc != -ENOENT)
        throwWriteError(forKey, object, "cannot remove from the index", rc);
}

void RadosStore::addToCatalog(std::string const& forKey)
{
    if (auto catalog = m_names.catalogObject())
        setOmapKey(*catalog, m_names.catalogEntry(), forKey);
    m_inCatalog = true;
}

void RadosStore::removeFromCatalog()
{
    if (auto catalog = m_names.catalogObject())
        removeOmapKeys(*catalog, {m_names.catalogEntry()}, "");
    m_inCatalog = false;
}
} // namespace openPMD
