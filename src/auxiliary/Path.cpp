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
} // namespace openPMD::auxiliary
