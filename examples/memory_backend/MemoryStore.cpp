#include "MemoryStore.hpp"

#include <filesystem>

namespace memory_backend
{
MemoryStore& MemoryStore::instance()
{
    static MemoryStore store;
    return store;
}

std::string MemoryStore::key(std::string const& directory, std::string const& name)
{
    // "dir", "dir/" and "./dir" name the same file.
    return (std::filesystem::path(directory) / name).lexically_normal().string();
}

std::shared_ptr<MemoryNode> MemoryStore::create(std::string const& key)
{
    auto file = std::make_shared<MemoryNode>();
    std::lock_guard<std::mutex> lock(m_mutex);
    m_files[key] = file;
    return file;
}

std::shared_ptr<MemoryNode> MemoryStore::find(std::string const& key) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_files.find(key);
    return it == m_files.end() ? nullptr : it->second;
}

bool MemoryStore::erase(std::string const& key)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_files.erase(key) > 0;
}
std::vector<std::string> MemoryStore::filesIn(std::string const& directory) const
{
    std::vector<std::string> names;
    std::lock_guard<std::mutex> lock(m_mutex);
    for (auto const& [fileKey, file] : m_files)
    {
        std::string name = std::filesystem::path(fileKey).filename().string();
        if (key(directory, name) == fileKey)
        {
            names.push_back(std::move(name));
        }
    }
    return names;
}
} // namespace memory_backend
