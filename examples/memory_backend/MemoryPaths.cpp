#include "MemoryPaths.hpp"

namespace memory_backend
{
std::string joinPath(std::vector<std::string> const& segments)
{
    std::string joined;
    for (auto const& segment : segments)
    {
        joined += '/' + segment;
    }
    return joined.empty() ? "/" : joined;
}

std::vector<std::string> appendPath(std::vector<std::string> base,
                                    std::vector<std::string> const& more)
{
    base.insert(base.end(), more.begin(), more.end());
    return base;
}

MemoryNode* walk(MemoryNode& from, std::vector<std::string> const& segments)
{
    MemoryNode* node = &from;
    for (auto const& segment : segments)
    {
        auto it = node->children.find(segment);
        if (it == node->children.end())
        {
            return nullptr;
        }
        node = it->second.get();
    }
    return node;
}
} // namespace memory_backend
