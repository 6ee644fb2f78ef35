// The Zarr backend: datasets (arrays) and their chunks.

#include "IO/Zarr/ZarrChunks.hpp"
#include "IO/Zarr/ZarrDtype.hpp"
#include "IO/Zarr/ZarrIOHandlerImpl.hpp"
#include "IO/Zarr/ZarrPaths.hpp"
#include "openPMD/backend/Writable.hpp"

#include "openPMD/IO/ChunkSelection.hpp"

#include <algorithm>

namespace openPMD
{
using error::AffectedObject;
using error::Reason;

namespace
{
bool compatible(Datatype a, Datatype b)
{
    return a == b || isSame(a, b);
}
} // namespace

void ZarrIOHandlerImpl::createDataset(Writable* node,
                                      Parameter<Operation::CREATE_DATASET> const& p)
{
    auto const parent = positionOf(node->parent);
    auto& hierarchy = hierarchyOf(node->parent);
    checkName(p.name, "a dataset below " + hierarchy.describe(parent.path));
    auto const path = zarr::childPath(parent.path, p.name);
    requireWriteAccess(AffectedObject::Dataset,
                       "create dataset " + hierarchy.describe(path));
    if (p.extent.empty())
        throw error::OperationUnsupportedInBackend(
            backendName(), "dataset " + hierarchy.describe(path) +
                               " has rank 0; Zarr datasets need at least one dimension");
    if (p.dtype == Datatype::UNDEFINED || toBytes(p.dtype) == 0 ||
        static_cast<int>(p.dtype) > static_cast<int>(Datatype::CLONG_DOUBLE))
        throw error::WrongAPIUsage("Zarr backend: dataset " + hierarchy.describe(path) +
                                   " has type " + datatypeToString(p.dtype) +
                                   ", expected one of the 17 numeric dataset types");
    auto const settings = zarr::parseDatasetOptions(p.options, p.extent.size());
    groupOf(node->parent);
    auto const containerPath = zarr::parentPath(path);
    if (auto* existing = hierarchy.find(path); existing && !existing->isArray())
        throw error::WriteError(AffectedObject::Dataset, backendName(),
                                "cannot create dataset " + hierarchy.describe(path) +
                                    ": it is a group, expected an array or nothing");

    auto array = std::make_unique<zarr::ZarrArray>();
    array->dtype = p.dtype;
    array->shape = p.extent;
    auto const limit = hierarchy.store().maxValueSize();
    array->chunks = settings.chunks ? *settings.chunks
                                    : zarr::defaultChunks(p.extent, toBytes(p.dtype),
                                                          m_options.chunkBytes, limit);
    array->compressor = settings.compressor ? *settings.compressor : m_options.compressor;
    array->fillValue = zarr::defaultFillValue(p.dtype);
    array->fillBytes = zarr::fillElement(p.dtype, array->fillValue);
    if (limit != 0 && array->chunkElements() * array->elementSize() > limit &&
        array->compressor.id.empty())
        throw error::BackendConfigSchema(
            {"zarr", "dataset", "chunks"},
            "a chunk of " + extentToString(array->chunks) + " elements of " +
                datatypeToString(p.dtype) + " exceeds the " + std::to_string(limit) +
                "-byte value limit of store '" + hierarchy.store().describe() + "'");
    hierarchy.makeGroups(containerPath);
    hierarchy.makeArray(path, std::move(array));
    bind(node, parent.file, path);
}

void ZarrIOHandlerImpl::extendDataset(Writable* node,
                                      Parameter<Operation::EXTEND_DATASET> const& p)
{
    auto& array = arrayOf(node);
    requireWriteAccess(AffectedObject::Dataset, "extend dataset " + describe(node));
    if (p.extent.size() != array.shape.size())
        throw error::WrongAPIUsage("Zarr backend: cannot extend dataset " +
                                   describe(node) + " to " + extentToString(p.extent) +
                                   ": expected the same rank as " +
                                   extentToString(array.shape));
    for (std::size_t d = 0; d < p.extent.size(); ++d)
        if (p.extent[d] < array.shape[d])
            throw error::WrongAPIUsage(
                "Zarr backend: cannot extend dataset " + describe(node) + " to " +
                extentToString(p.extent) + ": dimension " + std::to_string(d) +
                " would shrink from " + extentToString(array.shape));
    array.shape = p.extent;
    hierarchyOf(node).markMetadata(positionOf(node).path);
}

void ZarrIOHandlerImpl::openDataset(Writable* node,
                                    Parameter<Operation::OPEN_DATASET> const& p)
{
    auto const parent = positionOf(node->parent);
    auto& hierarchy = hierarchyOf(node->parent);
    auto const path =
        zarr::childPath(parent.path, zarr::joinPath(zarr::splitPath(p.name)));
    auto* found = hierarchy.find(path);
    if (found == nullptr || !found->isArray())
        throw error::ReadError(AffectedObject::Dataset,
                               found == nullptr ? Reason::NotFound
                                                : Reason::UnexpectedContent,
                               backendName(),
                               "cannot open dataset " + hierarchy.describe(path) +
                                   (found == nullptr ? ": it does not exist"
                                                     : ": it is a group, expected an "
                                                       "array"));
    auto const& array = *found->array;
    if (!array.problem.empty())
        throw error::ReadError(
            AffectedObject::Dataset, Reason::UnexpectedContent, backendName(),
            "cannot open dataset " + hierarchy.describe(path) + ": " + array.problem);
    if (array.shape.empty())
        throw error::ReadError(AffectedObject::Dataset, Reason::UnexpectedContent,
                               backendName(),
                               "cannot open dataset " + hierarchy.describe(path) +
                                   ": it has rank 0, expected at least one dimension");
    *p.dtype = array.dtype;
    *p.extent = array.shape;
    bind(node, parent.file, path);
}

void ZarrIOHandlerImpl::deleteDataset(Writable* node,
                                      Parameter<Operation::DELETE_DATASET> const& p)
{
    auto const position = positionOf(node);
    auto& hierarchy = hierarchyOf(node);
    checkName(p.name, "a dataset below " + describe(node));
    auto const path = zarr::childPath(position.path, p.name);
    requireWriteAccess(AffectedObject::Dataset,
                       "delete dataset " + hierarchy.describe(path));
    auto const* found = hierarchy.find(path);
    if (found == nullptr || !found->isArray())
        throw error::ReadError(AffectedObject::Dataset, Reason::NotFound, backendName(),
                               "cannot delete dataset " + hierarchy.describe(path) +
                                   ": there is no such dataset");
    hierarchy.remove(path);
}

void ZarrIOHandlerImpl::writeDataset(Writable* node,
                                     Parameter<Operation::WRITE_DATASET> const& p)
{
    auto& array = arrayOf(node);
    requireWriteAccess(AffectedObject::Dataset, "write to dataset " + describe(node));
    if (!compatible(p.dtype, array.dtype))
        throw error::WrongAPIUsage("Zarr backend: cannot write " +
                                   datatypeToString(p.dtype) + " data into dataset " +
                                   describe(node) + " of type " +
                                   datatypeToString(array.dtype));
    if (auto problem = selectionProblem(p.offset, p.extent, array.shape);
        !problem.empty())
        throw error::WrongAPIUsage("Zarr backend: cannot write to dataset " +
                                   describe(node) + ": " + problem);
    auto& hierarchy = hierarchyOf(node);
    auto const& path = positionOf(node).path;
    zarr::writeRegion(array, hierarchy.store(), path, p.offset, p.extent, p.data.get());
    hierarchy.markChunks(path);
}

void ZarrIOHandlerImpl::readDataset(Writable* node,
                                    Parameter<Operation::READ_DATASET> const& p)
{
    auto& array = arrayOf(node);
    if (!compatible(p.dtype, array.dtype))
        throw error::WrongAPIUsage("Zarr backend: cannot read dataset " + describe(node) +
                                   " of type " + datatypeToString(array.dtype) + " as " +
                                   datatypeToString(p.dtype));
    if (auto problem = selectionProblem(p.offset, p.extent, array.shape);
        !problem.empty())
        throw error::WrongAPIUsage("Zarr backend: cannot read from dataset " +
                                   describe(node) + ": " + problem);
    zarr::readRegion(array, hierarchyOf(node).store(), positionOf(node).path, p.offset,
                     p.extent, p.data.get());
}

void ZarrIOHandlerImpl::listDatasets(Writable* node,
                                     Parameter<Operation::LIST_DATASETS> const& p)
{
    p.datasets->clear();
    for (auto const& [name, child] : groupOf(node).children)
        if (child->isArray())
            p.datasets->push_back(name);
}

void ZarrIOHandlerImpl::availableChunks(Writable* node,
                                        Parameter<Operation::AVAILABLE_CHUNKS> const& p)
{
    auto& array = arrayOf(node);
    p.chunks->clear();
    for (auto const& index :
         zarr::existingChunks(array, hierarchyOf(node).store(), positionOf(node).path))
    {
        Offset offset(index.size());
        Extent extent(index.size());
        for (std::size_t d = 0; d < index.size(); ++d)
        {
            offset[d] = index[d] * array.chunks[d];
            extent[d] = std::min(array.chunks[d], array.shape[d] - offset[d]);
        }
        p.chunks->emplace_back(std::move(offset), std::move(extent));
    }
}
} // namespace openPMD
