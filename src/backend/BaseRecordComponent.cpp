#include "openPMD/backend/BaseRecordComponent.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/Series.hpp"

#include <fmt/format.h>

namespace openPMD
{
namespace internal
{
bool RecordComponentData::storedAsDataset() const
{
    return (!m_isRecord || m_scalar) && !m_constant;
}

void RecordComponentData::componentDefaults()
{
    if (m_attributes.count("unitSI") == 0)
    {
        setAttributeInternal("unitSI", 1.0);
    }
}

void RecordComponentData::flushTree(SeriesData& series)
{
    if (m_isRecord && !m_scalar)
    {
        auto children = components();
        if (children.empty() && !m_inStorage)
        {
            return; // stays dirty until it has components
        }
        AttributableData::flushTree(series);
        m_dirtySubtree = false;
        for (auto& [name, child] : children)
        {
            if (child->m_dirtySelf || child->m_dirtySubtree)
            {
                child->flushTree(series);
            }
        }
        return;
    }
    flushAsComponent(series);
}

void RecordComponentData::flushAsComponent(SeriesData& series)
{
    auto& handler = series.handler();
    if (access::write(series.m_access))
    {
        if (!m_inStorage)
        {
            if (m_constant)
            {
                handler.enqueue(
                    IOTask(&m_writable, Parameter<Operation::CREATE_PATH>{m_name}));
            }
            else if (m_dataset && m_dataset->dtype != Datatype::UNDEFINED)
            {
                Parameter<Operation::CREATE_DATASET> create;
                create.name = m_name;
                create.extent = m_dataset->extent;
                create.dtype = m_dataset->dtype;
                create.options = m_dataset->options;
                handler.enqueue(IOTask(&m_writable, std::move(create)));
            }
            else
            {
                return; // no dataset declared yet: stays dirty
            }
            m_inStorage = true;
            m_extendPending = false;
            // Defaults only on creation: a deleted default stays deleted.
            componentDefaults();
        }
        else if (m_extendPending)
        {
            handler.enqueue(IOTask(
                &m_writable, Parameter<Operation::EXTEND_DATASET>{m_dataset->extent}));
            m_extendPending = false;
        }
        flushAttributes(handler);
    }
    m_dirtySelf = false;
    m_dirtySubtree = false;
    if (series.m_skeletonOnly)
    {
        if (!m_pendingWrites.empty() || !m_pendingReads.empty() || !m_openViews.empty())
        {
            series.m_keptDirty.push_back(this);
        }
        return;
    }
    queueChunkIO(series);
}

void RecordComponentData::queueChunkIO(SeriesData& series)
{
    auto& handler = series.handler();
    if (access::write(series.m_access))
    {
        for (auto& write : m_pendingWrites)
        {
            handler.enqueue(IOTask(&m_writable, std::move(write)));
        }
        // Asking again for a span's buffer tells the backend it was filled.
        for (auto& view : m_openViews)
        {
            view.update = true;
            view.out =
                std::make_shared<Parameter<Operation::GET_BUFFER_VIEW>::OutParameters>(
                    *view.out);
            handler.enqueue(IOTask(&m_writable, std::move(view)));
        }
    }
    m_pendingWrites.clear();
    m_openViews.clear();
    for (auto& read : m_pendingReads)
    {
        handler.enqueue(IOTask(&m_writable, std::move(read)));
    }
    m_pendingReads.clear();
}
} // namespace internal

BaseRecordComponent::BaseRecordComponent(
    std::shared_ptr<internal::RecordComponentData> data)
    : Attributable(std::move(data))
{
}

double BaseRecordComponent::unitSI() const
{
    return attributeAs<double>("unitSI");
}

BaseRecordComponent& BaseRecordComponent::resetDatatype(Datatype dtype)
{
    requireWritable("resetDatatype");
    if (rc().m_inStorage)
    {
        throw error::WrongAPIUsage(
            fmt::format("resetDatatype: '{}' was already written; its type cannot change",
                        rc().path()));
    }
    if (!rc().m_dataset)
    {
        rc().m_dataset = Dataset(dtype, {1});
    }
    rc().m_dataset->dtype = dtype;
    return *this;
}

Datatype BaseRecordComponent::getDatatype() const
{
    m_attri->ensureLoaded();
    return rc().m_dataset ? rc().m_dataset->dtype : Datatype::UNDEFINED;
}

bool BaseRecordComponent::constant() const
{
    m_attri->ensureLoaded();
    return rc().m_constant;
}

std::optional<size_t> BaseRecordComponent::joinedDimension() const
{
    return rc().m_dataset ? rc().m_dataset->joinedDimension() : std::nullopt;
}

ChunkTable BaseRecordComponent::availableChunks()
{
    m_attri->ensureLoaded();
    if (rc().m_constant)
    {
        Extent extent = rc().m_dataset ? rc().m_dataset->extent : Extent{1};
        return {WrittenChunkInfo(Offset(extent.size(), 0), extent)};
    }
    auto& series = m_attri->series();
    if (!rc().m_inStorage)
    {
        return {};
    }
    Parameter<Operation::AVAILABLE_CHUNKS> param;
    auto chunks = param.chunks;
    series.handler().enqueue(IOTask(&m_attri->m_writable, std::move(param)));
    series.runQueued(FlushParams{});
    return *chunks;
}
} // namespace openPMD
