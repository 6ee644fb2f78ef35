// The JSON backend: datasets.

#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/JSONIOHandlerImpl.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/IO/ChunkSelection.hpp"
#include "openPMD/backend/Writable.hpp"

#include <new>
#include <optional>
#include <set>

namespace openPMD
{
using namespace jsonio;

namespace
{
std::vector<std::string> joined(std::vector<std::string> base,
                                std::vector<std::string> const& more)
{
    base.insert(base.end(), more.begin(), more.end());
    return base;
}

bool isEmpty(Extent const& extent)
{
    for (auto const n : extent)
    {
        if (n == 0)
        {
            return true;
        }
    }
    return false;
}
} // namespace

JSONIOHandlerImpl::Located JSONIOHandlerImpl::resolveDataset(Writable* node) const
{
    Located const here = resolve(node);
    if (!here.node.isDataset())
    {
        throwUsageError(here.file.path(), jsonPointer(here.path),
                        "expected a dataset, found a group");
    }
    if (!here.node.dataset)
    {
        throw error::ReadError(error::AffectedObject::Dataset,
                               error::Reason::UnexpectedContent, backendName(),
                               here.node.problem);
    }
    return here;
}

void JSONIOHandlerImpl::checkDatasetOptions(std::string const& options,
                                            std::string const& file,
                                            std::string const& jsonPath) const
{
    if (options.find_first_not_of(" \t\r\n{}") == std::string::npos)
    {
        return;
    }
    nlohmann::json parsed;
    try
    {
        parsed = auxiliary::parseOptions(options);
    }
    catch (error::BackendConfigSchema const& e)
    {
        throw error::BackendConfigSchema(
            e.errorLocation,
            locate(file, jsonPath, std::string("dataset options: ") + e.what()));
    }
    // Other backends' sections belong to them; "resizable" is always true here.
    std::set<std::string> known = {"resizable"};
    for (auto const& row : BackendRegistry::rows())
    {
        if (!row.configKey.empty())
        {
            known.insert(row.configKey);
        }
    }
    auxiliary::reportUnknownKeys(parsed, known, "dataset options of " + jsonPath);
    if (auto resizable = parsed.find("resizable");
        resizable != parsed.end() && !resizable->is_boolean())
    {
        throw error::BackendConfigSchema(
            {"resizable"},
            locate(file, jsonPath, "expected true or false, got " + resizable->dump()));
    }
    if (auto own = parsed.find("json"); own != parsed.end())
    {
        if (!own->is_object())
        {
            throw error::BackendConfigSchema(
                {"json"},
                locate(file, jsonPath, "expected an object, got " + own->dump()));
        }
        // The JSON backend has no dataset options yet.
        auxiliary::reportUnknownKeys(*own, {},
                                     "json (dataset options of " + jsonPath + ")");
    }
}

void JSONIOHandlerImpl::checkNewDataset(
    Parameter<Operation::CREATE_DATASET> const& parameters, std::string const& file,
    std::string const& where) const
{
    if (!DatasetBuffer::isDatasetType(parameters.dtype))
    {
        throwUsageError(file, where,
                        "a dataset cannot have the datatype " +
                            datatypeToString(parameters.dtype) +
                            " (expected one of the 17 number types, e.g. DOUBLE)");
    }
    if (parameters.extent.empty())
    {
        throw error::OperationUnsupportedInBackend(
            backendName(),
            locate(file, where, "datasets of rank 0 cannot be stored in JSON"));
    }
    for (auto const n : parameters.extent)
    {
        if (n == Dataset::JOINED_DIMENSION)
        {
            throw error::OperationUnsupportedInBackend(
                backendName(),
                locate(file, where, "joined dimensions are not supported by JSON"));
        }
    }
    if (!DatasetBuffer::countElements(parameters.extent,
                                      DatasetBuffer::elementSizeOf(parameters.dtype)))
    {
        throwUsageError(file, where,
                        "the extent " + extentToString(parameters.extent) +
                            " is too large");
    }
    checkDatasetOptions(parameters.options, file, where);
}

void JSONIOHandlerImpl::createDataset(
    Writable* node, Parameter<Operation::CREATE_DATASET> const& parameters)
{
    auto& base = positionOf(node->parent, "the parent of the dataset");
    Path segments = splitPath(parameters.name);
    auto const& filePath = base.file->path();
    std::string const where = jsonPointer(joined(base.path, segments));
    requireWriteAccess(filePath, where);
    if (segments.empty())
    {
        throwUsageError(filePath, where, "CREATE_DATASET needs a name");
    }
    checkNewDataset(parameters, filePath, where);

    Located const start = resolve(base);
    std::string const name = segments.back();
    segments.pop_back();
    Path path = start.path;
    JSONNode& group = ensureGroups(start, segments, path);
    path.push_back(name);
    checkName(path, filePath);
    if (auto const existing = group.children.find(name);
        existing != group.children.end() && existing->second->isGroup())
    {
        throwUsageError(filePath, where,
                        "cannot create a dataset: a group of this name exists");
    }
    // An existing dataset is replaced, as HDF5 does in APPEND mode.
    auto dataset = std::make_unique<JSONNode>(JSONNode::Kind::Dataset);
    dataset->dataset =
        std::make_unique<DatasetBuffer>(parameters.dtype, parameters.extent);
    start.file.markChanged(group.adopt(name, std::move(dataset)));
    setPosition(node, base.file, std::move(path));
}

void JSONIOHandlerImpl::extendDataset(
    Writable* node, Parameter<Operation::EXTEND_DATASET> const& parameters)
{
    Located const here = resolveDataset(node);
    std::string const where = jsonPointer(here.path);
    requireWriteAccess(here.file.path(), where);
    auto& buffer = *here.node.dataset;
    Extent const& old = buffer.extent();
    if (parameters.extent.size() != old.size())
    {
        throwUsageError(here.file.path(), where,
                        "cannot extend the dataset from " + extentToString(old) + " to " +
                            extentToString(parameters.extent) +
                            ": the rank must stay the same");
    }
    for (size_t d = 0; d < old.size(); ++d)
    {
        if (parameters.extent[d] < old[d])
        {
            throwUsageError(here.file.path(), where,
                            "cannot extend the dataset from " + extentToString(old) +
                                " to " + extentToString(parameters.extent) +
                                ": dimension " + std::to_string(d) + " would shrink");
        }
    }
    if (parameters.extent == old)
    {
        return;
    }
    if (!DatasetBuffer::countElements(parameters.extent, buffer.elementSize()))
    {
        throwUsageError(here.file.path(), where,
                        "the extent " + extentToString(parameters.extent) +
                            " is too large");
    }
    try
    {
        buffer.grow(parameters.extent);
    }
    catch (std::bad_alloc const&)
    {
        throwWriteError(error::AffectedObject::Dataset, here.file.path(), where,
                        "out of memory while extending");
    }
    here.file.markChanged(here.node);
}

void JSONIOHandlerImpl::openDataset(Writable* node,
                                    Parameter<Operation::OPEN_DATASET> const& parameters)
{
    auto& base = positionOf(node->parent, "the parent of the dataset");
    Located const start = resolve(base);
    Path path = joined(start.path, splitPath(parameters.name));
    JSONNode* found = descend(start.file, start.node, splitPath(parameters.name));
    if (found == nullptr)
    {
        throwReadError(error::AffectedObject::Dataset, error::Reason::NotFound,
                       start.file.path(), jsonPointer(path), "no such dataset");
    }
    if (!found->isDataset())
    {
        if (found->kind == JSONNode::Kind::Verbatim)
        {
            throw error::ReadError(error::AffectedObject::Dataset,
                                   error::Reason::UnexpectedContent, backendName(),
                                   found->problem);
        }
        throwReadError(error::AffectedObject::Dataset, error::Reason::UnexpectedContent,
                       start.file.path(), jsonPointer(path),
                       "expected a dataset, found a group");
    }
    if (!found->dataset)
    {
        throw error::ReadError(error::AffectedObject::Dataset,
                               error::Reason::UnexpectedContent, backendName(),
                               found->problem);
    }
    *parameters.dtype = found->dataset->datatype();
    *parameters.extent = found->dataset->extent();
    setPosition(node, base.file, std::move(path));
}

void JSONIOHandlerImpl::deleteDataset(
    Writable* node, Parameter<Operation::DELETE_DATASET> const& parameters)
{
    Located const here = resolve(node);
    Path segments = splitPath(parameters.name);
    auto const target = jsonPointer(joined(here.path, segments));
    requireWriteAccess(here.file.path(), target);
    if (segments.empty())
    {
        throwUsageError(here.file.path(), target, "DELETE_DATASET needs a name");
    }
    std::string const last = segments.back();
    segments.pop_back();
    JSONNode* parent = descend(here.file, here.node, segments);
    if (parent == nullptr || parent->children.count(last) == 0)
    {
        throwReadError(error::AffectedObject::Dataset, error::Reason::NotFound,
                       here.file.path(), target, "cannot delete: no such dataset");
    }
    auto const found = parent->children.find(last);
    if (!found->second->isDataset())
    {
        throwUsageError(here.file.path(), target,
                        "DELETE_DATASET expected a dataset, found a group");
    }
    parent->children.erase(found);
    here.file.markChanged(*parent);
}

bool JSONIOHandlerImpl::needsTransfer(Located const& here, Offset const& offset,
                                      Extent const& extent, bool hasBuffer,
                                      char const* missingBuffer) const
{
    auto const& buffer = *here.node.dataset;
    if (auto const why = selectionProblem(offset, extent, buffer.extent()); !why.empty())
    {
        throwUsageError(here.file.path(), jsonPointer(here.path), why);
    }
    if (isEmpty(extent))
    {
        return false;
    }
    if (!hasBuffer)
    {
        throwUsageError(here.file.path(), jsonPointer(here.path), missingBuffer);
    }
    return true;
}

JSONIOHandlerImpl::Located
JSONIOHandlerImpl::resolveDatasetToWrite(Writable* node, Datatype dtype,
                                         char const* before, char const* after) const
{
    Located here = resolveDataset(node);
    requireWriteAccess(here.file.path(), here.path);
    auto const stored = here.node.dataset->datatype();
    if (dtype != stored)
    {
        throwUsageError(here.file.path(), jsonPointer(here.path),
                        std::string("type mismatch: cannot ") + before +
                            datatypeToString(dtype) + after + " into a dataset of type " +
                            datatypeToString(stored));
    }
    return here;
}

void JSONIOHandlerImpl::writeDataset(
    Writable* node, Parameter<Operation::WRITE_DATASET> const& parameters)
{
    Located const here = resolveDatasetToWrite(node, parameters.dtype, "write ", " data");
    // Built only for messages: this runs once per chunk.
    auto const where = [&here] { return jsonPointer(here.path); };
    auto& buffer = *here.node.dataset;
    if (!needsTransfer(here, parameters.offset, parameters.extent,
                       parameters.data != nullptr,
                       "WRITE_DATASET without data (null buffer)"))
    {
        return;
    }
    try
    {
        buffer.write(parameters.offset, parameters.extent, parameters.data.get());
    }
    catch (std::bad_alloc const&)
    {
        throwWriteError(error::AffectedObject::Dataset, here.file.path(), where(),
                        "out of memory while allocating the dataset of extent " +
                            extentToString(buffer.extent()));
    }
    here.file.markChanged(here.node);
}

void JSONIOHandlerImpl::readDataset(Writable* node,
                                    Parameter<Operation::READ_DATASET> const& parameters)
{
    Located const here = resolveDataset(node);
    // Built only for messages: this runs once per chunk.
    auto const where = [&here] { return jsonPointer(here.path); };
    auto const& buffer = *here.node.dataset;
    if (!isSame(parameters.dtype, buffer.datatype()))
    {
        throwUsageError(here.file.path(), where(),
                        "type mismatch: cannot read a dataset of type " +
                            datatypeToString(buffer.datatype()) + " as " +
                            datatypeToString(parameters.dtype));
    }
    if (!needsTransfer(here, parameters.offset, parameters.extent,
                       parameters.data != nullptr,
                       "READ_DATASET without a buffer to read into"))
    {
        return;
    }
    buffer.read(parameters.offset, parameters.extent, parameters.data.get());
}

namespace
{
/**
 * The flat index where the selection starts if it is one contiguous run of
 * the row-major buffer (whole trailing dimensions after single rows), else
 * nothing.
 */
std::optional<size_t> contiguousStart(Extent const& dataset, Offset const& offset,
                                      Extent const& extent)
{
    size_t const rank = dataset.size();
    // The first dimension that is not a single row: everything after it whole.
    size_t split = 0;
    while (split + 1 < rank && extent[split] == 1)
    {
        ++split;
    }
    for (size_t d = split + 1; d < rank; ++d)
    {
        if (offset[d] != 0 || extent[d] != dataset[d])
        {
            return std::nullopt;
        }
    }
    size_t start = 0;
    for (size_t d = 0; d < rank; ++d)
    {
        start = start * dataset[d] + offset[d];
    }
    return start;
}
} // namespace

void JSONIOHandlerImpl::getBufferView(
    Writable* node, Parameter<Operation::GET_BUFFER_VIEW> const& parameters)
{
    parameters.out->backendManagedBuffer = false;
    if (!m_offersBufferViews)
    {
        return;
    }
    Located const here =
        resolveDatasetToWrite(node, parameters.dtype, "give a view of ", "");
    auto const where = [&here] { return jsonPointer(here.path); };
    auto& buffer = *here.node.dataset;
    if (!needsTransfer(here, parameters.offset, parameters.extent, true, ""))
    {
        return; // nothing to fill: the frontend's fallback costs nothing
    }
    auto const start =
        contiguousStart(buffer.extent(), parameters.offset, parameters.extent);
    if (!start)
    {
        return; // not one run of the buffer: the frontend falls back
    }
    size_t count = 1;
    for (auto const n : parameters.extent)
    {
        count *= n;
    }
    try
    {
        parameters.out->ptr = buffer.mutableElement(*start);
    }
    catch (std::bad_alloc const&)
    {
        throwWriteError(error::AffectedObject::Dataset, here.file.path(), where(),
                        "out of memory while allocating the dataset of extent " +
                            extentToString(buffer.extent()));
    }
    // The caller fills the view before the next flush point, where it asks
    // again (update): both times the region counts as written and the file
    // as changed, so the end of that flush writes what was filled in.
    for (size_t i = *start; i < *start + count; ++i)
    {
        buffer.markWritten(i);
    }
    here.file.markChanged(here.node);
    parameters.out->backendManagedBuffer = true;
    parameters.out->viewIndex = 0;
}

void JSONIOHandlerImpl::listDatasets(
    Writable* node, Parameter<Operation::LIST_DATASETS> const& parameters)
{
    Located const here = resolve(node);
    parameters.datasets->clear();
    for (auto const& [name, child] : here.node.children)
    {
        if (child->isDataset())
        {
            parameters.datasets->push_back(name);
        }
    }
}

void JSONIOHandlerImpl::availableChunks(
    Writable* node, Parameter<Operation::AVAILABLE_CHUNKS> const& parameters)
{
    Located const here = resolveDataset(node);
    *parameters.chunks = here.node.dataset->writtenChunks();
}
} // namespace openPMD
