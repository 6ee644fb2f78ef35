#include "ConnectorPaths.hpp"

namespace openPMD::python
{
bool isEmptyPath(std::string const& relative)
{
    return relative.find_first_not_of('/') == std::string::npos;
}

std::string joinPath(std::string const& base, std::string const& relative)
{
    std::string joined = base == "/" ? std::string() : base;
    std::size_t start = 0;
    while (start < relative.size())
    {
        std::size_t end = relative.find('/', start);
        if (end == std::string::npos)
        {
            end = relative.size();
        }
        if (end > start)
        {
            joined += '/' + relative.substr(start, end - start);
        }
        start = end + 1;
    }
    return joined.empty() ? "/" : joined;
}
} // namespace openPMD::python
