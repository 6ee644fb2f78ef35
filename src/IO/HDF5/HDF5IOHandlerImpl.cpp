#include "IO/HDF5/HDF5IOHandlerImpl.hpp"
#include "IO/HDF5/HDF5Attributes.hpp"
#include "IO/HDF5/HDF5Links.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/backend/Writable.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

namespace openPMD
{
using hdf5::checkId;
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

void syncPath(std::string const& path, int flags, Site const& site)
{
    int const fd = ::open(path.c_str(), flags);
    if (fd < 0 || ::fsync(fd) != 0)
    {
        int const code = errno;
        if (fd >= 0)
        {
            ::close(fd);
        }
        hdf5::raise(site, error::Reason::Other, "cannot make durable (fsync)",
                    fmt::format("'{}': {}", path, std::strerror(code)));
    }
    ::close(fd);
}
} // namespace

HDF5IOHandlerImpl::HDF5IOHandlerImpl(BackendArguments const& arguments)
    : HDF5IOHandlerImpl(arguments, {})
{
}

HDF5IOHandlerImpl::HDF5IOHandlerImpl(BackendArguments const& arguments,
                                     std::set<std::string> const& extraHandlerKeys)
    : AbstractIOHandlerImpl(arguments.directory, arguments.access)
{
    m_handlerOptions = auxiliary::parseOptions(arguments.options);
    std::set<std::string> known = extraHandlerKeys;
    known.insert("dataset");
    auxiliary::reportUnknownKeys(m_handlerOptions, known, "hdf5");
    // Precedence: built-in defaults < environment < the handler's JSON options.
    m_datasetDefaults.chunks = hdf5::DatasetConfig::chunksFromEnvironment();
    if (m_handlerOptions.contains("dataset"))
    {
        m_datasetDefaults = m_datasetDefaults.overlaidWith(
            hdf5::DatasetConfig::parse(m_handlerOptions["dataset"], "hdf5.dataset"));
    }
}

HDF5IOHandlerImpl::~HDF5IOHandlerImpl()
{
    hdf5::ErrorPrintingSilencer const silence;
    m_nodes.closeAll();
}

std::string HDF5IOHandlerImpl::backendName() const
{
    return "HDF5";
}

void HDF5IOHandlerImpl::beginFlush(FlushParams const&)
{
    m_silencer.emplace();
}

void HDF5IOHandlerImpl::endFlush(FlushParams const& params)
{
    struct RestorePrinting
    {
        std::optional<hdf5::ErrorPrintingSilencer>& silencer;
        ~RestorePrinting() { silencer.reset(); }
    } const restore{m_silencer};

    if (params.flushLevel != FlushLevel::UserFlush && !params.durable)
    {
        return;
    }
    for (hdf5::File* file : m_nodes.files())
    {
        if (!file->writable)
        {
            continue;
        }
        Site const site{file->name, "/", error::AffectedObject::File, false};
        checkStatus(H5Fflush(file->id.get(), H5F_SCOPE_LOCAL), site, "cannot flush");
        if (params.durable)
        {
            syncFile(*file);
        }
    }
}

Handle HDF5IOHandlerImpl::makeFileAccessList() const
{
    Site const site{m_directory, "/", error::AffectedObject::File, false};
    Handle list(checkId(H5Pcreate(H5P_FILE_ACCESS), site,
                        "cannot create a file access property list for"));
#if H5_VERSION_GE(1, 10, 7)
    // HDF5 reads HDF5_USE_FILE_LOCKING once per process; reading it at every
    // open lets a program change it at run time.
    if (char const* locking = std::getenv("HDF5_USE_FILE_LOCKING"))
    {
        std::string const value = locking;
        bool const off = value == "FALSE" || value == "0";
        bool const bestEffort = value == "BEST_EFFORT";
        if (off || bestEffort || value == "TRUE" || value == "1")
        {
            checkStatus(H5Pset_file_locking(list.get(), off ? 0 : 1, bestEffort ? 1 : 0),
                        site, "cannot set the file locking of");
        }
    }
#endif
    return list;
}

hid_t HDF5IOHandlerImpl::transferList() const
{
    return H5P_DEFAULT;
}

