#include "openPMD/RecordComponent.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/Series.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <limits>
#include <optional>
#include <unistd.h>

namespace openPMD
{
namespace
{
bool isRestOfDataset(Extent const& extent)
{
    return extent.size() == 1 &&
           (extent[0] == std::numeric_limits<std::uint64_t>::max() ||
            extent[0] == static_cast<std::uint64_t>(static_cast<unsigned>(-1)));
}

struct DefaultValue
{
    template <typename T>
    static Attribute call()
    {
        return Attribute(T{});
    }
};

struct MakeVariantChunk
{
    template <typename T>
    static shared_ptr_dataset_types call(RecordComponent& rc, Offset offset,
                                         Extent extent)
    {
        return rc.loadChunk<T>(std::move(offset), std::move(extent));
    }
};
} // namespace

RecordComponent::RecordComponent()
    : BaseRecordComponent(std::make_shared<internal::RecordComponentData>())
{
}

RecordComponent::RecordComponent(std::shared_ptr<internal::RecordComponentData> data)
    : BaseRecordComponent(std::move(data))
{
}

RecordComponent& RecordComponent::setUnitSI(double unitSI)
{
    setAttribute("unitSI", unitSI);
    return *this;
}

RecordComponent& RecordComponent::resetDataset(Dataset dataset)
{
    requireWritable("resetDataset");
    auto& data = rc();
    if (data.m_isRecord)
    {
        data.becomeScalar();
    }
    if (dataset.joinedDimension())
    {
        throw error::OperationUnsupportedInBackend(
            m_attri->seriesOrNull() ? m_attri->seriesOrNull()->m_handler->backendName()
                                    : "unknown",
            fmt::format("resetDataset: '{}': joined dimensions are not supported",
                        data.path()));
    }
    if (data.m_inStorage && data.m_dataset)
    {
        // Extending a written dataset, or the shape of a written constant.
        Dataset& old = *data.m_dataset;
        if (dataset.dtype != Datatype::UNDEFINED && dataset.dtype != old.dtype)
        {
            throw error::WrongAPIUsage(fmt::format(
                "resetDataset: '{}' was written as {}; it cannot change to {}",
                data.path(), datatypeToString(old.dtype),
                datatypeToString(dataset.dtype)));
        }
        old.extend(dataset.extent); // checks rank and shrinking
        if (data.m_constant)
        {
            data.setAttributeInternal("shape", old.extent);
        }
        else
        {
            data.m_extendPending = true;
        }
    }
    else
    {
        if (dataset.dtype == Datatype::UNDEFINED && data.m_dataset)
        {
            dataset.dtype = data.m_dataset->dtype;
        }
        data.m_dataset = std::move(dataset);
        if (data.m_constant)
        {
            data.setAttributeInternal("shape", data.m_dataset->extent);
        }
    }
    data.markDirty();
    return *this;
}

uint8_t RecordComponent::getDimensionality() const
{
    m_attri->ensureLoaded();
    return rc().m_dataset ? rc().m_dataset->rank : 1;
}

Extent RecordComponent::getExtent() const
{
    m_attri->ensureLoaded();
    return rc().m_dataset ? rc().m_dataset->extent : Extent{1};
}

RecordComponent& RecordComponent::makeConstantImpl(Attribute value)
{
    requireWritable("makeConstant");
    auto& data = rc();
    if (data.m_isRecord)
    {
        data.becomeScalar();
    }
    Datatype const dtype = value.dtype;
    if (data.m_inStorage)
    {
        // A written constant may take a new value of its type (only its
        // "value" attribute changes); a written dataset stays a dataset.
        if (!data.m_constant)
        {
            throw error::WrongAPIUsage(fmt::format(
                "makeConstant: '{}' was already written as a dataset", data.path()));
        }
        if (data.m_dataset && data.m_dataset->dtype != dtype)
        {
            throw error::WrongAPIUsage(fmt::format(
                "makeConstant: '{}' was written as a constant of type {}; its new "
                "value is {}",
                data.path(), datatypeToString(data.m_dataset->dtype),
                datatypeToString(dtype)));
        }
    }
    if (!data.m_dataset)
    {
        data.m_dataset = Dataset(dtype, {1});
    }
    data.m_dataset->dtype = dtype;
    data.m_constant = true;
    data.setAttributeInternal("value", std::move(value));
    if (!data.m_inStorage)
    {
        data.setAttributeInternal("shape", data.m_dataset->extent);
    }
    data.markDirty();
    return *this;
}

RecordComponent& RecordComponent::makeEmpty(Datatype dtype, uint8_t dimensions)
{
    resetDataset(Dataset(dtype, Extent(dimensions, 0)));
    // An empty component is a constant with zero extent (no dataset).
    auto& data = rc();
    data.m_constant = true;
    data.setAttributeInternal("value", switchDatasetType<DefaultValue>(dtype));
    data.setAttributeInternal("shape", data.m_dataset->extent);
    return *this;
}

bool RecordComponent::empty() const
{
    m_attri->ensureLoaded();
    return rc().m_dataset && rc().m_dataset->empty();
}

size_t RecordComponent::resolvedSize(Offset& offset, Extent& extent) const
{
    m_attri->ensureLoaded();
    auto const& data = rc();
    if (!data.m_dataset)
    {
        throw error::WrongAPIUsage(fmt::format(
            "'{}': no dataset declared; call resetDataset() first", data.path()));
    }
    Extent const& full = data.m_dataset->extent;
    if (offset.size() == 1 && offset[0] == 0 && full.size() != 1)
    {
        offset.assign(full.size(), 0); // rank 0 (a scalar dataset): no offset
    }
    if (offset.size() != full.size())
    {
        throw error::WrongAPIUsage(fmt::format(
            "'{}': chunk offset {} has rank {}, the dataset has rank {} (extent {})",
            data.path(), offset, offset.size(), full.size(), full));
    }
    if (isRestOfDataset(extent))
    {
        extent.resize(full.size());
        for (size_t i = 0; i < full.size(); ++i)
        {
            extent[i] = offset[i] <= full[i] ? full[i] - offset[i] : 0;
        }
    }
    if (extent.size() != full.size())
    {
        throw error::WrongAPIUsage(fmt::format(
            "'{}': chunk extent {} has rank {}, the dataset has rank {} (extent {})",
            data.path(), extent, extent.size(), full.size(), full));
    }
    size_t count = 1;
    for (size_t i = 0; i < full.size(); ++i)
    {
        if (offset[i] > full[i] || extent[i] > full[i] - offset[i])
        {
            throw error::WrongAPIUsage(fmt::format(
                "'{}': chunk at offset {} with extent {} is out of the dataset's "
                "bounds {} (dimension {})",
                data.path(), offset, extent, full, i));
        }
        if (extent[i] != 0 && count > std::numeric_limits<size_t>::max() / extent[i])
        {
            throw error::WrongAPIUsage(fmt::format(
                "{}: a chunk of extent {} has more elements than a size_t can count",
                data.where(), extent));
        }
        count *= extent[i];
    }
    return count;
}

size_t RecordComponent::loadBufferElements(Offset& offset, Extent& extent,
                                           size_t elementSize) const
{
    size_t const n = resolvedSize(offset, extent);
    long const pages = sysconf(_SC_PHYS_PAGES);
    long const pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && pageSize > 0 &&
        n > static_cast<size_t>(pages) / elementSize * static_cast<size_t>(pageSize))
    {
        throwLoadBufferTooLarge(n, elementSize);
    }
    return n;
}

