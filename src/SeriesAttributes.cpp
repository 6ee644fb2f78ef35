// The root attributes of a Series: typed getters and setters.
#include "openPMD/Error.hpp"
#include "openPMD/Series.hpp"

#include <fmt/format.h>

namespace openPMD
{

std::string Series::stringAttribute(char const* name) const
{
    return attributeAs<std::string>(name);
}

std::string Series::openPMD() const
{
    return stringAttribute("openPMD");
}
Series& Series::setOpenPMD(std::string const& v)
{
    setAttribute("openPMD", v);
    return *this;
}
uint32_t Series::openPMDextension() const
{
    return attributeAs<uint32_t>("openPMDextension");
}
Series& Series::setOpenPMDextension(uint32_t v)
{
    setAttribute("openPMDextension", v);
    return *this;
}
std::string Series::basePath() const
{
    return stringAttribute("basePath");
}
Series& Series::setBasePath(std::string const&)
{
    throw error::WrongAPIUsage(
        "Series::setBasePath: custom base paths are not allowed by openPMD <= 1.1.0");
}
std::string Series::meshesPath() const
{
    return stringAttribute("meshesPath");
}
Series& Series::setMeshesPath(std::string const& p)
{
    setAttribute("meshesPath", !p.empty() && p.back() == '/' ? p : p + "/");
    return *this;
}
std::string Series::particlesPath() const
{
    return stringAttribute("particlesPath");
}
Series& Series::setParticlesPath(std::string const& p)
{
    setAttribute("particlesPath", !p.empty() && p.back() == '/' ? p : p + "/");
    return *this;
}
std::string Series::author() const
{
    return stringAttribute("author");
}
Series& Series::setAuthor(std::string const& v)
{
    setAttribute("author", v);
    return *this;
}
std::string Series::software() const
{
    return stringAttribute("software");
}
Series& Series::setSoftware(std::string const& name, std::string const& version)
{
    setAttribute("software", name);
    setAttribute("softwareVersion", version);
    return *this;
}
std::string Series::softwareVersion() const
{
    return stringAttribute("softwareVersion");
}
Series& Series::setSoftwareVersion(std::string const& v)
{
    setAttribute("softwareVersion", v);
    return *this;
}
std::string Series::date() const
{
    return stringAttribute("date");
}
Series& Series::setDate(std::string const& v)
{
    setAttribute("date", v);
    return *this;
}
std::string Series::softwareDependencies() const
{
    return stringAttribute("softwareDependencies");
}
Series& Series::setSoftwareDependencies(std::string const& v)
{
    setAttribute("softwareDependencies", v);
    return *this;
}
std::string Series::machine() const
{
    return stringAttribute("machine");
}
Series& Series::setMachine(std::string const& v)
{
    setAttribute("machine", v);
    return *this;
}

IterationEncoding Series::iterationEncoding() const
{
    auto const& s = series();
    return s.m_oneFileOfFileBased ? IterationEncoding::fileBased : s.m_encoding;
}

Series& Series::setIterationEncoding(IterationEncoding encoding)
{
    auto& s = series();
    requireWritable("setIterationEncoding");
    if (s.m_written || !s.m_iterations->m_container.empty())
    {
        throw error::WrongAPIUsage(fmt::format(
            "Series '{}': the iteration encoding cannot change after iterations were "
            "created or written",
            s.m_name));
    }
    if ((encoding == IterationEncoding::fileBased) != bool(s.m_pattern))
    {
        throw error::WrongAPIUsage(fmt::format(
            "Series '{}': file-based encoding needs %T in the file name, the others "
            "must not have it",
            s.m_name));
    }
    s.m_encoding = encoding;
    s.m_oneFileOfFileBased = false;
    setAttribute("iterationEncoding", std::string(encodingName(encoding)));
    if (encoding == IterationEncoding::variableBased)
    {
        s.setAttributeInternal("basePath", std::string("/data"));
        setAttribute("iterationFormat", std::string("/data"));
    }
    else if (encoding == IterationEncoding::groupBased)
    {
        s.setAttributeInternal("basePath", std::string("/data/%T/"));
        setAttribute("iterationFormat", std::string("/data/%T/"));
    }
    return *this;
}

std::string Series::iterationFormat() const
{
    return stringAttribute("iterationFormat");
}

Series& Series::setIterationFormat(std::string const& format)
{
    if (series().m_written)
    {
        throw error::WrongAPIUsage("Series::setIterationFormat: already written");
    }
    setAttribute("iterationFormat", format);
    return *this;
}

std::string Series::name() const
{
    return series().m_name;
}

Series& Series::setName(std::string const& name)
{
    auto& s = series();
    requireWritable("setName");
    if (s.m_written)
    {
        throw error::WrongAPIUsage(fmt::format(
            "Series::setName: the Series '{}' was already written", s.m_name));
    }
    auto pattern = FilenamePattern::parse(name + s.m_extension);
    if (bool(pattern) != bool(s.m_pattern))
    {
        throw error::WrongAPIUsage(
            "Series::setName: the name must keep (or keep lacking) the %T placeholder");
    }
    s.m_name = name;
    s.m_pattern = pattern;
    if (s.m_encoding == IterationEncoding::fileBased)
    {
        setAttribute("iterationFormat", name);
    }
    return *this;
}

} // namespace openPMD
