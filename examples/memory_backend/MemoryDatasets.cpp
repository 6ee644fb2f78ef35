// The dataset operations of the memory backend.
#include "MemoryIOHandlerImpl.hpp"
#include "MemoryPaths.hpp"

#include <openPMD/Error.hpp>

namespace memory_backend
{
using namespace openPMD;
using error::AffectedObject;
using error::Reason;

namespace
{
/** The 17 scalar types come first in Datatype (its order is part of the API). */
bool isDatasetType(Datatype dtype)
{
    return static_cast<int>(dtype) <= static_cast<int>(Datatype::CLONG_DOUBLE);
}

bool hasElements(Extent const& extent)
{
    for (auto e : extent)
    {
        if (e == 0)
        {
            return false;
        }
    }
    return true;
}

std::vector<std::string> allButLast(std::vector<std::string> const& segments)
{
    return {segments.begin(), segments.end() - 1};
}
} // namespace

void MemoryIOHandlerImpl::createDataset(
    Writable* node, Parameter<Operation::CREATE_DATASET> const& parameters)
{
    auto const segments = splitPath(parameters.name);
    if (node->parent == nullptr || segments.empty())
    {
        throw error::WrongAPIUsage("Memory backend: CREATE_DATASET '" + parameters.name +
                                   "' needs a node with a parent and a non-empty name");
    }
    auto const& parentPosition = positionOf(node->parent);
    auto path = appendPath(parentPosition.path, segments);
    std::string const where = "dataset " + describe(parentPosition.fileKey, path);
    requireWriteAccess(AffectedObject::Dataset, "create", where);
    if (!isDatasetType(parameters.dtype))
    {
        throw error::WriteError(AffectedObject::Dataset, backendName(),
                                "cannot create " + where + " of type " +
                                    datatypeToString(parameters.dtype) +
                                    ": expected one of the 17 scalar numeric types");
    }
    for (auto extent : parameters.extent)
    {
        if (extent == Dataset::JOINED_DIMENSION)
        {
            throw error::OperationUnsupportedInBackend(
                backendName(), "joined dimensions (in " + where + ")");
        }
    }

    // Intermediate groups are created, as for CREATE_PATH.
    MemoryNode& group = makeGroups(groupOf(node->parent), allButLast(segments), where);
    auto& slot = group.children[segments.back()];
    if (slot && !slot->isDataset())
    {
        throw error::WriteError(AffectedObject::Dataset, backendName(),
                                "cannot create " + where +
                                    ": a group of that name exists");
    }
    // An existing dataset is replaced, attributes and all.
    slot = std::make_unique<MemoryNode>();
    slot->dataset.emplace(parameters.dtype, parameters.extent);
    bind(node, parentPosition.fileKey, std::move(path));
}

void MemoryIOHandlerImpl::extendDataset(
    Writable* node, Parameter<Operation::EXTEND_DATASET> const& parameters)
{
    std::string const where = "dataset " + describe(node);
    requireWriteAccess(AffectedObject::Dataset, "extend", where);
    MemoryDataset& dataset = datasetOf(node);
    if (auto why = dataset.checkExtension(parameters.extent); !why.empty())
    {
        throw error::WrongAPIUsage("Memory backend: cannot extend " + where +
                                   ": expected " + why);
    }
    dataset.extend(parameters.extent);
}

void MemoryIOHandlerImpl::openDataset(
    Writable* node, Parameter<Operation::OPEN_DATASET> const& parameters)
{
    auto const segments = splitPath(parameters.name);
    if (node->parent == nullptr || segments.empty())
    {
        throw error::WrongAPIUsage("Memory backend: OPEN_DATASET '" + parameters.name +
                                   "' needs a node with a parent and a non-empty name");
    }
    auto const& parentPosition = positionOf(node->parent);
    auto path = appendPath(parentPosition.path, segments);
    MemoryNode const* object = walk(groupOf(node->parent), segments);
    if (object == nullptr || !object->isDataset())
    {
        throw error::ReadError(
            AffectedObject::Dataset,
            object == nullptr ? Reason::NotFound : Reason::UnexpectedContent,
            backendName(),
            "cannot open dataset " + describe(parentPosition.fileKey, path) +
                (object == nullptr ? ": it does not exist"
                                   : ": it is a group, expected a dataset"));
    }
    *parameters.dtype = object->dataset->dtype();
    *parameters.extent = object->dataset->extent();
    bind(node, parentPosition.fileKey, std::move(path));
}

void MemoryIOHandlerImpl::deleteDataset(
    Writable* node, Parameter<Operation::DELETE_DATASET> const& parameters)
{
    auto const segments = splitPath(parameters.name);
    auto const& position = positionOf(node);
    std::string const where =
        "dataset " + describe(position.fileKey, appendPath(position.path, segments));
    if (segments.empty())
    {
        throw error::WrongAPIUsage("Memory backend: DELETE_DATASET below " +
                                   describe(node) + " needs a non-empty name");
    }
    requireWriteAccess(AffectedObject::Dataset, "delete", where);
    MemoryNode* container = walk(groupOf(node), allButLast(segments));
    MemoryNode const* target =
        container == nullptr ? nullptr : walk(*container, {segments.back()});
    if (target == nullptr || !target->isDataset())
    {
        throw error::ReadError(AffectedObject::Dataset, Reason::NotFound, backendName(),
                               "cannot delete " + where + ": there is no such dataset");
    }
    container->children.erase(segments.back());
}

void MemoryIOHandlerImpl::writeDataset(
    Writable* node, Parameter<Operation::WRITE_DATASET> const& parameters)
{
    std::string const where = "dataset " + describe(node);
    requireWriteAccess(AffectedObject::Dataset, "write to", where);
    MemoryDataset& dataset = datasetOf(node);
    if (auto why = dataset.checkSelection(parameters.offset, parameters.extent);
        !why.empty())
    {
        throw error::WrongAPIUsage("Memory backend: cannot write to " + where +
                                   ": expected " + why);
    }
    if (!isSame(parameters.dtype, dataset.dtype()))
    {
        throw error::WrongAPIUsage(
            "Memory backend: cannot write " + datatypeToString(parameters.dtype) +
            " data to " + where + ": expected " + datatypeToString(dataset.dtype()));
    }
    if (!parameters.data && hasElements(parameters.extent))
    {
        throw error::WrongAPIUsage("Memory backend: cannot write to " + where +
                                   ": expected a data buffer");
    }
    dataset.write(parameters.offset, parameters.extent, parameters.data.get());
}

void MemoryIOHandlerImpl::readDataset(
    Writable* node, Parameter<Operation::READ_DATASET> const& parameters)
{
    std::string const where = "dataset " + describe(node);
    MemoryDataset const& dataset = datasetOf(node);
    if (auto why = dataset.checkSelection(parameters.offset, parameters.extent);
        !why.empty())
    {
        throw error::WrongAPIUsage("Memory backend: cannot read from " + where +
                                   ": expected " + why);
    }
    if (!isSame(parameters.dtype, dataset.dtype()))
    {
        throw error::WrongAPIUsage("Memory backend: cannot read " + where + " as " +
                                   datatypeToString(parameters.dtype) + ": expected " +
                                   datatypeToString(dataset.dtype()));
    }
    if (!parameters.data && hasElements(parameters.extent))
    {
        throw error::WrongAPIUsage("Memory backend: cannot read from " + where +
                                   ": expected a data buffer");
    }
    dataset.read(parameters.offset, parameters.extent, parameters.data.get());
}

void MemoryIOHandlerImpl::listDatasets(
    Writable* node, Parameter<Operation::LIST_DATASETS> const& parameters)
{
    parameters.datasets->clear();
    for (auto const& [name, child] : groupOf(node).children)
    {
        if (child->isDataset())
        {
            parameters.datasets->push_back(name);
        }
    }
}

void MemoryIOHandlerImpl::availableChunks(
    Writable* node, Parameter<Operation::AVAILABLE_CHUNKS> const& parameters)
{
    *parameters.chunks = datasetOf(node).writtenChunks();
}
} // namespace memory_backend
