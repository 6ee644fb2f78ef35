#include "openPMD/IO/Format.hpp"
#include "openPMD/IO/BackendRegistry.hpp"

namespace openPMD
{
namespace
{
std::string const genericSuffix = ".%E";

bool endsWith(std::string const& s, std::string const& end)
{
    return s.size() >= end.size() &&
           s.compare(s.size() - end.size(), end.size(), end) == 0;
}
} // namespace

Format determineFormat(std::string const& filename)
{
    if (endsWith(filename, genericSuffix))
    {
        return Format::GENERIC;
    }
    if (auto const* row = BackendRegistry::findByFilename(filename))
    {
        return row->format;
    }
    return Format::DUMMY;
}

std::string suffix(Format format)
{
    if (format == Format::GENERIC)
    {
        return genericSuffix;
    }
    auto const* row = BackendRegistry::find(format);
    if (row == nullptr || row->extensions.empty())
    {
        return "";
    }
    return row->extensions.front();
}

std::string cleanFilename(std::string const& filename, Format format)
{
    auto const* row = BackendRegistry::find(format);
    if (format == Format::GENERIC)
    {
        if (endsWith(filename, genericSuffix))
        {
            return filename.substr(0, filename.size() - genericSuffix.size());
        }
        return filename;
    }
    if (row != nullptr)
    {
        for (auto const& ext : row->extensions)
        {
            if (endsWith(filename, ext))
            {
                return filename.substr(0, filename.size() - ext.size());
            }
        }
    }
    return filename;
}
} // namespace openPMD
