#pragma once

#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace openPMD
{
/**
 * Base class of every exception that libopenPMD throws.
 *
 * No exception of HDF5, nlohmann::json or the standard library reaches the
 * user untranslated: each is turned into one of the subclasses in
 * namespace openPMD::error, whose message names the file, the object path
 * and what was expected.
 */
class Error : public std::exception
{
protected:
    std::string m_what;
    explicit Error(std::string what) : m_what(std::move(what)) {}

public:
    char const* what() const noexcept override { return m_what.c_str(); }

    Error(Error const&) = default;
    Error(Error&&) = default;
    Error& operator=(Error const&) = default;
    Error& operator=(Error&&) = default;
    ~Error() noexcept override = default;
};

namespace error
{
/** The backend cannot do what was asked (e.g. an operation it lacks). */
class OperationUnsupportedInBackend : public Error
{
public:
    std::string backend;
    OperationUnsupportedInBackend(std::string backend, std::string what);
};

/** The API was used in a way that is not allowed (a user error). */
class WrongAPIUsage : public Error
{
public:
    explicit WrongAPIUsage(std::string what);
};

/** An option string or configuration file does not fit the schema. */
class BackendConfigSchema : public Error
{
public:
    /** Path of keys leading to the offending entry. */
    std::vector<std::string> errorLocation;

    BackendConfigSchema(std::vector<std::string> errorLocation, std::string what);
};

/** A bug in libopenPMD: something that should never happen. */
class Internal : public Error
{
public:
    explicit Internal(std::string const& what);
};

/** What kind of object a read or write error concerns. */
enum class AffectedObject
{
    Attribute,
    Dataset,
    File,
    Group,
    Other
};

/** Why reading failed. */
enum class Reason
{
    NotFound,
    CannotRead,
    UnexpectedContent,
    Inaccessible,
    Other
};

/** Reading data or metadata from storage failed. */
class ReadError : public Error
{
public:
    AffectedObject affectedObject;
    Reason reason;
    std::optional<std::string> backend;
    std::string description;

    ReadError(AffectedObject, Reason, std::optional<std::string> backend_in,
              std::string description_in);
};

/** Writing data or metadata to storage failed. */
class WriteError : public Error
{
public:
    AffectedObject affectedObject;
    std::optional<std::string> backend;
    std::string description;

    WriteError(AffectedObject, std::optional<std::string> backend_in,
               std::string description_in);
};

/** An attribute that was asked for does not exist. */
class NoSuchAttribute : public Error
{
public:
    explicit NoSuchAttribute(std::string attributeName);
};

/** A value cannot be converted to the type that was asked for. */
class IllegalConversion : public Error
{
public:
    explicit IllegalConversion(std::string what);
};

/**
 * A backend plugin could not be loaded: missing file, missing entry point,
 * another plugin ABI, or a backend name or extension already taken.
 */
class PluginLoad : public Error
{
public:
    /** The plugin file (or the name that was looked for). */
    std::string path;

    PluginLoad(std::string path_in, std::string const& what);
};

char const* toString(AffectedObject);
char const* toString(Reason);
} // namespace error

/** Names kept for source compatibility with openPMD-api. */
using no_such_file_error = error::ReadError;
using unsupported_data_error = error::OperationUnsupportedInBackend;
using no_such_attribute_error = error::NoSuchAttribute;
} // namespace openPMD
