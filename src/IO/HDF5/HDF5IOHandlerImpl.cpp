#include "IO/HDF5/HDF5IOHandlerImpl.hpp"
#include "IO/HDF5/HDF5Attributes.hpp"
#include "IO/HDF5/HDF5Links.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/backend/Writable.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

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
/**
 * HDF5's free lists are trimmed after this many nodes were closed: a trim
 * every 60-500 small iterations (W3, W5) keeps them at a few MiB.
 */
constexpr size_t releasedNodesPerTrim = 2048;

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

/** Whether a task of this operation writes to the file of the node it finds. */
bool changesFile(Operation operation)
{
    switch (operation)
    {
    case Operation::CREATE_PATH:
    case Operation::DELETE_PATH:
    case Operation::CREATE_DATASET:
    case Operation::EXTEND_DATASET:
    case Operation::DELETE_DATASET:
    case Operation::WRITE_DATASET:
    case Operation::GET_BUFFER_VIEW:
    case Operation::WRITE_ATT:
    case Operation::DELETE_ATT:
        return true;
    default:
        return false;
    }
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
    try
    {
        settlePendingWrite();
    }
    catch (...)
    {
        // Only reachable if a flush was abandoned; destructors do not throw.
    }
    // Closing flushes; a file that cannot be flushed any more is detached
    // first, so that closing it cannot fail (see detachFromDisk).
    for (hdf5::File* file : m_nodes.files())
    {
        if (file->writable && file->failedWrite.empty())
        {
            try
            {
                flushOrDetach(*file);
            }
            catch (...)
            {
            }
        }
    }
    m_nodes.closeAll();
}

std::string HDF5IOHandlerImpl::backendName() const
{
    return "HDF5";
}

void HDF5IOHandlerImpl::beginFlush(FlushParams const& params)
{
    m_flushOptions = nlohmann::json::object();
    m_durableFlush = params.durable;
    // Options first: if they throw, endFlush() will not run to restore printing.
    // Most flushes carry no options: do not parse "{}" every time.
    if (!params.backendConfig.empty() && params.backendConfig != "{}")
    {
        readFlushOptions(params.backendConfig);
    }
    m_silencer.emplace();
}

void HDF5IOHandlerImpl::readFlushOptions(std::string const& backendConfig)
{
    auto const config = auxiliary::parseOptions(backendConfig);
    if (auto it = config.find("hdf5"); it != config.end())
    {
        if (!it->is_object())
        {
            throw error::BackendConfigSchema(
                {"hdf5"},
                fmt::format("flush options: expected an object, got {}", it->dump()));
        }
        auxiliary::reportUnknownKeys(*it, knownFlushKeys(), "hdf5 (flush options)");
        m_flushOptions = *it;
    }
}

std::set<std::string> HDF5IOHandlerImpl::knownFlushKeys() const
{
    return {};
}

void HDF5IOHandlerImpl::endFlush(FlushParams const& params)
{
    struct RestorePrinting
    {
        std::optional<hdf5::ErrorPrintingSilencer>& silencer;
        bool& durable;
        ~RestorePrinting()
        {
            silencer.reset();
            durable = false;
        }
    } const restore{m_silencer, m_durableFlush};

    settlePendingWrite();
    if (m_releasedSinceTrim >= releasedNodesPerTrim)
    {
        // Closed objects leave their memory on HDF5's free lists, which are
        // never trimmed by themselves: a long series would keep every
        // closed iteration's worth. A trim costs a walk of the lists and
        // fresh mallocs afterwards, so it waits for many closed objects.
        m_releasedSinceTrim = 0;
        H5garbage_collect();
    }
    if (params.flushLevel != FlushLevel::UserFlush && !params.durable)
    {
        return;
    }
    for (hdf5::File* file : m_nodes.files())
    {
        if (!file->writable || !file->failedWrite.empty())
        {
            continue;
        }
        // H5Fflush costs a walk of the metadata cache even when nothing is
        // dirty (docs/performance.md): skip the files nothing changed in.
        if (file->unflushed)
        {
            flushOrDetach(*file);
            file->unflushed = false;
            indexFlushedGroups(*file);
        }
        if (params.durable && file->unsynced)
        {
            syncFile(*file);
            file->unsynced = false;
        }
    }
}

