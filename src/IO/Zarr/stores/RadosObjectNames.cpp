#include "IO/Zarr/stores/RadosObjectNames.hpp"

#include <vector>

namespace openPMD
{
namespace
{
std::string withSeparator(std::string const& path)
{
    return path == "/" ? path : path + "/";
}
} // namespace

std::string RadosObjectNames::normalize(std::string const& path)
{
    bool const absolute = !path.empty() && path.front() == '/';
    std::vector<std::string> components;
    std::size_t begin = 0;
    while (begin <= path.size())
    {
        auto end = path.find('/', begin);
        if (end == std::string::npos)
            end = path.size();
        std::string component = path.substr(begin, end - begin);
        begin = end + 1;
        if (component.empty() || component == ".")
            continue;
        if (component == "..")
        {
            if (!components.empty() && components.back() != "..")
                components.pop_back();
            else if (!absolute)
                components.push_back(component);
            continue;
        }
        components.push_back(std::move(component));
    }
    std::string normalized = absolute ? "/" : "";
    for (std::size_t i = 0; i < components.size(); ++i)
        normalized += (i == 0 ? "" : "/") + components[i];
    return normalized.empty() ? "." : normalized;
}

RadosObjectNames::RadosObjectNames(std::string const& hierarchyPath)
    : m_hierarchy(normalize(hierarchyPath))
{
}

std::string RadosObjectNames::valueObject(std::string const& key) const
{
    return withSeparator(m_hierarchy) + key;
}

std::string RadosObjectNames::keyIndexObject() const
{
    return m_hierarchy + "//keys";
}

std::string RadosObjectNames::catalogObjectOf(std::string const& directory)
{
    return normalize(directory) + "//files";
}

std::optional<std::string> RadosObjectNames::catalogObject() const
{
    auto const entry = catalogEntry();
    if (entry.empty() || entry == ".." || entry == ".")
        return std::nullopt;
    auto const slash = m_hierarchy.rfind('/');
    if (slash == std::string::npos)
        return catalogObjectOf(".");
    return catalogObjectOf(slash == 0 ? "/" : m_hierarchy.substr(0, slash));
}

std::string RadosObjectNames::catalogEntry() const
{
    auto const slash = m_hierarchy.rfind('/');
    return slash == std::string::npos ? m_hierarchy : m_hierarchy.substr(slash + 1);
}
} // namespace openPMD
