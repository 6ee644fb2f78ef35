#include "openPMD/Error.hpp"

#include <utility>

namespace openPMD::error
{
OperationUnsupportedInBackend::OperationUnsupportedInBackend(std::string backend_in,
                                                             std::string what)
    : Error("Operation unsupported in backend " + backend_in + ": " + what),
      backend(std::move(backend_in))
{
}

WrongAPIUsage::WrongAPIUsage(std::string what) : Error("Wrong API usage: " + what) {}

namespace
{
std::string joinLocation(std::vector<std::string> const& location)
{
    std::string joined;
    for (auto const& key : location)
    {
        joined += joined.empty() ? key : "." + key;
    }
    return joined.empty() ? std::string("<root>") : joined;
}
} // namespace

BackendConfigSchema::BackendConfigSchema(std::vector<std::string> errorLocation_in,
                                         std::string what)
    : Error("Wrong JSON/TOML schema at index '" + joinLocation(errorLocation_in) +
            "': " + what),
      errorLocation(std::move(errorLocation_in))
{
}

Internal::Internal(std::string const& what)
    : Error("Internal error: " + what +
            "\nThis is a bug in libopenPMD; please report it.")
{
}

PluginLoad::PluginLoad(std::string path_in, std::string const& what)
    : Error("Backend plugin '" + path_in + "': " + what), path(std::move(path_in))
{
}

char const* toString(AffectedObject affected)
{
    switch (affected)
    {
    case AffectedObject::Attribute:
        return "Attribute";
    case AffectedObject::Dataset:
        return "Dataset";
    case AffectedObject::File:
        return "File";
    case AffectedObject::Group:
        return "Group";
    case AffectedObject::Other:
        break;
    }
    return "Other";
}

char const* toString(Reason reason)
{
    switch (reason)
    {
    case Reason::NotFound:
        return "NotFound";
    case Reason::CannotRead:
        return "CannotRead";
    case Reason::UnexpectedContent:
        return "UnexpectedContent";
    case Reason::Inaccessible:
        return "Inaccessible";
    case Reason::Other:
        break;
    }
    return "Other";
}

namespace
{
std::string backendPrefix(std::optional<std::string> const& backend)
{
    return backend ? " in backend " + *backend : std::string();
}
} // namespace

ReadError::ReadError(AffectedObject affectedObject_in, Reason reason_in,
                     std::optional<std::string> backend_in, std::string description_in)
    : Error(std::string("Read error (") + toString(affectedObject_in) + ", " +
            toString(reason_in) + ")" + backendPrefix(backend_in) + ": " +
            description_in),
      affectedObject(affectedObject_in), reason(reason_in),
      backend(std::move(backend_in)), description(std::move(description_in))
{
}

WriteError::WriteError(AffectedObject affectedObject_in,
                       std::optional<std::string> backend_in, std::string description_in)
    : Error(std::string("Write error (") + toString(affectedObject_in) + ")" +
            backendPrefix(backend_in) + ": " + description_in),
      affectedObject(affectedObject_in), backend(std::move(backend_in)),
      description(std::move(description_in))
{
}

NoSuchAttribute::NoSuchAttribute(std::string attributeName)
    : Error("No such attribute: " + std::move(attributeName))
{
}

IllegalConversion::IllegalConversion(std::string what)
    : Error("Illegal conversion: " + std::move(what))
{
}
} // namespace openPMD::error