Handle HDF5IOHandlerImpl::makeFileAccessList() const
{
    Site const site{m_directory, "/", error::AffectedObject::File, false};
    Handle list(checkId(H5Pcreate(H5P_FILE_ACCESS), site,
                        "cannot create a file access property list for"));
    // HDF5's metadata cache grows adaptively to 32 MiB per file; in a long
    // group-based series it fills with headers of closed iterations that are
    // never used again. A smaller ceiling keeps memory flat (measured in
    // docs/hdf5-backend.md); eviction only writes the entries out earlier.
    H5AC_cache_config_t cache;
    cache.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    checkStatus(H5Pget_mdc_config(list.get(), &cache), site,
                "cannot get the metadata cache settings for");
    cache.max_size = metadataCacheCeiling;
    cache.min_size = std::min(cache.min_size, metadataCacheCeiling);
    cache.set_initial_size = true;
    cache.initial_size = metadataCacheCeiling;
    checkStatus(H5Pset_mdc_config(list.get(), &cache), site,
                "cannot set the metadata cache settings for");
    // No sieve buffer: a write to a contiguous dataset reaches the file in
    // H5Dwrite, where a full disk is reported at once. With the buffer, the
    // bytes wait for the dataset's close, and HDF5 1.10 cannot close a
    // dataset whose last write fails: the half-closed dataset crashes the
    // process when HDF5 closes it again at exit (the disk-full test).
    checkStatus(H5Pset_sieve_buf_size(list.get(), 0), site,
                "cannot set the sieve buffer size for");
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
    // The directory entry too, so that a newly created file survives a crash;
    // once is enough per file.
    if (m_entrySynced.insert(file.name).second)
    {
        fs::path const directory = fs::path(file.name).parent_path();
        syncPath(directory.empty() ? "." : directory.string(), O_RDONLY | O_DIRECTORY,
                 site);
    }
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
    if (operation != Operation::WRITE_DATASET)
    {
        settlePendingWrite();
    }
    Node* node = m_nodes.find(writable);
    if (node == nullptr)
    {
        throw error::WrongAPIUsage(fmt::format(
            "HDF5: {} on a node that was not created or opened in an open file (node {})",
            operationToString(operation), static_cast<void const*>(writable)));
    }
    // Every task that changes a file finds its node (or its parent's) here.
    if (changesFile(operation) && node->file != nullptr)
    {
        requireIntact(*node->file, node->path);
        node->file->unflushed = true;
        node->file->unsynced = true;
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
        hid_t id = dataset
                       ? H5Dopen2(node.file->id.get(), node.path.c_str(), H5P_DEFAULT)
                       : H5Gopen2(node.file->id.get(), node.path.c_str(), H5P_DEFAULT);
        if (id < 0)
        {
            // The path may lead through a group that cannot be read by name
            // any more (a damaged listing): open it below its parent, which
            // knows its members' addresses.
            if (Handle reopened = reopenBelowParent(node))
            {
                H5Eclear2(H5E_DEFAULT);
                id = reopened.release();
            }
        }
        node.object = Handle(checkId(id, site, "cannot open"));
    }
    return node.object.get();
}

