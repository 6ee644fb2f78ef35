// The dataset operations of HDF5IOHandlerImpl.
#include "IO/HDF5/HDF5IOHandlerImpl.hpp"
#include "IO/HDF5/HDF5Links.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/ChunkSelection.hpp"
#include "openPMD/backend/Writable.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <utility>

namespace openPMD
{
using hdf5::checkId;
using hdf5::checkStatus;
using hdf5::Handle;
using hdf5::Node;
using hdf5::Site;

namespace
{
bool isDatasetType(Datatype dt)
{
    return !isVector(dt) && dt != Datatype::STRING && dt != Datatype::BOOL &&
           dt != Datatype::ARR_DBL_7 && dt != Datatype::UNDEFINED;
}

std::vector<hsize_t> dimensionsOf(hid_t space, Site const& site)
{
    int const rank =
        checkStatus(H5Sget_simple_extent_ndims(space), site, "cannot get the rank of");
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    checkStatus(H5Sget_simple_extent_dims(space, dims.data(), nullptr), site,
                "cannot get the extent of");
    return dims;
}

Handle makeDataspace(Extent const& extent, bool resizable, Site const& site)
{
    if (extent.empty())
    {
        return Handle(
            checkId(H5Screate(H5S_SCALAR), site, "cannot create a dataspace for"));
    }
    std::vector<hsize_t> const dims(extent.begin(), extent.end());
    std::vector<hsize_t> const maxDims(dims.size(),
                                       resizable ? H5S_UNLIMITED : hsize_t(0));
    return Handle(checkId(H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                           resizable ? maxDims.data() : nullptr),
                          site, "cannot create a dataspace for"));
}

Node& requireDataset(Node& node, Operation operation)
{
    if (node.kind != Node::Kind::Dataset)
    {
        throw error::WrongAPIUsage(
            fmt::format("HDF5: {} on '{}' in file '{}', which is a group, not a dataset",
                        operationToString(operation), node.path, node.file->name));
    }
    return node;
}

void requireSameType(Node const& node, Datatype requested, Operation operation)
{
    if (!isSame(node.dtype, requested))
    {
        throw error::WrongAPIUsage(fmt::format(
            "HDF5: {} of dataset '{}' in file '{}' with a buffer of type {}, but the "
            "dataset holds {}",
            operationToString(operation), node.path, node.file->name,
            datatypeToString(requested), datatypeToString(node.dtype)));
    }
}

hsize_t elementCount(Extent const& extent)
{
    hsize_t count = 1;
    for (auto e : extent)
    {
        count *= e;
    }
    return count;
}
} // namespace

Handle HDF5IOHandlerImpl::createDatasetChecked(Writable* parent, hid_t location,
                                               std::vector<std::string> const& segments,
                                               std::string const& path, hid_t type,
                                               hid_t space, hid_t creation,
                                               Site const& site)
{
    std::string const relative = hdf5::joinSegments(segments);
    if (hdf5::linkExists(location, segments, site))
    {
        if (hdf5::objectTypeAt(location, relative) != H5O_TYPE_DATASET)
        {
            hdf5::raise(site, error::Reason::Other, "cannot create dataset",
                        "another kind of object (e.g. a group) exists there");
        }
        // Defining a dataset again replaces it (as openPMD-api does in APPEND mode).
        m_nodes.forgetBelow(parent, path);
        checkStatus(H5Ldelete(location, relative.c_str(), H5P_DEFAULT), site,
                    "cannot replace the existing dataset");
    }
    Handle const linkList(
        checkId(H5Pcreate(H5P_LINK_CREATE), site, "cannot create a property list for"));
    checkStatus(H5Pset_create_intermediate_group(linkList.get(), 1), site,
                "cannot set up the creation of");
    return Handle(checkId(H5Dcreate2(location, relative.c_str(), type, space,
                                     linkList.get(), creation, H5P_DEFAULT),
                          site, "cannot create dataset"));
}

