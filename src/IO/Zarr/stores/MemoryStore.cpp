#include "IO/Zarr/stores/MemoryStore.hpp"
#include "IO/Zarr/stores/StoreOptions.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace openPMD
{
namespace
{
/** The process-wide table: normalized path -> hierarchy. */
struct HierarchyTable
{
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<MemoryHierarchy>> hierarchies;
};

HierarchyTable& hierarchyTable()
{
    static HierarchyTable table;
    return table;
}

/** "./run/a.zarr" and "run//a.zarr" name the same hierarchy. */
std::string normalized(std::string const& path)
{
    auto result = std::filesystem::path(path).lexically_normal().generic_string();
    while (result.size() > 1 && result.back() == '/')
        result.pop_back();
    return result.empty() ? "." : result;
}

std::shared_ptr<MemoryHierarchy> hierarchyAt(std::string const& path)
{
    auto& table = hierarchyTable();
    std::lock_guard<std::mutex> lock(table.mutex);
    auto& entry = table.hierarchies[path];
    if (!entry)
        entry = std::make_shared<MemoryHierarchy>();
    return entry;
}

std::vector<std::string> hierarchiesIn(std::string const& directory)
{
    auto const dir = normalized(directory);
    std::vector<std::string> names;
    auto& table = hierarchyTable();
    std::lock_guard<std::mutex> lock(table.mutex);
    for (auto const& [path, hierarchy] : table.hierarchies)
    {
        auto const p = std::filesystem::path(path);
        auto const parent = p.has_parent_path() ? p.parent_path().generic_string() : ".";
        if (parent != dir)
            continue;
        std::lock_guard<std::mutex> valuesLock(hierarchy->mutex);
        if (!hierarchy->values.empty()) // erased hierarchies are gone
            names.push_back(p.filename().generic_string());
    }
    return names;
}
} // namespace

MemoryStore::MemoryStore(std::string path, std::shared_ptr<MemoryHierarchy> hierarchy)
    : m_path(std::move(path)), m_hierarchy(std::move(hierarchy))
{
}

std::string MemoryStore::describe() const
{
    return "memory " + m_path;
}

std::optional<std::vector<std::byte>> MemoryStore::get(std::string const& key)
{
    std::lock_guard<std::mutex> lock(m_hierarchy->mutex);
    auto it = m_hierarchy->values.find(key);
    if (it == m_hierarchy->values.end())
        return std::nullopt;
    return it->second;
}

std::optional<std::vector<std::byte>>
MemoryStore::getRange(std::string const& key, std::uint64_t offset, std::uint64_t length)
{
    std::lock_guard<std::mutex> lock(m_hierarchy->mutex);
    auto it = m_hierarchy->values.find(key);
    if (it == m_hierarchy->values.end())
        return std::nullopt;
    auto const& value = it->second;
    auto const begin = std::min<std::uint64_t>(offset, value.size());
    auto const count = std::min<std::uint64_t>(length, value.size() - begin);
    auto const first = value.begin() + static_cast<std::ptrdiff_t>(begin);
    return std::vector<std::byte>(first, first + static_cast<std::ptrdiff_t>(count));
}

void MemoryStore::put(std::string const& key, void const* data, std::size_t size)
{
    std::vector<std::byte> value(size);
    if (size > 0)
        std::memcpy(value.data(), data, size);
    std::lock_guard<std::mutex> lock(m_hierarchy->mutex);
    m_hierarchy->values[key] = std::move(value);
}

bool MemoryStore::erase(std::string const& key)
{
    std::lock_guard<std::mutex> lock(m_hierarchy->mutex);
    return m_hierarchy->values.erase(key) > 0;
}

std::vector<std::string> MemoryStore::list(std::string const& prefix)
{
    std::vector<std::string> keys;
    std::lock_guard<std::mutex> lock(m_hierarchy->mutex);
    for (auto it = m_hierarchy->values.lower_bound(prefix);
         it != m_hierarchy->values.end() &&
         it->first.compare(0, prefix.size(), prefix) == 0;
         ++it)
        keys.push_back(it->first);
    return keys;
}

void MemoryStore::eraseWithPrefix(std::string const& prefix)
{
    std::lock_guard<std::mutex> lock(m_hierarchy->mutex);
    auto& values = m_hierarchy->values;
    auto it = values.lower_bound(prefix);
    while (it != values.end() && it->first.compare(0, prefix.size(), prefix) == 0)
        it = values.erase(it);
}

bool MemoryStore::contains(std::string const& key)
{
    std::lock_guard<std::mutex> lock(m_hierarchy->mutex);
    return m_hierarchy->values.count(key) > 0;
}

StoreType MemoryStore::type()
{
    StoreType type;
    type.name = "memory";
    type.description = "process-wide table in memory; a hierarchy lives until the "
                       "process ends or it is deleted";
    type.open = [](StoreArguments const& arguments) -> std::unique_ptr<KeyValueStore>
    {
        zarrstore::parseStoreOptions(arguments.options, "memory", {});
        auto const path = normalized(arguments.path);
        return std::make_unique<MemoryStore>(path, hierarchyAt(path));
    };
    type.listHierarchies = [](StoreArguments const& arguments)
    {
        zarrstore::parseStoreOptions(arguments.options, "memory", {});
        return hierarchiesIn(arguments.path);
    };
    return type;
}
} // namespace openPMD
