#include "openPMD/auxiliary/Path.hpp"

namespace openPMD::auxiliary
{
std::vector<std::string> splitPath(std::string const& path)
{
    std::vector<std::string> segments;
    size_t begin = 0;
    while (begin < path.size())
    {
        auto end = path.find('/', begin);
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

char const* unsafeNameReason(std::string const& name)
{
    if (name.empty())
    {
        return "it is empty";
    }
    if (name == "." || name == "..")
    {
        return "it names a directory, not an object";
    }
    if (name.find('/') != std::string::npos)
    {
        return "it contains '/' (nest objects through their containers)";
    }
    if (name.find('\0') != std::string::npos)
    {
        return "it contains a NUL character";
    }
    return nullptr;
}
} // namespace openPMD::auxiliary