void HDF5IOHandlerImpl::createDataset(
    Writable* writable, Parameter<Operation::CREATE_DATASET> const& parameters)
{
    Node& parent = parentOf(writable, Operation::CREATE_DATASET);
    auto const segments = hdf5::splitPath(parameters.name);
    std::string const relative = hdf5::joinSegments(segments);
    std::string const path = hdf5::appendPath(parent.path, relative);
    requireWriteAccess(
        Operation::CREATE_DATASET, [&]
        { return fmt::format("dataset '{}' in file '{}'", path, parent.file->name); });
    Site const site{parent.file->name, path, error::AffectedObject::Dataset, false};
    if (relative.empty())
    {
        throw error::WrongAPIUsage(
            fmt::format("HDF5: CREATE_DATASET needs a name below '{}' in file '{}'",
                        parent.path, parent.file->name));
    }
    if (!isDatasetType(parameters.dtype))
    {
        throw error::WrongAPIUsage(fmt::format("HDF5: dataset '{}' in file '{}' cannot "
                                               "have type {}: datasets hold one of the "
                                               "17 numeric types",
                                               path, parent.file->name,
                                               datatypeToString(parameters.dtype)));
    }
    auto const request = hdf5::DatasetRequest::parse(parameters.options, path);
    auto const layout = hdf5::DatasetLayout::plan(
        m_datasetDefaults.overlaidWith(request.config), request.resizable,
        parameters.extent, toBytes(parameters.dtype), path);

    hid_t const location = objectOf(parent);
    Handle const space = makeDataspace(parameters.extent, layout.resizable, site);
    Handle const creationList = layout.makeCreationList(site);
    hid_t const type = m_types.elementType(parameters.dtype);
    hid_t const creation = creationList ? creationList.get() : H5P_DEFAULT;
    Handle dataset;
    if (parent.created && segments.size() == 1)
    {
        // Nothing can be in the way below a group this handler created.
        dataset = Handle(
            hdf5::attemptId(H5Dcreate2(location, relative.c_str(), type, space.get(),
                                       H5P_DEFAULT, creation, H5P_DEFAULT)));
    }
    if (!dataset)
    {
        dataset = createDatasetChecked(writable->parent, location, segments, path, type,
                                       space.get(), creation, site);
    }
    Node& node = m_nodes.add(writable, *parent.file, path, Node::Kind::Dataset,
                             writable->parent, std::move(dataset));
    node.created = true;
    node.dtype = parameters.dtype;
    node.extent.assign(parameters.extent.begin(), parameters.extent.end());
}

void HDF5IOHandlerImpl::extendDataset(
    Writable* writable, Parameter<Operation::EXTEND_DATASET> const& parameters)
{
    Node& node = requireDataset(nodeOf(writable, Operation::EXTEND_DATASET),
                                Operation::EXTEND_DATASET);
    requireWriteAccess(
        Operation::EXTEND_DATASET, [&]
        { return fmt::format("dataset '{}' in file '{}'", node.path, node.file->name); });
    Site const site = siteOf(node, error::AffectedObject::Dataset, false);
    hid_t const dataset = objectOf(node);
    Handle const space(checkId(H5Dget_space(dataset), site, "cannot get the extent of"));
    auto const dims = dimensionsOf(space.get(), site);
    std::vector<hsize_t> maxDims(dims.size());
    checkStatus(H5Sget_simple_extent_dims(space.get(), nullptr, maxDims.data()), site,
                "cannot get the maximum extent of");
    auto const fail = [&](std::string const& why)
    {
        throw error::WrongAPIUsage(
            fmt::format("HDF5: cannot extend dataset '{}' in file '{}' from {} to {}: {}",
                        node.path, node.file->name, dims, parameters.extent, why));
    };
    if (parameters.extent.size() != dims.size())
    {
        fail("the rank differs");
    }
    for (size_t d = 0; d < dims.size(); ++d)
    {
        if (parameters.extent[d] < dims[d])
        {
            fail("datasets do not shrink");
        }
        if (maxDims[d] != H5S_UNLIMITED && parameters.extent[d] > maxDims[d])
        {
            fail("it was created with a fixed size; create it with {\"resizable\": true} "
                 "in its Dataset options to make it extensible");
        }
    }
    std::vector<hsize_t> const newDims(parameters.extent.begin(),
                                       parameters.extent.end());
    if (newDims != dims)
    {
        checkStatus(H5Dset_extent(dataset, newDims.data()), site, "cannot extend");
        node.fileSpace.reset();
    }
    node.extent = newDims;
}