Site HDF5IOHandlerImpl::siteOf(Node const& node, error::AffectedObject object,
                               bool reading) const
{
    return Site{node.file->name, node.path, object, reading};
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
    // Below a group this handler created, each segment is created directly;
    // only if HDF5 refuses is it looked up (and opened if it is a group).
    bool created = parent.created;
    for (auto const& segment : segments)
    {
        path = hdf5::appendPath(path, segment);
        site.path = path;
        hid_t id = created
                       ? hdf5::attemptId(H5Gcreate2(current, segment.c_str(), H5P_DEFAULT,
                                                    H5P_DEFAULT, H5P_DEFAULT))
                       : H5I_INVALID_HID;
        if (id < 0)
        {
            created = !hdf5::linkExists(current, {segment}, site);
            if (!created && hdf5::objectTypeAt(current, segment) != H5O_TYPE_GROUP)
            {
                hdf5::raise(site, error::Reason::Other, "cannot create group",
                            "another kind of object (e.g. a dataset) exists there");
            }
            id = checkId(created ? H5Gcreate2(current, segment.c_str(), H5P_DEFAULT,
                                              H5P_DEFAULT, H5P_DEFAULT)
                                 : H5Gopen2(current, segment.c_str(), H5P_DEFAULT),
                         site, created ? "cannot create group" : "cannot open group");
        }
        group = Handle(id);
        current = group.get();
        if (created && m_keepsRecoveryIndexes)
        {
            noteForRecoveryIndex(*parent.file, path, current);
        }
    }
    m_nodes
        .add(writable, *parent.file, path, Node::Kind::Group, writable->parent,
             std::move(group))
        .created = created;
}

void HDF5IOHandlerImpl::closePath(Writable* writable,
                                  Parameter<Operation::CLOSE_PATH> const&)
{
    settlePendingWrite();
    m_releasedSinceTrim += m_nodes.closeHandles(writable);
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
    Handle group;
    if (!relative.empty())
    {
        group = tryOpenMember(parent, relative, H5I_GROUP);
    }
    if (!group)
    {
        // Missing, or not a group: find out which, for the message.
        if (!hdf5::linkExists(location, segments, site))
        {
            hdf5::raise(site, error::Reason::NotFound, "no group", std::string_view{});
        }
        if (!relative.empty())
        {
            if (hdf5::objectTypeAt(location, relative) != H5O_TYPE_GROUP)
            {
                hdf5::raise(site, error::Reason::UnexpectedContent, "cannot open group",
                            "it is not a group");
            }
            group = Handle(checkId(H5Gopen2(location, relative.c_str(), H5P_DEFAULT),
                                   site, "cannot open group"));
        }
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
    *parameters.paths = membersOf(nodeOf(writable, Operation::LIST_PATHS), true);
}

Handle HDF5IOHandlerImpl::tryOpenMember(Node& parent, std::string const& relative,
                                        H5I_type_t kind)
{
    hid_t const location = objectOf(parent);
    if (parent.members)
    {
        auto const found = parent.members->addresses.find(relative);
        if (found != parent.members->addresses.end())
        {
            Handle object = hdf5::openAtAddress(location, found->second);
            if (object && H5Iget_type(object.get()) == kind)
            {
                return object;
            }
        }
    }
    return hdf5::openIfKind(location, relative, kind);
}

std::vector<std::string> HDF5IOHandlerImpl::membersOf(Node& node, bool groups)
{
    Site const site = siteOf(node, error::AffectedObject::Group, true);
    if (node.file->writable)
    {
        auto members = hdf5::listMembers(objectOf(node), site);
        return groups ? std::move(members.groups) : std::move(members.datasets);
    }
    // Reading lists a group's groups and then its datasets: one pass for both.
    if (!node.members)
    {
        try
        {
            node.members = hdf5::listMembers(objectOf(node), site);
        }
        catch (Error const& failure)
        {
            node.members = hdf5::recoveredMembers(node.file->name, node.path);
            if (!node.members)
            {
                throw;
            }
            std::cerr << fmt::format(
                "openPMD HDF5 warning: {}\nServing instead the {} groups that '{}' "
                "recorded as completely written; members of '{}' written after them "
                "are lost.\n",
                failure.what(), node.members->groups.size(),
                hdf5::recoveryIndexName(node.file->name), node.path);
        }
    }
    return groups ? node.members->groups : node.members->datasets;
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
    hdf5::writeAttribute(objectOf(node), node.created, parameters.name, parameters.value,
                         m_types, siteOf(node, error::AffectedObject::Attribute, false));
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
    settlePendingWrite();
    // The Writable may be gone: the table uses the pointer as a key only.
    if (hdf5::File* orphaned = m_nodes.forget(writable))
    {
        closeAndForget(*orphaned);
    }
}
} // namespace openPMD
