// The file operations of HDF5IOHandlerImpl: create, check, open, close, delete.
#include "IO/HDF5/HDF5IOHandlerImpl.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/backend/Writable.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <optional>

namespace openPMD
{
using hdf5::checkStatus;
using hdf5::Handle;
using hdf5::Node;
using hdf5::Site;
namespace fs = std::filesystem;

namespace
{
bool contains(std::string const& text, char const* part)
{
    return text.find(part) != std::string::npos;
}

/** Explains why HDF5 could not open or create a file, from its error stack. */
[[noreturn]] void raiseFileError(Site const& site, char const* what)
{
    std::string const stack = hdf5::takeErrorStack();
    error::Reason reason = error::Reason::CannotRead;
    std::string detail;
    if (contains(stack, "unable to lock") || contains(stack, "lock the file"))
    {
        reason = error::Reason::Inaccessible;
        detail = "the file is locked: another process has it open (HDF5 file locking). "
                 "Close it there first; on file systems without working locks set "
                 "HDF5_USE_FILE_LOCKING=FALSE";
    }
    else if (contains(stack, "signature"))
    {
        reason = error::Reason::UnexpectedContent;
        detail = "not an HDF5 file (no HDF5 signature found)";
    }
    else if (contains(stack, "truncated"))
    {
        reason = error::Reason::UnexpectedContent;
        detail = "the file is truncated (shorter than HDF5 recorded)";
    }
    hdf5::raise(site, reason, what,
                detail.empty() ? fmt::format("HDF5 error stack: {}", stack)
                               : fmt::format("{} (HDF5 error stack: {})", detail, stack));
}

} // namespace

hdf5::File& HDF5IOHandlerImpl::openFileByName(std::string const& name, bool create)
{
    settlePendingWrite();
    if (hdf5::File* open = m_nodes.findFile(name))
    {
        return *open;
    }
    Site const site{name, "/", error::AffectedObject::File, !create};
    std::error_code ignored;
    bool const exists = fs::exists(name, ignored);
    Handle const accessList = makeFileAccessList();
    hid_t id = H5I_INVALID_HID;
    if (create)
    {
        fs::path const directory = fs::path(name).parent_path();
        std::error_code failed;
        if (!directory.empty())
        {
            fs::create_directories(directory, failed);
        }
        if (failed)
        {
            hdf5::raise(site, error::Reason::Other, "cannot create the directory of",
                        failed.message());
        }
        // A new directory entry: the next durable flush syncs it again.
        m_entrySynced.erase(name);
        if (m_access == Access::CREATE)
        {
            id = H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, accessList.get());
        }
        else if (exists)
        {
            id = H5Fopen(name.c_str(), H5F_ACC_RDWR, accessList.get());
        }
        else
        {
            id = H5Fcreate(name.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, accessList.get());
        }
        if (id < 0)
        {
            raiseFileError(site, exists ? "cannot open for writing" : "cannot create");
        }
        hdf5::File& file = m_nodes.addFile(name, Handle(id), true);
        file.created = m_access == Access::CREATE || !exists;
        if (file.created)
        {
            // An index left by an earlier file of this name would name
            // addresses that mean nothing in the new one.
            hdf5::removeRecoveryIndex(name);
        }
        else
        {
            std::error_code none;
            file.keepsRecoveryIndex = fs::exists(hdf5::recoveryIndexName(name), none);
        }
        file.unflushed = true;
        file.unsynced = true;
        return file;
    }
    if (!exists)
    {
        throw error::ReadError(error::AffectedObject::File, error::Reason::NotFound,
                               "HDF5",
                               fmt::format("HDF5: file '{}' does not exist", name));
    }
    bool const writable = !access::readOnly(m_access);
    id =
        H5Fopen(name.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, accessList.get());
    if (id < 0)
    {
        raiseFileError(site, "cannot open");
    }
    return m_nodes.addFile(name, Handle(id), writable);
}