void HDF5IOHandlerImpl::openDataset(Writable* writable,
                                    Parameter<Operation::OPEN_DATASET> const& parameters)
{
    Node& parent = parentOf(writable, Operation::OPEN_DATASET);
    auto const segments = hdf5::splitPath(parameters.name);
    std::string const relative = hdf5::joinSegments(segments);
    std::string const path = hdf5::appendPath(parent.path, relative);
    Site const site{parent.file->name, path, error::AffectedObject::Dataset, true};
    hid_t const location = objectOf(parent);
    Handle dataset;
    if (!relative.empty())
    {
        dataset = tryOpenMember(parent, relative, H5I_DATASET);
    }
    if (!dataset)
    {
        // Missing, or not a dataset: find out which, for the message.
        if (relative.empty() || !hdf5::linkExists(location, segments, site))
        {
            hdf5::raise(site, error::Reason::NotFound, "no dataset", std::string_view{});
        }
        if (hdf5::objectTypeAt(location, relative) != H5O_TYPE_DATASET)
        {
            hdf5::raise(site, error::Reason::UnexpectedContent, "cannot open dataset",
                        "it is not a dataset");
        }
        dataset = Handle(checkId(H5Dopen2(location, relative.c_str(), H5P_DEFAULT), site,
                                 "cannot open dataset"));
    }
    Handle const type(
        checkId(H5Dget_type(dataset.get()), site, "cannot get the type of"));
    std::string whyNot;
    Datatype const dtype = hdf5::classifyElement(type.get(), whyNot);
    if (!isDatasetType(dtype))
    {
        hdf5::raise(site, error::Reason::UnexpectedContent, "cannot open dataset",
                    fmt::format("unsupported datatype: {}",
                                whyNot.empty()
                                    ? datatypeToString(dtype) + " (datasets hold numbers)"
                                    : whyNot));
    }
    Handle const space(
        checkId(H5Dget_space(dataset.get()), site, "cannot get the extent of"));
    auto const dims = dimensionsOf(space.get(), site);
    Node& node = m_nodes.add(writable, *parent.file, path, Node::Kind::Dataset,
                             writable->parent, std::move(dataset));
    node.dtype = dtype;
    node.extent = dims;
    *parameters.dtype = dtype;
    *parameters.extent = Extent(dims.begin(), dims.end());
}

void HDF5IOHandlerImpl::deleteDataset(
    Writable* writable, Parameter<Operation::DELETE_DATASET> const& parameters)
{
    deleteLink(writable, parameters.name, true);
}

void HDF5IOHandlerImpl::checkTransfer(Node& node, Offset const& offset,
                                      Extent const& extent, Datatype dtype, bool reading)
{
    Operation const operation =
        reading ? Operation::READ_DATASET : Operation::WRITE_DATASET;
    requireSameType(node, dtype, operation);
    if (!node.fileSpace)
    {
        Site const site = siteOf(node, error::AffectedObject::Dataset, reading);
        node.fileSpace = Handle(
            checkId(H5Dget_space(objectOf(node)), site, "cannot get the extent of"));
        node.extent = dimensionsOf(node.fileSpace.get(), site);
    }
    auto const& dims = node.extent;
    if (auto const problem =
            selectionProblem(offset, extent, Extent(dims.begin(), dims.end()));
        !problem.empty())
    {
        throw error::WrongAPIUsage(fmt::format(
            "HDF5: {} of dataset '{}' in file '{}': {}", operationToString(operation),
            node.path, node.file->name, problem));
    }
}

