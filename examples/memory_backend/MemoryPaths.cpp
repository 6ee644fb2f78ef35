#include "MemoryPaths.hpp"

namespace memory_backend
{
std::vector<std::string> splitPath(std::string const& path)
{
    std::vector<std::string> segments;
    size_t begin = 0;
    while (begin <= path.size())
    {
        size_t end = path.find('/', begin);
        if (end == std::string::npos)
        {
            end = path.size();
        }
        if (end > begin)
        {
            segments.push_back(path.substr(begin, end - begin));
        }
        begin = end + 1;
    }
    return segments;
}

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
