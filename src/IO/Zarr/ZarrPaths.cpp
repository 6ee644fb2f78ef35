#include "IO/Zarr/ZarrPaths.hpp"

namespace openPMD::zarr
{
std::string joinPath(std::vector<std::string> const& segments)
{
    std::string out;
    for (auto const& s : segments)
        out += (out.empty() ? "" : "/") + s;
    return out;
}

std::string childPath(std::string const& base, std::string const& relative)
{
    if (base.empty())
        return relative;
    if (relative.empty())
        return base;
    return base + "/" + relative;
}

std::string parentPath(std::string const& path)
{
    auto const slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string unsafeNameReason(std::string const& path)
{
    if (!path.empty() && path.front() == '/')
        return "it starts with '/' (expected a relative name)";
    if (path.find('\0') != std::string::npos)
        return "it contains a NUL character";
    if (path.find('\\') != std::string::npos)
        return "it contains a backslash";
    std::size_t begin = 0;
    while (begin <= path.size())
    {
        auto end = path.find('/', begin);
        if (end == std::string::npos)
            end = path.size();
        auto const segment = path.substr(begin, end - begin);
        if (segment.empty())
            return "it has an empty component";
        if (segment == "." || segment == "..")
            return "it has a '" + segment + "' component";
        if (segment == ".zgroup" || segment == ".zarray" || segment == ".zattrs" ||
            segment == ".zmetadata")
            return "'" + segment + "' is a Zarr metadata key";
        begin = end + 1;
    }
    return "";
}
} // namespace openPMD::zarr
