#include "IO/HDF5/HDF5Error.hpp"

#include <fmt/format.h>

namespace openPMD::hdf5
{
namespace
{
herr_t collectMessage(unsigned index, H5E_error2_t const* entry, void* data)
{
    auto& text = *static_cast<std::string*>(data);
    if (index > 0)
    {
        text += "; ";
    }
    text += entry->desc != nullptr ? entry->desc : "(no description)";
    if (entry->func_name != nullptr)
    {
        text += fmt::format(" ({})", entry->func_name);
    }
    return 0;
}
} // namespace

std::string takeErrorStack()
{
    std::string text;
    if (H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collectMessage, &text) < 0)
    {
        text = "(the HDF5 error stack could not be read)";
    }
    H5Eclear2(H5E_DEFAULT);
    if (text.empty())
    {
        text = "(HDF5 reported no details)";
    }
    return text;
}

std::string describe(Site const& site, std::string_view what, std::string_view detail)
{
    std::string message = fmt::format("HDF5: {} '{}' in file '{}'", what,
                                      site.path.empty() ? "/" : site.path, site.file);
    if (!detail.empty())
    {
        message += fmt::format(": {}", detail);
    }
    return message;
}

void raise(Site const& site, error::Reason reason, std::string_view what,
           std::string_view detail)
{
    std::string message = describe(site, what, detail);
    if (site.reading)
    {
        throw error::ReadError(site.object, reason, "HDF5", std::move(message));
    }
    throw error::WriteError(site.object, "HDF5", std::move(message));
}

void raiseFromStack(Site const& site, std::string_view what)
{
    std::string const stack = takeErrorStack();
    raise(site, error::Reason::CannotRead, what,
          fmt::format("HDF5 error stack: {}", stack));
}

ErrorPrintingSilencer::ErrorPrintingSilencer()
{
    m_saved = H5Eget_auto2(H5E_DEFAULT, &m_function, &m_data) >= 0;
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorPrintingSilencer::~ErrorPrintingSilencer()
{
    if (m_saved)
    {
        H5Eset_auto2(H5E_DEFAULT, m_function, m_data);
    }
}
} // namespace openPMD::hdf5
