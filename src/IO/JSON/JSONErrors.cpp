#include "IO/JSON/JSONErrors.hpp"

namespace openPMD::jsonio
{
std::string jsonPointer(std::vector<std::string> const& segments)
{
    if (segments.empty())
    {
        return "/";
    }
    std::string pointer;
    for (auto const& segment : segments)
    {
        pointer += '/';
        pointer += segment;
    }
    return pointer;
}

std::string locate(std::string const& file, std::string const& jsonPath,
                   std::string const& what)
{
    std::string message = "file '" + file + "'";
    if (!jsonPath.empty())
    {
        message += ", " + jsonPath;
    }
    return message + ": " + what;
}

void throwReadError(error::AffectedObject affected, error::Reason reason,
                    std::string const& file, std::string const& jsonPath,
                    std::string const& what)
{
    throw error::ReadError(affected, reason, backendName, locate(file, jsonPath, what));
}

void throwWriteError(error::AffectedObject affected, std::string const& file,
                     std::string const& jsonPath, std::string const& what)
{
    throw error::WriteError(affected, backendName, locate(file, jsonPath, what));
}

void throwUsageError(std::string const& file, std::string const& jsonPath,
                     std::string const& what)
{
    throw error::WrongAPIUsage(std::string("[JSON backend] ") +
                               locate(file, jsonPath, what));
}
} // namespace openPMD::jsonio
