#pragma once

// The "rados" store: each key of a Zarr hierarchy is one RADOS object in a
// pool (and namespace) of a Ceph cluster, listed through an omap index.
// Object names: RadosObjectNames.hpp; options and limits:
// docs/object-stores.md.

#include "IO/Zarr/stores/RadosConnection.hpp"
#include "IO/Zarr/stores/RadosObjectNames.hpp"
#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/KeyValueStore.hpp"

#include <rados/librados.h>

#include <memory>
#include <string>
#include <vector>

namespace openPMD
{
class RadosStore : public KeyValueStore
{
public:
    /**
     * @param pool must exist; @param radosNamespace "" is the default one.
     * @throws error::ReadError or error::WriteError (by `access`) if the
     *         pool does not exist or cannot be opened.
     */
    RadosStore(std::shared_ptr<RadosConnection> connection, std::string pool,
               std::string radosNamespace, std::string const& path, Access access);
    ~RadosStore() override;
    RadosStore(RadosStore const&) = delete;
    RadosStore& operator=(RadosStore const&) = delete;

    std::string describe() const override;
    std::optional<std::vector<std::byte>> get(std::string const& key) override;
    std::optional<std::vector<std::byte>>
    getRange(std::string const& key, std::uint64_t offset, std::uint64_t length) override;
    void put(std::string const& key, void const* data, std::size_t size) override;
    bool erase(std::string const& key) override;
    std::vector<std::string> list(std::string const& prefix) override;
    void eraseWithPrefix(std::string const& prefix) override;
    bool contains(std::string const& key) override;
    /** Nothing to do: RADOS acknowledges a write once it is durable. */
    void sync() override {}
    /** The cluster's object size limit (RadosConnection::maxObjectSize). */
    std::uint64_t maxValueSize() const override;

    /** The hierarchies in the catalog of this store's path taken as a directory. */
    std::vector<std::string> hierarchiesInDirectory();

private:
    std::vector<std::string> omapKeys(std::string const& object,
                                      std::string const& prefix) const;
    void setOmapKey(std::string const& object, std::string const& omapKey,
                    std::string const& forKey);
    void removeOmapKeys(std::string const& object, std::vector<std::string> const& keys,
                        std::string const& forKey);
    /** Reads the rest of a value if its version is still the last one read. */
    bool readRest(std::string const& object, std::uint64_t offset, std::uint64_t wanted,
                  std::vector<std::byte>& value, std::size_t alreadyRead);
    void requireWritable(std::string const& key) const;
    void addToCatalog(std::string const& forKey);
    void removeFromCatalog();

    [[noreturn]] void throwReadError(std::string const& key, std::string const& object,
                                     std::string const& what, int rc) const;
    [[noreturn]] void throwWriteError(std::string const& key, std::string const& object,
                                      std::string const& what, int rc) const;

    std::shared_ptr<RadosConnection> m_connection;
    std::string m_pool;
    std::string m_namespace;
    RadosObjectNames m_names;
    Access m_access;
    rados_ioctx_t m_io = nullptr;
    // Whether this store put its hierarchy into the directory's catalog
    // (once, at its first put after opening or after erasing everything).
    bool m_inCatalog = false;
};
} // namespace openPMD
