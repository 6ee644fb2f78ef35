#pragma once

// The `directory` store: one file per key below a root directory
// (name.zarr/), the layout zarr-python's DirectoryStore uses.

#include "openPMD/IO/KeyValueStore.hpp"
#include "openPMD/IO/StoreRegistry.hpp"

#include <filesystem>
#include <string>

namespace openPMD
{
class DirectoryStore final : public KeyValueStore
{
public:
    /** `fsyncOnSync`: sync() fsyncs every file written since the last sync. */
    DirectoryStore(std::string root, bool fsyncOnSync);

    std::string describe() const override;
    std::optional<std::vector<std::byte>> get(std::string const& key) override;
    std::optional<std::vector<std::byte>>
    getRange(std::string const& key, std::uint64_t offset, std::uint64_t length) override;
    void put(std::string const& key, void const* data, std::size_t size) override;
    bool erase(std::string const& key) override;
    std::vector<std::string> list(std::string const& prefix) override;
    void eraseWithPrefix(std::string const& prefix) override;
    bool contains(std::string const& key) override;
    void sync() override;

    /** The store type for the registry. */
    static StoreType type();

private:
    std::filesystem::path pathOf(std::string const& key) const;
    [[noreturn]] void readFailure(std::string const& key, std::string const& why) const;
    [[noreturn]] void writeFailure(std::string const& key, std::string const& why) const;

    std::filesystem::path m_root;
    bool m_fsyncOnSync;
    std::vector<std::filesystem::path> m_unsynced;
};
} // namespace openPMD