hid_t HDF5IOHandlerImpl::fileSpaceFor(Node& node, Offset const& offset,
                                      Extent const& extent, Datatype dtype, bool reading)
{
    checkTransfer(node, offset, extent, dtype, reading);
    if (!node.extent.empty())
    {
        // On the stack: this runs once per chunk. The rank was checked.
        hsize_t start[H5S_MAX_RANK];
        hsize_t count[H5S_MAX_RANK];
        std::copy(offset.begin(), offset.end(), start);
        std::copy(extent.begin(), extent.end(), count);
        checkStatus(H5Sselect_hyperslab(node.fileSpace.get(), H5S_SELECT_SET, start,
                                        nullptr, count, nullptr),
                    siteOf(node, error::AffectedObject::Dataset, reading),
                    "cannot select a region of");
    }
    return node.fileSpace.get();
}

hid_t HDF5IOHandlerImpl::cachedMemorySpace(Node& node, Extent const& extent,
                                           Site const& site)
{
    if (!node.memorySpace ||
        !std::equal(extent.begin(), extent.end(), node.memoryShape.begin(),
                    node.memoryShape.end()))
    {
        node.memorySpace = makeDataspace(extent, false, site);
        node.memoryShape.assign(extent.begin(), extent.end());
    }
    return node.memorySpace.get();
}

void HDF5IOHandlerImpl::writeDataset(
    Writable* writable, Parameter<Operation::WRITE_DATASET> const& parameters)
{
    Node& node = requireDataset(nodeOf(writable, Operation::WRITE_DATASET),
                                Operation::WRITE_DATASET);
    requireWriteAccess(
        Operation::WRITE_DATASET, [&]
        { return fmt::format("dataset '{}' in file '{}'", node.path, node.file->name); });
    checkTransfer(node, parameters.offset, parameters.extent, parameters.dtype, false);
    if (elementCount(parameters.extent) == 0)
    {
        return;
    }
    if (!parameters.data)
    {
        throw error::WrongAPIUsage(
            fmt::format("HDF5: WRITE_DATASET of '{}' in file '{}' without data",
                        node.path, node.file->name));
    }
    auto const bytes =
        static_cast<size_t>(elementCount(parameters.extent)) * toBytes(parameters.dtype);
    auto& pending = m_pendingWrite;
    if (pending.continuedBy(writable, parameters.dtype, parameters.offset,
                            parameters.extent, parameters.data.get(), node.extent))
    {
        pending.extent[0] += parameters.extent[0];
        pending.bytes += bytes;
        pending.owners.push_back(parameters.data);
        return;
    }
    settlePendingWrite();
    pending.writable = writable;
    pending.dtype = parameters.dtype;
    pending.offset = parameters.offset;
    pending.extent = parameters.extent;
    pending.begin = static_cast<char const*>(parameters.data.get());
    pending.bytes = bytes;
    pending.owners.push_back(parameters.data);
}

void HDF5IOHandlerImpl::settlePendingWrite()
{
    if (m_pendingWrite.empty())
    {
        return;
    }
    // Taken out first: a failed write is reported once, not again by the next task.
    hdf5::PendingWrite const write = std::exchange(m_pendingWrite, {});
    Node* node = m_nodes.find(write.writable);
    if (node == nullptr)
    {
        throw error::Internal("HDF5: a held-back write lost its dataset node");
    }
    Site const site = siteOf(*node, error::AffectedObject::Dataset, false);
    hid_t const fileSpace =
        fileSpaceFor(*node, write.offset, write.extent, write.dtype, false);
    hid_t const memorySpace = cachedMemorySpace(*node, write.extent, site);
    checkStatus(H5Dwrite(objectOf(*node), m_types.elementType(write.dtype), memorySpace,
                         fileSpace, transferList(), write.begin),
                site, "cannot write to dataset");
}

