#pragma once

// The `memory` store: hierarchies kept in a process-wide table, so that a
// second Series in the same process reads what the first one wrote. Nothing
// reaches the disk; everything is gone when the process ends.

#include "openPMD/IO/KeyValueStore.hpp"
#include "openPMD/IO/StoreRegistry.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace openPMD
{
/** The keys and values of one hierarchy; shared by every store object on it. */
struct MemoryHierarchy
{
    std::mutex mutex;
    std::map<std::string, std::vector<std::byte>> values;
};

class MemoryStore final : public KeyValueStore
{
public:
    MemoryStore(std::string path, std::shared_ptr<MemoryHierarchy> hierarchy);

    std::string describe() const override;
    std::optional<std::vector<std::byte>> get(std::string const& key) override;
    std::optional<std::vector<std::byte>>
    getRange(std::string const& key, std::uint64_t offset, std::uint64_t length) override;
    void put(std::string const& key, void const* data, std::size_t size) override;
    bool erase(std::string const& key) override;
    std::vector<std::string> list(std::string const& prefix) override;
    void eraseWithPrefix(std::string const& prefix) override;
    bool contains(std::string const& key) override;

    /** The store type for the registry (lists hierarchies of a directory). */
    static StoreType type();

private:
    std::string m_path;
    std::shared_ptr<MemoryHierarchy> m_hierarchy;
};
} // namespace openPMD