void HDF5IOHandlerImpl::syncFile(hdf5::File const& file)
{
    Site const site{file.name, "/", error::AffectedObject::File, false};
    syncPath(file.name, O_RDONLY, site);
    // The directory entry too, so that a newly created file survives a crash.
    fs::path const directory = fs::path(file.name).parent_path();
    syncPath(directory.empty() ? "." : directory.string(), O_RDONLY | O_DIRECTORY, site);
}

std::string HDF5IOHandlerImpl::fullName(std::string const& name) const
{
    if (m_directory.empty())
    {
        return name;
    }
    return (fs::path(m_directory) / name).string();
}

void HDF5IOHandlerImpl::throwReadOnly(Operation operation, std::string const& what) const
{
    throw error::WrongAPIUsage(
        fmt::format("HDF5: {} on {} is not allowed: the series was opened read-only",
                    operationToString(operation), what));
}

Node& HDF5IOHandlerImpl::nodeOf(Writable* writable, Operation operation)
{
    Node* node = m_nodes.find(writable);
    if (node == nullptr)
    {
        throw error::WrongAPIUsage(fmt::format(
            "HDF5: {} on a node that was not created or opened in an open file (node {})",
            operationToString(operation), static_cast<void const*>(writable)));
    }
    return *node;
}

Node& HDF5IOHandlerImpl::parentOf(Writable* writable, Operation operation)
{
    if (writable->parent == nullptr)
    {
        throw error::WrongAPIUsage(
            fmt::format("HDF5: {} needs a node with a parent (the group it belongs in)",
                        operationToString(operation)));
    }
    return nodeOf(writable->parent, operation);
}

hid_t HDF5IOHandlerImpl::objectOf(Node& node)
{
    if (!node.object)
    {
        bool const dataset = node.kind == Node::Kind::Dataset;
        Site const site = siteOf(
            node, dataset ? error::AffectedObject::Dataset : error::AffectedObject::Group,
            true);
        node.object = Handle(checkId(
            dataset ? H5Dopen2(node.file->id.get(), node.path.c_str(), H5P_DEFAULT)
                    : H5Gopen2(node.file->id.get(), node.path.c_str(), H5P_DEFAULT),
            site, "cannot open"));
    }
    return node.object.get();
}

Site HDF5IOHandlerImpl::siteOf(Node const& node, error::AffectedObject object,
                               bool reading) const
{
    return Site{node.file->name, node.path, object, reading};
}

hdf5::File& HDF5IOHandlerImpl::openFileByName(std::string const& name, bool create)
{
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
        return m_nodes.addFile(name, Handle(id), true);
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
    std::string const name = file.name;
    Handle id = m_nodes.removeFile(file);
    Site const site{name, "/", error::AffectedObject::File, false};
    checkStatus(H5Fclose(id.release()), site, "cannot close");
}

void HDF5IOHandlerImpl::createFile(Writable* writable,
                                   Parameter<Operation::CREATE_FILE> const& parameters)
{
    std::string const name = fullName(parameters.name);
    requireWriteAccess(Operation::CREATE_FILE,
                       [&] { return fmt::format("file '{}'", name); });
    hdf5::File& file = openFileByName(name, true);
    m_nodes.add(writable, file, "/", Node::Kind::Group, nullptr, Handle());
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
    // A root that was never opened (or is already closed) has nothing to close.
    if (Node* node = m_nodes.find(writable))
    {
        closeAndForget(*node->file);
    }
}

void HDF5IOHandlerImpl::deleteFile(Writable*,
                                   Parameter<Operation::DELETE_FILE> const& parameters)
{
    std::string const name = fullName(parameters.name);
    requireWriteAccess(Operation::DELETE_FILE,
                       [&] { return fmt::format("file '{}'", name); });
    if (hdf5::File* open = m_nodes.findFile(name))
    {
        closeAndForget(*open);
    }
    std::error_code failed;
    if (!fs::remove(name, failed))
    {
        // A missing file is a ReadError (NotFound), other failures WriteErrors.
        Site const site{name, "/", error::AffectedObject::File, !failed};
        hdf5::raise(site, error::Reason::NotFound, "cannot delete",
                    failed ? failed.message() : "the file does not exist");
    }
}

