// The Zarr backend: construction, factory, files, groups and the bookkeeping
// that ties Writables to nodes of the open hierarchies.

#include "IO/Zarr/ZarrIOHandlerImpl.hpp"
#include "IO/BuiltinBackends.hpp"
#include "IO/Zarr/ZarrPaths.hpp"
#include "openPMD/IO/StoreRegistry.hpp"
#include "openPMD/backend/Writable.hpp"

#include <filesystem>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>

namespace openPMD
{
using error::AffectedObject;
using error::Reason;
using zarr::ZarrHierarchy;

namespace
{
bool persistsAt(FlushLevel level)
{
    return level == FlushLevel::UserFlush || level == FlushLevel::InternalFlush;
}

/** Store options of the last handler per directory, for zarrListFiles. */
struct StoreOptionsTable
{
    std::mutex mutex;
    std::map<std::string, std::string> byDirectory;
};

StoreOptionsTable& storeOptionsTable()
{
    static StoreOptionsTable table;
    return table;
}

std::string normalizedDirectory(std::string const& directory)
{
    auto text = std::filesystem::path(directory.empty() ? "." : directory)
                    .lexically_normal()
                    .generic_string();
    while (text.size() > 1 && text.back() == '/')
        text.pop_back();
    return text;
}

/** The "type" of a store section; "directory" if absent (StoreRegistry checks the rest).
 */
std::string storeTypeName(std::string const& storeOptions)
{
    auto const options = nlohmann::json::parse(storeOptions);
    auto it = options.find("type");
    return it != options.end() && it->is_string() ? it->get<std::string>() : "directory";
}
} // namespace

ZarrIOHandlerImpl::ZarrIOHandlerImpl(std::string directory, Access access,
                                     std::string const& options)
    : AbstractIOHandlerImpl(std::move(directory), access),
      m_options(zarr::ZarrOptions::parse(options))
{
    // An unknown store type fails at construction, not at the first file.
    if (!StoreRegistry::find(storeTypeName(m_options.store)))
        StoreRegistry::open(
            StoreArguments{m_directory, Access::READ_ONLY, m_options.store});
    std::lock_guard<std::mutex> lock(storeOptionsTable().mutex);
    storeOptionsTable().byDirectory[normalizedDirectory(m_directory)] = m_options.store;
}

ZarrIOHandlerImpl::~ZarrIOHandlerImpl()
{
    if (!access::write(m_access))
        return;
    for (auto const& [path, file] : m_files)
    {
        try
        {
            if (file.hierarchy->hasChanges())
                file.hierarchy->persist(true);
        }
        catch (std::exception const& e)
        {
            std::cerr << "[libopenPMD Zarr] changes to '" << path
                      << "' could not be written when the backend was closed: "
                      << e.what() << '\n';
        }
    }
}

std::vector<std::string> ZarrIOHandlerImpl::listHierarchies(std::string const& directory)
{
    std::string storeOptions;
    {
        std::lock_guard<std::mutex> lock(storeOptionsTable().mutex);
        auto& table = storeOptionsTable().byDirectory;
        if (auto it = table.find(normalizedDirectory(directory)); it != table.end())
            storeOptions = it->second;
    }
    StoreType const* type = nullptr;
    if (!storeOptions.empty())
        type = StoreRegistry::find(storeTypeName(storeOptions));
    if (type != nullptr && type->listHierarchies)
        return type->listHierarchies(
            StoreArguments{directory, Access::READ_ONLY, storeOptions});
    std::vector<std::string> names;
    std::error_code ec;
    for (auto const& entry :
         std::filesystem::directory_iterator(directory.empty() ? "." : directory, ec))
        names.push_back(entry.path().filename().string());
    if (ec)
        throw error::ReadError(AffectedObject::File, Reason::CannotRead, "Zarr",
                               "cannot list directory '" + directory +
                                   "': " + ec.message());
    return names;
}

std::vector<std::string> zarrListFiles(std::string const& directory)
{
    return ZarrIOHandlerImpl::listHierarchies(directory);
}

std::string ZarrIOHandlerImpl::filePath(std::string const& name) const
{
    if (m_directory.empty())
        return name;
    return (std::filesystem::path(m_directory) / name).lexically_normal().string();
}

std::unique_ptr<KeyValueStore> ZarrIOHandlerImpl::openStore(std::string const& path,
                                                            Access access) const
{
    return StoreRegistry::open(StoreArguments{path, access, m_options.store});
}

void ZarrIOHandlerImpl::persistAll()
{
    for (auto& [path, file] : m_files)
        if (file.hierarchy->hasChanges())
            file.hierarchy->persist(false);
}

void ZarrIOHandlerImpl::endFlush(FlushParams const& params)
{
    if (access::write(m_access) && persistsAt(params.flushLevel))
        persistAll();
}

// ---------------------------------------------------------------- bookkeeping

void ZarrIOHandlerImpl::requireWriteAccess(AffectedObject object,
                                           std::string const& what) const
{
    if (access::readOnly(m_access))
        throw error::WriteError(object, backendName(),
                                "cannot " + what +
                                    ": the Series was opened read-only, expected a "
                                    "writing access mode");
}

void ZarrIOHandlerImpl::checkName(std::string const& name, std::string const& where) const
{
    auto const reason = zarr::unsafeNameReason(name);
    std::string printable; // a NUL would cut the message short
    for (char c : name)
        printable += c == '\0' ? std::string("\\0") : std::string(1, c);
    if (!reason.empty())
        throw error::WrongAPIUsage("Zarr backend: the name '" + printable + "' for " +
                                   where + " cannot be a Zarr key: " + reason);
}

void ZarrIOHandlerImpl::bind(Writable* node, std::string const& file, std::string path)
{
    if (auto const* old =
            dynamic_cast<ZarrFilePosition const*>(node->abstractFilePosition.get());
        old != nullptr && old->file != file)
        if (auto it = m_files.find(old->file); it != m_files.end())
            it->second.nodes.erase(node);
    node->abstractFilePosition =
        std::make_shared<ZarrFilePosition>(file, std::move(path));
    node->written = true;
    m_files.at(file).nodes.insert(node);
}

void ZarrIOHandlerImpl::forget(std::string const& file)
{
    auto it = m_files.find(file);
    if (it == m_files.end())
        return;
    for (Writable* node : it->second.nodes)
    {
        node->abstractFilePosition.reset();
        node->written = false;
    }
    m_files.erase(it);
}

ZarrFilePosition const& ZarrIOHandlerImpl::positionOf(Writable* node) const
{
    auto const* position =
        node == nullptr
            ? nullptr
            : dynamic_cast<ZarrFilePosition const*>(node->abstractFilePosition.get());
    if (position == nullptr)
        throw error::WrongAPIUsage(
            "Zarr backend: the node was never created or opened, or its file was "
            "closed; expected a node with a file position");
    return *position;
}

ZarrIOHandlerImpl::OpenFile& ZarrIOHandlerImpl::fileOf(Writable* node)
{
    auto const& position = positionOf(node);
    auto it = m_files.find(position.file);
    if (it == m_files.end())
        throw error::WrongAPIUsage("Zarr backend: file '" + position.file +
                                   "' is not open; expected OPEN_FILE or CREATE_FILE "
                                   "first");
    return it->second;
}

zarr::ZarrNode& ZarrIOHandlerImpl::nodeOf(Writable* node)
{
    auto const& position = positionOf(node);
    auto* found = hierarchyOf(node).find(position.path);
    if (found == nullptr)
        throw error::ReadError(AffectedObject::Other, Reason::NotFound, backendName(),
                               describe(node) + " no longer exists (was it deleted?)");
    return *found;
}

zarr::ZarrNode& ZarrIOHandlerImpl::groupOf(Writable* node)
{
    auto& found = nodeOf(node);
    if (found.isArray())
        throw error::WrongAPIUsage("Zarr backend: " + describe(node) +
                                   " is an array, expected a group");
    return found;
}

zarr::ZarrArray& ZarrIOHandlerImpl::arrayOf(Writable* node)
{
    auto& found = nodeOf(node);
    if (!found.isArray())
        throw error::WrongAPIUsage("Zarr backend: " + describe(node) +
                                   " is a group, expected an array (dataset)");
    return *found.array;
}

std::string ZarrIOHandlerImpl::describe(Writable* node)
{
    return hierarchyOf(node).describe(positionOf(node).path);
}

// ---------------------------------------------------------------------- files

void ZarrIOHandlerImpl::createFile(Writable* node,
                                   Parameter<Operation::CREATE_FILE> const& parameters)
{
    auto const path = filePath(parameters.name);
    requireWriteAccess(AffectedObject::File, "create file '" + path + "'");
    forget(path); // nodes bound to a replaced file must not reach the new one
    auto hierarchy = std::make_unique<ZarrHierarchy>(openStore(path, m_access),
                                                     m_options.consolidatedMetadata);
    bool const keep =
        m_access != Access::CREATE && ZarrHierarchy::exists(hierarchy->store());
    if (keep)
        hierarchy->load();
    else
        hierarchy->startEmpty(true);
    m_files[path].hierarchy = std::move(hierarchy);
    bind(node, path, "");
}

void ZarrIOHandlerImpl::checkFile(Writable*,
                                  Parameter<Operation::CHECK_FILE> const& parameters)
{
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    auto const path = filePath(parameters.name);
    bool exists = m_files.count(path) > 0;
    if (!exists)
    {
        auto store = openStore(path, Access::READ_ONLY);
        exists = ZarrHierarchy::exists(*store);
    }
    *parameters.fileExists = exists ? FileExists::Yes : FileExists::No;
}

void ZarrIOHandlerImpl::openFile(Writable* node,
                                 Parameter<Operation::OPEN_FILE> const& parameters)
{
    auto const path = filePath(parameters.name);
    if (m_files.count(path) == 0)
    {
        auto hierarchy = std::make_unique<ZarrHierarchy>(openStore(path, m_access),
                                                         m_options.consolidatedMetadata);
        hierarchy->load();
        m_files[path].hierarchy = std::move(hierarchy);
    }
    bind(node, path, "");
}

void ZarrIOHandlerImpl::closeFile(Writable* node, Parameter<Operation::CLOSE_FILE> const&)
{
    auto const position = positionOf(node);
    if (!position.path.empty())
        throw error::WrongAPIUsage("Zarr backend: CLOSE_FILE names " + describe(node) +
                                   "; expected the root node of the file");
    auto& file = fileOf(node);
    if (access::write(m_access) && file.hierarchy->hasChanges())
        file.hierarchy->persist(true);
    forget(position.file);
}

void ZarrIOHandlerImpl::deleteFile(Writable*,
                                   Parameter<Operation::DELETE_FILE> const& parameters)
{
    auto const path = filePath(parameters.name);
    requireWriteAccess(AffectedObject::File, "delete file '" + path + "'");
    forget(path);
    auto store = openStore(path, m_access);
    if (!ZarrHierarchy::exists(*store))
        throw error::ReadError(AffectedObject::File, Reason::NotFound, backendName(),
                               "cannot delete file '" + path + "' (store '" +
                                   store->describe() + "'): it does not exist");
    store->eraseWithPrefix("");
    store->sync();
}

void ZarrIOHandlerImpl::deregister(Writable* node,
                                   Parameter<Operation::DEREGISTER> const&)
{
    for (auto& [path, file] : m_files)
        file.nodes.erase(node);
}

// --------------------------------------------------------------------- groups

void ZarrIOHandlerImpl::createPath(Writable* node,
                                   Parameter<Operation::CREATE_PATH> const& parameters)
{
    if (node->parent == nullptr)
    {
        if (!parameters.path.empty())
            throw error::WrongAPIUsage("Zarr backend: CREATE_PATH '" + parameters.path +
                                       "' on a node without parent; expected an empty "
                                       "path");
        positionOf(node);
        return;
    }
    auto const parent = positionOf(node->parent);
    auto const path = zarr::childPath(parent.path, parameters.path);
    auto& hierarchy = hierarchyOf(node->parent);
    if (!parameters.path.empty())
        checkName(parameters.path, "a group below " + hierarchy.describe(parent.path));
    requireWriteAccess(AffectedObject::Group, "create group " + hierarchy.describe(path));
    groupOf(node->parent);
    hierarchy.makeGroups(path);
    bind(node, parent.file, path);
}

void ZarrIOHandlerImpl::openPath(Writable* node,
                                 Parameter<Operation::OPEN_PATH> const& parameters)
{
    if (node->parent == nullptr)
    {
        if (!parameters.path.empty())
            throw error::WrongAPIUsage("Zarr backend: OPEN_PATH '" + parameters.path +
                                       "' on a node without parent; expected an empty "
                                       "path");
        positionOf(node);
        return;
    }
    auto const parent = positionOf(node->parent);
    auto const path =
        zarr::childPath(parent.path, zarr::joinPath(zarr::splitPath(parameters.path)));
    auto& hierarchy = hierarchyOf(node->parent);
    auto const* found = hierarchy.find(path);
    if (found == nullptr || found->isArray())
        throw error::ReadError(
            AffectedObject::Group,
            found == nullptr ? Reason::NotFound : Reason::UnexpectedContent,
            backendName(),
            "cannot open group " + hierarchy.describe(path) +
                (found == nullptr ? ": it does not exist"
                                  : ": it is an array, expected a group"));
    bind(node, parent.file, path);
}

void ZarrIOHandlerImpl::deletePath(Writable* node,
                                   Parameter<Operation::DELETE_PATH> const& parameters)
{
    auto const position = positionOf(node);
    auto& hierarchy = hierarchyOf(node);
    if (parameters.path.empty())
        throw error::WrongAPIUsage("Zarr backend: DELETE_PATH below " + describe(node) +
                                   " needs a non-empty path");
    checkName(parameters.path, "a group below " + describe(node));
    auto const path = zarr::childPath(position.path, parameters.path);
    requireWriteAccess(AffectedObject::Group, "delete group " + hierarchy.describe(path));
    auto const* found = hierarchy.find(path);
    if (found == nullptr || found->isArray())
        throw error::ReadError(AffectedObject::Group, Reason::NotFound, backendName(),
                               "cannot delete group " + hierarchy.describe(path) +
                                   ": there is no such group");
    hierarchy.remove(path);
}

void ZarrIOHandlerImpl::listPaths(Writable* node,
                                  Parameter<Operation::LIST_PATHS> const& parameters)
{
    parameters.paths->clear();
    for (auto const& [name, child] : groupOf(node).children)
        if (!child->isArray())
            parameters.paths->push_back(name);
}

std::unique_ptr<AbstractIOHandler> createZarrIOHandler(BackendArguments const& arguments)
{
    return std::make_unique<ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<ZarrIOHandlerImpl>(arguments.directory, arguments.access,
                                            arguments.options));
}
} // namespace openPMD