void HDF5IOHandlerImpl::readDataset(Writable* writable,
                                    Parameter<Operation::READ_DATASET> const& parameters)
{
    Node& node = requireDataset(nodeOf(writable, Operation::READ_DATASET),
                                Operation::READ_DATASET);
    hid_t const fileSpace =
        fileSpaceFor(node, parameters.offset, parameters.extent, parameters.dtype, true);
    if (elementCount(parameters.extent) == 0)
    {
        return;
    }
    Site const site = siteOf(node, error::AffectedObject::Dataset, true);
    if (!parameters.data)
    {
        throw error::WrongAPIUsage(
            fmt::format("HDF5: READ_DATASET of '{}' in file '{}' without a buffer",
                        node.path, node.file->name));
    }
    hid_t const memorySpace = cachedMemorySpace(node, parameters.extent, site);
    checkStatus(H5Dread(objectOf(node), m_types.elementType(parameters.dtype),
                        memorySpace, fileSpace, transferList(), parameters.data.get()),
                site, "cannot read from dataset");
}

void HDF5IOHandlerImpl::listDatasets(
    Writable* writable, Parameter<Operation::LIST_DATASETS> const& parameters)
{
    *parameters.datasets = membersOf(nodeOf(writable, Operation::LIST_DATASETS), false);
}

void HDF5IOHandlerImpl::availableChunks(
    Writable* writable, Parameter<Operation::AVAILABLE_CHUNKS> const& parameters)
{
    Node& node = requireDataset(nodeOf(writable, Operation::AVAILABLE_CHUNKS),
                                Operation::AVAILABLE_CHUNKS);
    Site const site = siteOf(node, error::AffectedObject::Dataset, true);
    hid_t const dataset = objectOf(node);
    Handle const space(checkId(H5Dget_space(dataset), site, "cannot get the extent of"));
    auto const dims = dimensionsOf(space.get(), site);
    Handle const creationList(
        checkId(H5Dget_create_plist(dataset), site, "cannot get the layout of"));
    ChunkTable& table = *parameters.chunks;
    table.clear();
#if H5_VERSION_GE(1, 10, 5)
    H5D_layout_t const layout = H5Pget_layout(creationList.get());
    if (layout == H5D_LAYOUT_ERROR)
    {
        hdf5::raiseFromStack(site, "cannot get the layout of");
    }
    if (layout == H5D_CHUNKED)
    {
        std::vector<hsize_t> chunk(dims.size());
        checkStatus(H5Pget_chunk(creationList.get(), static_cast<int>(chunk.size()),
                                 chunk.data()),
                    site, "cannot get the chunk sizes of");
        hsize_t count = 0;
        checkStatus(H5Dget_num_chunks(dataset, space.get(), &count), site,
                    "cannot count the chunks of");
        std::vector<hsize_t> start(dims.size());
        for (hsize_t i = 0; i < count; ++i)
        {
            unsigned filterMask = 0;
            haddr_t address = 0;
            hsize_t size = 0;
            checkStatus(H5Dget_chunk_info(dataset, space.get(), i, start.data(),
                                          &filterMask, &address, &size),
                        site, "cannot get chunk information of");
            Offset offset(start.begin(), start.end());
            Extent extent(dims.size());
            bool inside = true;
            for (size_t d = 0; d < dims.size(); ++d)
            {
                inside = inside && start[d] < dims[d];
                extent[d] = inside ? std::min(chunk[d], dims[d] - start[d]) : 0;
            }
            if (inside)
            {
                table.emplace_back(std::move(offset), std::move(extent));
            }
        }
        return;
    }
#endif
    // Contiguous (or compact) storage: the dataset is one chunk.
    table.emplace_back(Offset(dims.size(), 0), Extent(dims.begin(), dims.end()));
}
} // namespace openPMD