void HDF5IOHandlerImpl::createPath(Writable* writable,
                                   Parameter<Operation::CREATE_PATH> const& parameters)
{
    auto const segments = hdf5::splitPath(parameters.path);
    if (writable->parent == nullptr)
    {
        Node& root = nodeOf(writable, Operation::CREATE_PATH);
        if (!segments.empty())
        {
            throw error::WrongAPIUsage(
                fmt::format("HDF5: CREATE_PATH '{}' on a file root of '{}': a root's "
                            "path must be empty",
                            parameters.path, root.file->name));
        }
        return;
    }
    Node& parent = parentOf(writable, Operation::CREATE_PATH);
    std::string path = parent.path;
    requireWriteAccess(Operation::CREATE_PATH,
                       [&]
                       {
                           return fmt::format("'{}' in file '{}'",
                                              hdf5::appendPath(path, parameters.path),
                                              parent.file->name);
                       });
    Site site = siteOf(parent, error::AffectedObject::Group, false);
    hid_t current = objectOf(parent);
    Handle group;
    for (auto const& segment : segments)
    {
        path = hdf5::appendPath(path, segment);
        site.path = path;
        bool const exists = checkStatus(H5Lexists(current, segment.c_str(), H5P_DEFAULT),
                                        site, "cannot look up") > 0;
        if (exists && hdf5::objectTypeAt(current, segment) != H5O_TYPE_GROUP)
        {
            hdf5::raise(site, error::Reason::Other, "cannot create group",
                        "another kind of object (e.g. a dataset) exists there");
        }
        group =
            Handle(checkId(exists ? H5Gopen2(current, segment.c_str(), H5P_DEFAULT)
                                  : H5Gcreate2(current, segment.c_str(), H5P_DEFAULT,
                                               H5P_DEFAULT, H5P_DEFAULT),
                           site, exists ? "cannot open group" : "cannot create group"));
        current = group.get();
    }
    m_nodes.add(writable, *parent.file, path, Node::Kind::Group, writable->parent,
                std::move(group));
}

void HDF5IOHandlerImpl::closePath(Writable* writable,
                                  Parameter<Operation::CLOSE_PATH> const&)
{
    m_nodes.closeHandles(writable);
}

void HDF5IOHandlerImpl::openPath(Writable* writable,
                                 Parameter<Operation::OPEN_PATH> const& parameters)
{
    auto const segments = hdf5::splitPath(parameters.path);
    if (writable->parent == nullptr)
    {
        nodeOf(writable, Operation::OPEN_PATH);
        return;
    }
    Node& parent = parentOf(writable, Operation::OPEN_PATH);
    std::string const relative = hdf5::joinSegments(segments);
    std::string const path = hdf5::appendPath(parent.path, relative);
    Site const site{parent.file->name, path, error::AffectedObject::Group, true};
    hid_t const location = objectOf(parent);
    if (!hdf5::linkExists(location, segments, site))
    {
        hdf5::raise(site, error::Reason::NotFound, "no group", std::string_view{});
    }
    Handle group;
    if (!relative.empty())
    {
        if (hdf5::objectTypeAt(location, relative) != H5O_TYPE_GROUP)
        {
            hdf5::raise(site, error::Reason::UnexpectedContent, "cannot open group",
                        "it is not a group");
        }
        group = Handle(checkId(H5Gopen2(location, relative.c_str(), H5P_DEFAULT), site,
                               "cannot open group"));
    }
    m_nodes.add(writable, *parent.file, path, Node::Kind::Group, writable->parent,
                std::move(group));
}