void RecordComponent::throwLoadBufferTooLarge(size_t elements, size_t elementSize) const
{
    throw error::ReadError(
        error::AffectedObject::Dataset, error::Reason::Other, std::nullopt,
        fmt::format(
            "{}: a buffer for {} elements of {} bytes cannot be allocated (more "
            "than this machine's memory; the extent {} may be corrupt). Load it in "
            "smaller chunks into buffers of your own.",
            rc().where(), elements, elementSize, rc().m_dataset->extent));
}

size_t RecordComponent::prepareLoad(Datatype dtype, Offset& offset, Extent& extent) const
{
    size_t const n = resolvedSize(offset, extent);
    Datatype const stored = rc().m_dataset->dtype;
    if (!isSame(dtype, stored) && !(rc().m_constant && dtype == stored))
    {
        throw error::WrongAPIUsage(fmt::format(
            "loadChunk: '{}' holds {}, which cannot be loaded as {} (the types must "
            "be of the same kind and size)",
            rc().path(), datatypeToString(stored), datatypeToString(dtype)));
    }
    return n;
}

void RecordComponent::checkContainerSize(size_t have, size_t need) const
{
    if (have < need)
    {
        throw error::WrongAPIUsage(
            fmt::format("storeChunk: '{}': the container has {} elements, the chunk "
                        "needs {}",
                        rc().path(), have, need));
    }
}

size_t RecordComponent::checkStore(Datatype dtype, Offset& offset, Extent& extent)
{
    requireWritable("storeChunk");
    auto& rcData = rc();
    if (rcData.m_isRecord && !rcData.m_scalar)
    {
        throw error::WrongAPIUsage(fmt::format(
            "storeChunk: '{}' is a record with components; store into a component",
            rcData.path()));
    }
    size_t const n = resolvedSize(offset, extent);
    if (rcData.m_constant)
    {
        throw error::WrongAPIUsage(
            fmt::format("storeChunk: '{}' is a constant component", rcData.path()));
    }
    Datatype const declared = rcData.m_dataset->dtype;
    if (dtype != declared)
    {
        throw error::WrongAPIUsage(fmt::format(
            "storeChunk: '{}' was declared as {}, the data is {}", rcData.path(),
            datatypeToString(declared), datatypeToString(dtype)));
    }
    return n;
}

