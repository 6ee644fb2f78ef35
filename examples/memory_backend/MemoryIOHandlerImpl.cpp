// Files, groups and the bookkeeping that ties Writables to stored objects.
#include "MemoryIOHandlerImpl.hpp"
#include "MemoryPaths.hpp"

#include <openPMD/Error.hpp>

namespace memory_backend
{
using namespace openPMD;
using error::AffectedObject;
using error::Reason;

MemoryIOHandlerImpl::MemoryIOHandlerImpl(std::string directory, Access access)
    : AbstractIOHandlerImpl(std::move(directory), access)
{
}

// ---------------------------------------------------------------- bookkeeping

void MemoryIOHandlerImpl::requireWriteAccess(AffectedObject object, char const* what,
                                             std::string const& where) const
{
    if (access::readOnly(m_access))
    {
        throw error::WriteError(
            object, backendName(),
            std::string("cannot ") + what + " " + where +
                ": the handler was opened read-only, expected a writing access mode");
    }
}

MemoryNode& MemoryIOHandlerImpl::makeGroups(MemoryNode& from,
                                            std::vector<std::string> const& segments,
                                            std::string const& where) const
{
    MemoryNode* current = &from;
    for (auto const& segment : segments)
    {
        auto& child = current->children[segment];
        if (!child)
        {
            child = std::make_unique<MemoryNode>();
        }
        else if (child->isDataset())
        {
            throw error::WriteError(AffectedObject::Group, backendName(),
                                    "cannot create " + where + ": '" + segment +
                                        "' is a dataset, expected a group or nothing");
        }
        current = child.get();
    }
    return *current;
}

void MemoryIOHandlerImpl::bind(Writable* node, std::string const& fileKey,
                               std::vector<std::string> path)
{
    // A node that moves to another file must leave the old file's list.
    if (auto const* old =
            dynamic_cast<MemoryFilePosition const*>(node->abstractFilePosition.get());
        old != nullptr && old->fileKey != fileKey)
    {
        if (auto it = m_openFiles.find(old->fileKey); it != m_openFiles.end())
        {
            it->second.nodes.erase(node);
        }
    }
    node->abstractFilePosition =
        std::make_shared<MemoryFilePosition>(fileKey, std::move(path));
    node->written = true;
    m_openFiles.at(fileKey).nodes.insert(node);
}

void MemoryIOHandlerImpl::forget(std::string const& fileKey)
{
    auto it = m_openFiles.find(fileKey);
    if (it == m_openFiles.end())
    {
        return;
    }
    for (Writable* node : it->second.nodes)
    {
        node->abstractFilePosition.reset();
        node->written = false;
    }
    m_openFiles.erase(it);
}

MemoryFilePosition const& MemoryIOHandlerImpl::positionOf(Writable* node) const
{
    auto const* position =
        node == nullptr
            ? nullptr
            : dynamic_cast<MemoryFilePosition const*>(node->abstractFilePosition.get());
    if (position == nullptr)
    {
        throw error::WrongAPIUsage(
            "Memory backend: the node was never created or opened, or its file was "
            "closed; expected a node with a file position");
    }
    return *position;
}

MemoryIOHandlerImpl::OpenFile& MemoryIOHandlerImpl::fileOf(Writable* node)
{
    auto const& position = positionOf(node);
    auto it = m_openFiles.find(position.fileKey);
    if (it == m_openFiles.end())
    {
        throw error::WrongAPIUsage(
            "Memory backend: file '" + position.fileKey +
            "' is not open in this handler; expected OPEN_FILE or CREATE_FILE first");
    }
    return it->second;
}

MemoryNode& MemoryIOHandlerImpl::objectOf(Writable* node)
{
    auto const& position = positionOf(node);
    MemoryNode* object = walk(*fileOf(node).root, position.path);
    if (object == nullptr)
    {
        throw error::ReadError(AffectedObject::Other, Reason::NotFound, backendName(),
                               describe(node) + " no longer exists (was it deleted?)");
    }
    return *object;
}

MemoryNode& MemoryIOHandlerImpl::groupOf(Writable* node)
{
    MemoryNode& object = objectOf(node);
    if (object.isDataset())
    {
        throw error::WrongAPIUsage("Memory backend: " + describe(node) +
                                   " is a dataset, expected a group");
    }
    return object;
}

MemoryDataset& MemoryIOHandlerImpl::datasetOf(Writable* node)
{
    MemoryNode& object = objectOf(node);
    if (!object.isDataset())
    {
        throw error::WrongAPIUsage("Memory backend: " + describe(node) +
                                   " is a group, expected a dataset");
    }
    return *object.dataset;
}

std::string MemoryIOHandlerImpl::describe(std::string const& fileKey,
                                          std::vector<std::string> const& path) const
{
    return "'" + joinPath(path) + "' in file '" + fileKey + "'";
}

std::string MemoryIOHandlerImpl::describe(Writable* node) const
{
    auto const& position = positionOf(node);
    return describe(position.fileKey, position.path);
}

// ---------------------------------------------------------------------- files

void MemoryIOHandlerImpl::createFile(Writable* node,
                                     Parameter<Operation::CREATE_FILE> const& parameters)
{
    std::string const key = MemoryStore::key(m_directory, parameters.name);
    requireWriteAccess(AffectedObject::File, "create", "file '" + key + "'");
    auto& store = MemoryStore::instance();
    std::shared_ptr<MemoryNode> root =
        m_access == Access::APPEND ? store.find(key) : nullptr;
    if (!root)
    {
        root = store.create(key);
    }
    forget(key); // nodes bound to a replaced file must not reach the new one
    m_openFiles[key].root = std::move(root);
    bind(node, key, {});
}

void MemoryIOHandlerImpl::checkFile(Writable*,
                                    Parameter<Operation::CHECK_FILE> const& parameters)
{
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    bool const exists = MemoryStore::instance().find(
                            MemoryStore::key(m_directory, parameters.name)) != nullptr;
    *parameters.fileExists = exists ? FileExists::Yes : FileExists::No;
}

void MemoryIOHandlerImpl::openFile(Writable* node,
                                   Parameter<Operation::OPEN_FILE> const& parameters)
{
    std::string const key = MemoryStore::key(m_directory, parameters.name);
    auto root = MemoryStore::instance().find(key);
    if (!root)
    {
        throw error::ReadError(AffectedObject::File, Reason::NotFound, backendName(),
                               "file '" + key +
                                   "' does not exist; expected an existing file to open");
    }
    m_openFiles[key].root = std::move(root);
    bind(node, key, {});
}

void MemoryIOHandlerImpl::closeFile(Writable* node,
                                    Parameter<Operation::CLOSE_FILE> const&)
{
    auto const& position = positionOf(node);
    if (!position.path.empty())
    {
        throw error::WrongAPIUsage("Memory backend: CLOSE_FILE names " + describe(node) +
                                   "; expected the root node of the file");
    }
    // Nothing to persist: the store is the storage. Copy the key, forget()
    // destroys the position that holds it.
    std::string const key = position.fileKey;
    forget(key);
}

void MemoryIOHandlerImpl::deleteFile(Writable*,
                                     Parameter<Operation::DELETE_FILE> const& parameters)
{
    std::string const key = MemoryStore::key(m_directory, parameters.name);
    requireWriteAccess(AffectedObject::File, "delete", "file '" + key + "'");
    forget(key);
    if (!MemoryStore::instance().erase(key))
    {
        throw error::ReadError(AffectedObject::File, Reason::NotFound, backendName(),
                               "cannot delete file '" + key + "': it does not exist");
    }
}

void MemoryIOHandlerImpl::deregister(Writable* node,
                                     Parameter<Operation::DEREGISTER> const&)
{
    // The Writable may be gone: use the pointer as a key only.
    for (auto& [key, file] : m_openFiles)
    {
        file.nodes.erase(node);
    }
}

// --------------------------------------------------------------------- groups

void MemoryIOHandlerImpl::createPath(Writable* node,
                                     Parameter<Operation::CREATE_PATH> const& parameters)
{
    auto const segments = splitPath(parameters.path);
    if (node->parent == nullptr)
    {
        // A file root already refers to its group.
        if (!segments.empty())
        {
            throw error::WrongAPIUsage(
                "Memory backend: CREATE_PATH '" + parameters.path +
                "' on a node without parent; expected an empty path");
        }
        positionOf(node);
        return;
    }
    auto const& parentPosition = positionOf(node->parent);
    auto path = appendPath(parentPosition.path, segments);
    std::string const where = "group " + describe(parentPosition.fileKey, path);
    requireWriteAccess(AffectedObject::Group, "create", where);

    makeGroups(groupOf(node->parent), segments, where);
    bind(node, parentPosition.fileKey, std::move(path));
}

void MemoryIOHandlerImpl::openPath(Writable* node,
                                   Parameter<Operation::OPEN_PATH> const& parameters)
{
    auto const segments = splitPath(parameters.path);
    if (node->parent == nullptr)
    {
        if (!segments.empty())
        {
            throw error::WrongAPIUsage(
                "Memory backend: OPEN_PATH '" + parameters.path +
                "' on a node without parent; expected an empty path");
        }
        positionOf(node);
        return;
    }
    auto const& parentPosition = positionOf(node->parent);
    auto path = appendPath(parentPosition.path, segments);
    MemoryNode const* group = walk(groupOf(node->parent), segments);
    if (group == nullptr || group->isDataset())
    {
        throw error::ReadError(
            AffectedObject::Group,
            group == nullptr ? Reason::NotFound : Reason::UnexpectedContent,
            backendName(),
            "cannot open group " + describe(parentPosition.fileKey, path) +
                (group == nullptr ? ": it does not exist"
                                  : ": it is a dataset, expected a group"));
    }
    bind(node, parentPosition.fileKey, std::move(path));
}

void MemoryIOHandlerImpl::deletePath(Writable* node,
                                     Parameter<Operation::DELETE_PATH> const& parameters)
{
    auto const segments = splitPath(parameters.path);
    auto const& position = positionOf(node);
    std::string const where =
        "group " + describe(position.fileKey, appendPath(position.path, segments));
    if (segments.empty())
    {
        throw error::WrongAPIUsage("Memory backend: DELETE_PATH below " + describe(node) +
                                   " needs a non-empty path");
    }
    requireWriteAccess(AffectedObject::Group, "delete", where);
    MemoryNode* container = walk(
        groupOf(node), std::vector<std::string>(segments.begin(), segments.end() - 1));
    MemoryNode const* target =
        container == nullptr ? nullptr : walk(*container, {segments.back()});
    if (target == nullptr || target->isDataset())
    {
        throw error::ReadError(AffectedObject::Group, Reason::NotFound, backendName(),
                               "cannot delete " + where + ": there is no such group");
    }
    container->children.erase(segments.back());
}

void MemoryIOHandlerImpl::listPaths(Writable* node,
                                    Parameter<Operation::LIST_PATHS> const& parameters)
{
    parameters.paths->clear();
    for (auto const& [name, child] : groupOf(node).children)
    {
        if (!child->isDataset())
        {
            parameters.paths->push_back(name);
        }
    }
}
} // namespace memory_backend
