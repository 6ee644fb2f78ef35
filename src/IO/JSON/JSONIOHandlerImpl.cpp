// The JSON backend: construction, factories, the file registry, file
// operations and the write-once-per-flush policy.

#include "IO/JSON/JSONIOHandlerImpl.hpp"
#include "IO/BuiltinBackends.hpp"
#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/SaveJournal.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/backend/Writable.hpp"

#include <filesystem>
#include <iostream>
#include <system_error>

namespace openPMD
{
using namespace jsonio;

namespace
{
enum class OnDisk
{
    Missing,
    RegularFile,
    Directory,
    Other
};

OnDisk lookUp(std::string const& path)
{
    std::error_code ec;
    auto const status = std::filesystem::status(path, ec);
    if (ec || status.type() == std::filesystem::file_type::not_found)
    {
        return OnDisk::Missing;
    }
    if (status.type() == std::filesystem::file_type::regular)
    {
        return OnDisk::RegularFile;
    }
    return status.type() == std::filesystem::file_type::directory ? OnDisk::Directory
                                                                  : OnDisk::Other;
}

/** Flush levels that only build structure defer writing to the next real flush point. */
bool persistsAt(FlushLevel level)
{
    return level == FlushLevel::UserFlush || level == FlushLevel::InternalFlush;
}
} // namespace

JSONIOHandlerImpl::JSONIOHandlerImpl(std::string directory, Access access,
                                     std::string const& options)
    : AbstractIOHandlerImpl(std::move(directory), access)
{
    // The backend has no options yet: every key is reported.
    auxiliary::reportUnknownKeys(auxiliary::parseOptions(options), {}, "json");
}

JSONIOHandlerImpl::~JSONIOHandlerImpl()
{
    for (auto const& [path, file] : m_files)
    {
        try
        {
            if (m_persistsFiles && access::write(m_access) && file->saveIfChanged(false))
            {
                ++m_fileWrites;
            }
        }
        catch (std::exception const& e)
        {
            std::cerr << "[libopenPMD JSON] changes to '" << path
                      << "' could not be written when the backend was closed: "
                      << e.what() << '\n';
        }
        catch (...)
        {
            std::cerr << "[libopenPMD JSON] changes to '" << path
                      << "' could not be written when the backend was closed\n";
        }
    }
}

std::string JSONIOHandlerImpl::backendName() const
{
    return jsonio::backendName;
}

std::string JSONIOHandlerImpl::fullPath(std::string const& name) const
{
    if (m_directory.empty())
    {
        return std::filesystem::path(name).lexically_normal().string();
    }
    return (std::filesystem::path(m_directory) / name).lexically_normal().string();
}

std::shared_ptr<JSONFile> JSONIOHandlerImpl::registeredFile(std::string const& path)
{
    auto& slot = m_files[path];
    if (!slot)
    {
        slot = std::make_shared<JSONFile>(path);
    }
    return slot;
}

void JSONIOHandlerImpl::requireWriteAccess(std::string const& file,
                                           std::string const& jsonPath) const
{
    if (access::readOnly(m_access))
    {
        throwUsageError(file, jsonPath,
                        "cannot modify: the Series was opened read-only "
                        "(Access::READ_ONLY or READ_LINEAR)");
    }
}

void JSONIOHandlerImpl::requireWriteAccess(std::string const& file,
                                           Path const& path) const
{
    if (access::readOnly(m_access))
    {
        requireWriteAccess(file, jsonPointer(path));
    }
}

void JSONIOHandlerImpl::endFlush(FlushParams const& params)
{
    if (!m_persistsFiles || access::readOnly(m_access) || !persistsAt(params.flushLevel))
    {
        return;
    }
    // Try every file before reporting, so one failing file does not keep
    // the others from being written.
    std::exception_ptr firstFailure;
    for (auto const& [path, file] : m_files)
    {
        try
        {
            if (file->saveIfChanged(params.durable))
            {
                ++m_fileWrites;
            }
        }
        catch (...)
        {
            if (!firstFailure)
            {
                firstFailure = std::current_exception();
            }
        }
    }
    if (firstFailure)
    {
        std::rethrow_exception(firstFailure);
    }
}

void JSONIOHandlerImpl::createFile(Writable* node,
                                   Parameter<Operation::CREATE_FILE> const& parameters)
{
    std::string const path = fullPath(parameters.name);
    requireWriteAccess(path, "");
    OnDisk const onDisk = lookUp(path);
    if (onDisk == OnDisk::Directory || onDisk == OnDisk::Other)
    {
        throwWriteError(error::AffectedObject::File, path, "",
                        onDisk == OnDisk::Directory
                            ? "this is a directory, expected a JSON file"
                            : "this is no regular file, expected a JSON file");
    }
    auto file = registeredFile(path);
    if (m_access == Access::CREATE)
    {
        file->createEmpty();
    }
    else if (!file->isOpen())
    {
        // APPEND and READ_WRITE keep what exists.
        if (onDisk == OnDisk::RegularFile)
        {
            file->load(m_persistsFiles);
        }
        else
        {
            file->createEmpty();
        }
    }
    setPosition(node, std::move(file), {});
}

void JSONIOHandlerImpl::checkFile(Writable*,
                                  Parameter<Operation::CHECK_FILE> const& parameters)
{
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    std::string const path = fullPath(parameters.name);
    auto const found = m_files.find(path);
    bool const open = found != m_files.end() && found->second->isOpen();
    *parameters.fileExists =
        open || lookUp(path) == OnDisk::RegularFile ? FileExists::Yes : FileExists::No;
}

void JSONIOHandlerImpl::openFile(Writable* node,
                                 Parameter<Operation::OPEN_FILE> const& parameters)
{
    std::string const path = fullPath(parameters.name);
    auto const found = m_files.find(path);
    if (found == m_files.end() || !found->second->isOpen())
    {
        // Load before registering, so that a failed open leaves no trace.
        auto file = std::make_shared<JSONFile>(path);
        // Only a process that writes the file repairs a torn save of it.
        file->load(m_persistsFiles && access::write(m_access));
        if (found != m_files.end())
        {
            // Revive the registered object: positions of earlier nodes point to it.
            *found->second = std::move(*file);
        }
        else
        {
            m_files.emplace(path, std::move(file));
        }
    }
    setPosition(node, m_files.at(path), {});
}

void JSONIOHandlerImpl::closeFile(Writable* node, Parameter<Operation::CLOSE_FILE> const&)
{
    auto& position = positionOf(node, "the file to close");
    if (!position.path.empty())
    {
        throwUsageError(position.file->path(), jsonPointer(position.path),
                        "CLOSE_FILE names a node that is no file root");
    }
    auto& file = *position.file;
    if (m_persistsFiles && access::write(m_access) && file.saveIfChanged(false))
    {
        ++m_fileWrites;
    }
    file.close();
    node->abstractFilePosition.reset();
    node->written = false;
}

void JSONIOHandlerImpl::deleteFile(Writable* node,
                                   Parameter<Operation::DELETE_FILE> const& parameters)
{
    std::string const path = fullPath(parameters.name);
    requireWriteAccess(path, "");
    bool wasOpen = false;
    if (auto const found = m_files.find(path); found != m_files.end())
    {
        wasOpen = found->second->isOpen();
        found->second->close();
        m_files.erase(found);
    }
    if (!m_persistsFiles)
    {
        forgetPosition(node, path);
        return;
    }
    OnDisk const onDisk = lookUp(path);
    if (onDisk == OnDisk::Directory)
    {
        throwWriteError(error::AffectedObject::File, path, "",
                        "this is a directory, expected a JSON file");
    }
    if (onDisk == OnDisk::Missing && !wasOpen)
    {
        throwReadError(error::AffectedObject::File, error::Reason::NotFound, path, "",
                       "cannot delete: the file does not exist");
    }
    std::error_code ec;
    if (onDisk != OnDisk::Missing && !std::filesystem::remove(path, ec) && ec)
    {
        throwWriteError(error::AffectedObject::File, path, "",
                        "cannot delete: " + ec.message());
    }
    // A journal of a torn save belongs to the deleted file.
    std::filesystem::remove(jsonio::SaveJournal::pathFor(path), ec);
    forgetPosition(node, path);
}

void JSONIOHandlerImpl::forgetPosition(Writable* node, std::string const& path)
{
    if (node != nullptr && node->abstractFilePosition)
    {
        auto const& position =
            static_cast<JSONFilePosition const&>(*node->abstractFilePosition);
        if (position.file->path() == path)
        {
            node->abstractFilePosition.reset();
            node->written = false;
        }
    }
}

std::unique_ptr<AbstractIOHandler> createJSONIOHandler(BackendArguments const& arguments)
{
    return std::make_unique<ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<JSONIOHandlerImpl>(arguments.directory, arguments.access,
                                            arguments.options));
}

} // namespace openPMD