void RecordComponent::storeChunkImpl(std::shared_ptr<void const> data, Datatype dtype,
                                     Offset offset, Extent extent)
{
    checkStore(dtype, offset, extent);
    auto& rcData = rc();
    if (!data)
    {
        throw error::WrongAPIUsage(
            fmt::format("storeChunk: '{}': the data pointer is null", rcData.path()));
    }
    Parameter<Operation::WRITE_DATASET> write;
    write.offset = std::move(offset);
    write.extent = std::move(extent);
    write.dtype = dtype;
    write.data = std::move(data);
    rcData.m_pendingWrites.push_back(std::move(write));
    rcData.markDirty();
}

namespace
{
using BufferView = Parameter<Operation::GET_BUFFER_VIEW>;

/** A backend-owned span buffer: where it was last seen, and when. */
struct ViewState
{
    std::shared_ptr<internal::AttributableData> owner;
    BufferView request;
    void* address = nullptr;
    std::uint64_t seenAtFlush = 0;
};

std::optional<std::uint64_t> iterationIndexOf(internal::AttributableData const& node)
{
    for (auto const* n = &node; n != nullptr; n = n->m_parent)
    {
        if (auto const* iteration = dynamic_cast<internal::IterationData const*>(n))
        {
            return iteration->m_index;
        }
    }
    return std::nullopt;
}

/** Sends `request` alone in a SkeletonOnly flush; true if the backend gave a view. */
bool askForView(internal::RecordComponentData& data, BufferView& request)
{
    auto& series = data.series();
    request.out = std::make_shared<BufferView::OutParameters>(*request.out);
    series.handler().enqueue(IOTask(&data.m_writable, request));
    FlushParams skeleton;
    skeleton.flushLevel = FlushLevel::SkeletonOnly;
    series.runQueued(skeleton);
    return request.out->backendManagedBuffer;
}

/** The view's address now: asked again only if a flush ran since it was seen. */
void* currentAddress(ViewState& view)
{
    auto& data = static_cast<internal::RecordComponentData&>(*view.owner);
    auto& series = data.series();
    if (series.m_flushCount == view.seenAtFlush)
    {
        return view.address;
    }
    view.request.update = true;
    if (!askForView(data, view.request))
    {
        throw error::Internal(
            fmt::format("storeChunk (span): the backend {} withdrew the buffer of '{}'",
                        series.handler().backendName(), data.path()));
    }
    view.address = view.request.out->ptr;
    view.seenAtFlush = series.m_flushCount;
    auto const same = [&view](BufferView const& open)
    { return open.offset == view.request.offset && open.extent == view.request.extent; };
    if (std::none_of(data.m_openViews.begin(), data.m_openViews.end(), same))
    {
        data.m_openViews.push_back(view.request); // filled again: commit again
        data.markDirty();
    }
    return view.address;
}
} // namespace

std::function<void*()> RecordComponent::backendBufferView(Datatype dtype,
                                                          Offset const& offset,
                                                          Extent const& extent)
{
    auto& data = rc();
    auto& series = data.series();
#if openPMD_HAVE_MPI
    if (series.m_comm)
    {
        // Asking would flush on this rank alone, and a flush is collective;
        // the MPI backends offer no views anyway: use the fallback buffer.
        return {};
    }
#endif
    // The dataset must exist in the backend: create the structure of its
    // iteration, leaving all chunk IO for the flush point.
    series.queueSkeleton(iterationIndexOf(data));
    auto view = std::make_shared<ViewState>();
    view->owner = m_attri;
    view->request.offset = offset;
    view->request.extent = extent;
    view->request.dtype = dtype;
    if (!askForView(data, view->request))
    {
        return {};
    }
    view->address = view->request.out->ptr;
    view->seenAtFlush = series.m_flushCount;
    view->request.update = true;
    data.m_openViews.push_back(view->request);
    data.markDirty();
    return [view] { return currentAddress(*view); };
}

void RecordComponent::loadChunkImpl(std::shared_ptr<void> data, Datatype dtype,
                                    Offset offset, Extent extent)
{
    auto& rcData = rc();
    rcData.requireOpenIteration("loadChunk");
    if (!rcData.m_inStorage)
    {
        throw error::WrongAPIUsage(fmt::format(
            "loadChunk: '{}' was not written yet; flush before loading", rcData.path()));
    }
    Parameter<Operation::READ_DATASET> read;
    read.offset = std::move(offset);
    read.extent = std::move(extent);
    read.dtype = dtype;
    read.data = std::move(data);
    rcData.m_pendingReads.push_back(std::move(read));
    rcData.markDirty();
}

shared_ptr_dataset_types RecordComponent::loadChunkVariant(Offset offset, Extent extent)
{
    Datatype const dtype = getDatatype();
    if (static_cast<std::size_t>(dtype) >= std::variant_size_v<dataset_types>)
    {
        // BOOL (a valid constant) has no alternative in the variant.
        throw error::WrongAPIUsage(fmt::format(
            "loadChunkVariant: {} holds {}, which the variant of dataset types "
            "does not include; use loadChunk<T>() with its type",
            rc().where(), datatypeToString(dtype)));
    }
    return switchDatasetType<MakeVariantChunk>(getDatatype(), *this, std::move(offset),
                                               std::move(extent));
}
} // namespace openPMD