void HDF5IOHandlerImpl::deleteLink(Writable* writable, std::string const& relative,
                                   bool dataset)
{
    Operation const operation =
        dataset ? Operation::DELETE_DATASET : Operation::DELETE_PATH;
    Node& node = nodeOf(writable, operation);
    auto const segments = hdf5::splitPath(relative);
    std::string const joined = hdf5::joinSegments(segments);
    std::string const path = hdf5::appendPath(node.path, joined);
    auto const object =
        dataset ? error::AffectedObject::Dataset : error::AffectedObject::Group;
    char const* const kind = dataset ? "dataset" : "group";
    requireWriteAccess(
        operation,
        [&] { return fmt::format("'{}' in file '{}'", path, node.file->name); });
    Site const site{node.file->name, path, object, false};
    if (segments.empty())
    {
        throw error::WrongAPIUsage(
            fmt::format("HDF5: {} needs a non-empty path below '{}' in file '{}'",
                        operationToString(operation), node.path, node.file->name));
    }
    hid_t const location = objectOf(node);
    if (!hdf5::linkExists(location, segments, site))
    {
        hdf5::raise(site, error::Reason::NotFound, fmt::format("cannot delete {}", kind),
                    "it does not exist");
    }
    H5O_type_t const expected = dataset ? H5O_TYPE_DATASET : H5O_TYPE_GROUP;
    if (hdf5::objectTypeAt(location, joined) != expected)
    {
        hdf5::raise(site, error::Reason::UnexpectedContent,
                    fmt::format("cannot delete {}", kind),
                    fmt::format("it is not a {}", kind));
    }
    // Our open ids of the doomed objects go first; the frontend drops their nodes.
    m_nodes.forgetBelow(writable, path);
    checkStatus(H5Ldelete(location, joined.c_str(), H5P_DEFAULT), site, "cannot delete");
}

void HDF5IOHandlerImpl::deletePath(Writable* writable,
                                   Parameter<Operation::DELETE_PATH> const& parameters)
{
    deleteLink(writable, parameters.path, false);
}

void HDF5IOHandlerImpl::listPaths(Writable* writable,
                                  Parameter<Operation::LIST_PATHS> const& parameters)
{
    Node& node = nodeOf(writable, Operation::LIST_PATHS);
    *parameters.paths = hdf5::listChildren(
        objectOf(node), H5O_TYPE_GROUP, siteOf(node, error::AffectedObject::Group, true));
}

void HDF5IOHandlerImpl::deleteAttribute(
    Writable* writable, Parameter<Operation::DELETE_ATT> const& parameters)
{
    Node& node = nodeOf(writable, Operation::DELETE_ATT);
    requireWriteAccess(Operation::DELETE_ATT,
                       [&]
                       {
                           return fmt::format("attribute '{}' of '{}' in file '{}'",
                                              parameters.name, node.path,
                                              node.file->name);
                       });
    hdf5::deleteAttribute(objectOf(node), parameters.name,
                          siteOf(node, error::AffectedObject::Attribute, false));
}

void HDF5IOHandlerImpl::writeAttribute(Writable* writable,
                                       Parameter<Operation::WRITE_ATT> const& parameters)
{
    Node& node = nodeOf(writable, Operation::WRITE_ATT);
    requireWriteAccess(Operation::WRITE_ATT,
                       [&]
                       {
                           return fmt::format("attribute '{}' of '{}' in file '{}'",
                                              parameters.name, node.path,
                                              node.file->name);
                       });
    hdf5::writeAttribute(objectOf(node), parameters.name, parameters.value, m_types,
                         siteOf(node, error::AffectedObject::Attribute, false));
}

void HDF5IOHandlerImpl::readAttribute(Writable* writable,
                                      Parameter<Operation::READ_ATT> const& parameters)
{
    Node& node = nodeOf(writable, Operation::READ_ATT);
    Attribute const value =
        hdf5::readAttribute(objectOf(node), parameters.name, m_types,
                            siteOf(node, error::AffectedObject::Attribute, true));
    *parameters.dtype = value.dtype;
    *parameters.resource = value.getResource();
}

void HDF5IOHandlerImpl::listAttributes(Writable* writable,
                                       Parameter<Operation::LIST_ATTS> const& parameters)
{
    Node& node = nodeOf(writable, Operation::LIST_ATTS);
    *parameters.attributes = hdf5::listAttributes(
        objectOf(node), siteOf(node, error::AffectedObject::Attribute, true));
}

void HDF5IOHandlerImpl::deregister(Writable* writable,
                                   Parameter<Operation::DEREGISTER> const&)
{
    // The Writable may be gone: the table uses the pointer as a key only.
    if (hdf5::File* orphaned = m_nodes.forget(writable))
    {
        closeAndForget(*orphaned);
    }
}
} // namespace openPMD