void HDF5IOHandlerImpl::closeAndForget(hdf5::File& file)
{
    settlePendingWrite();
    // H5Fclose flushes; HDF5 1.10 cannot close a file whose flush fails
    // (and crashes when it tries again at exit), so flush first and detach
    // the file if that fails. The error is reported after the close.
    std::optional<std::string> flushFailure;
    if (file.writable && file.failedWrite.empty())
    {
        try
        {
            flushOrDetach(file);
        }
        catch (Error const& failure)
        {
            flushFailure = failure.what();
        }
    }
    hdf5::File closed;
    closed.name = file.name;
    closed.writable = file.writable;
    closed.keepsRecoveryIndex = file.keepsRecoveryIndex;
    closed.unindexedGroups = std::move(file.unindexedGroups);
    Handle id = m_nodes.removeFile(file);
    Site const site{closed.name, "/", error::AffectedObject::File, false};
    checkStatus(H5Fclose(id.release()), site, "cannot close");
    if (flushFailure)
    {
        hdf5::raise(site, error::Reason::Other, "cannot close", *flushFailure);
    }
    indexFlushedGroups(closed);
    // endFlush() syncs the files still open; one closed in a durable flush
    // is synced here, after H5Fclose wrote its last metadata.
    if (m_durableFlush && closed.writable)
    {
        syncFile(closed);
    }
}

void HDF5IOHandlerImpl::createFile(Writable* writable,
                                   Parameter<Operation::CREATE_FILE> const& parameters)
{
    std::string const name = fullName(parameters.name);
    requireWriteAccess(Operation::CREATE_FILE,
                       [&] { return fmt::format("file '{}'", name); });
    hdf5::File& file = openFileByName(name, true);
    m_nodes.add(writable, file, "/", Node::Kind::Group, nullptr, Handle()).created =
        file.created;
}

void HDF5IOHandlerImpl::checkFile(Writable*,
                                  Parameter<Operation::CHECK_FILE> const& parameters)
{
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    std::string const name = fullName(parameters.name);
    if (m_nodes.findFile(name) != nullptr)
    {
        *parameters.fileExists = FileExists::Yes;
        return;
    }
    std::error_code failed;
    auto const status = fs::status(name, failed);
    if (status.type() == fs::file_type::not_found)
    {
        *parameters.fileExists = FileExists::No;
    }
    else if (failed)
    {
        *parameters.fileExists = FileExists::DontKnow;
    }
    else
    {
        *parameters.fileExists =
            fs::is_regular_file(status) ? FileExists::Yes : FileExists::No;
    }
}

void HDF5IOHandlerImpl::openFile(Writable* writable,
                                 Parameter<Operation::OPEN_FILE> const& parameters)
{
    hdf5::File& file = openFileByName(fullName(parameters.name), false);
    m_nodes.add(writable, file, "/", Node::Kind::Group, nullptr, Handle());
}

void HDF5IOHandlerImpl::closeFile(Writable* writable,
                                  Parameter<Operation::CLOSE_FILE> const&)
{
    settlePendingWrite();
    // A root that was never opened (or is already closed) has nothing to close.
    if (Node* node = m_nodes.find(writable))
    {
        closeAndForget(*node->file);
    }
}

void HDF5IOHandlerImpl::deleteFile(Writable*,
                                   Parameter<Operation::DELETE_FILE> const& parameters)
{
    settlePendingWrite();
    std::string const name = fullName(parameters.name);
    requireWriteAccess(Operation::DELETE_FILE,
                       [&] { return fmt::format("file '{}'", name); });
    if (hdf5::File* open = m_nodes.findFile(name))
    {
        closeAndForget(*open);
    }
    hdf5::removeRecoveryIndex(name);
    std::error_code failed;
    if (!fs::remove(name, failed))
    {
        // A missing file is a ReadError (NotFound), other failures WriteErrors.
        Site const site{name, "/", error::AffectedObject::File, !failed};
        hdf5::raise(site, error::Reason::NotFound, "cannot delete",
                    failed ? failed.message() : "the file does not exist");
    }
}

} // namespace openPMD
