// Running queued tasks: what a failed flush leaves to do, and flushes that
// create only the structure (span API).
//
// The frontend marks objects clean when it
// queues their tasks; when a flush fails, the backend hands back the tasks it
// dropped (AbstractIOHandler::m_droppedTasks) and this file turns each of
// them back into the dirty state that queues it again, so that the user can
// fix the cause (e.g. a full disk) and flush again.
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/Series.hpp"

#include <map>

namespace openPMD::internal
{
namespace
{
/** Restores the dirty state of the node one dropped task was about. */
class DroppedTaskRestorer
{
public:
    void restore(IOTask& task)
    {
        Writable* const writable = task.writable;
        if (writable == nullptr || writable->frontendObject == nullptr)
        {
            return; // e.g. the rank table: written again only on request
        }
        auto& node = *static_cast<AttributableData*>(writable->frontendObject);
        auto* iteration = dynamic_cast<IterationData*>(&node);
        if (iteration != nullptr &&
            (writable == &iteration->m_fileRoot || writable == &iteration->m_dataGroup))
        {
            restoreIterationFile(*iteration, task);
            return;
        }
        if (std::visit([&](auto& parameter) { return restoreNode(node, parameter); },
                       task.parameter))
        {
            node.markDirty();
        }
    }

private:
    /** File-based: the iteration's own file, its root attributes, its "data" group. */
    static void restoreIterationFile(IterationData& iteration, IOTask const& task)
    {
        switch (task.operation())
        {
        case Operation::CREATE_FILE:
        case Operation::CREATE_PATH:
            // The file and its "data" group are created together.
            iteration.m_fileOpen = false;
            iteration.m_rootVersionWritten = 0;
            break;
        case Operation::WRITE_ATT:
            iteration.m_rootVersionWritten = 0; // the Series attributes again
            break;
        case Operation::CLOSE_FILE:
            // Still open unless its creation failed too (then it is created again).
            iteration.m_fileOpen = iteration.m_fileRoot.written;
            iteration.m_closeFilePending = true;
            break;
        default:
            return; // reads and releases: nothing to redo
        }
        iteration.markDirty();
    }

    // One overload per kind of task; true if the node has work again.
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::CREATE_FILE> const&)
    {
        node.m_inStorage = false;
        return true;
    }
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::CREATE_PATH> const&)
    {
        node.m_inStorage = false;
        return true;
    }
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::CREATE_DATASET> const&)
    {
        node.m_inStorage = false;
        return true;
    }
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::EXTEND_DATASET> const&)
    {
        auto* component = dynamic_cast<RecordComponentData*>(&node);
        if (component == nullptr)
        {
            return false;
        }
        component->m_extendPending = true;
        return true;
    }
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::WRITE_ATT> const& parameter)
    {
        // Only if the value is still there (not deleted since).
        if (node.m_attributes.count(parameter.name) == 0)
        {
            return false;
        }
        node.m_changedAttributes.insert(parameter.name);
        return true;
    }
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::DELETE_ATT> const& parameter)
    {
        if (node.m_attributes.count(parameter.name) != 0)
        {
            return false; // set again since: the WRITE_ATT wins
        }
        node.m_deletedAttributes.insert(parameter.name);
        return true;
    }
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::DELETE_PATH> const& parameter)
    {
        node.m_pendingDeletions.emplace_back(parameter.path, false);
        return true;
    }
    static bool restoreNode(AttributableData& node,
                            Parameter<Operation::DELETE_DATASET> const& parameter)
    {
        node.m_pendingDeletions.emplace_back(parameter.name, true);
        return true;
    }
    bool restoreNode(AttributableData& node,
                     Parameter<Operation::WRITE_DATASET>& parameter)
    {
        auto* component = dynamic_cast<RecordComponentData*>(&node);
        if (component == nullptr)
        {
            return false;
        }
        // Before chunks stored since, in the order they were stored.
        auto& writes = component->m_pendingWrites;
        size_t& restored = m_restoredWrites[component];
        writes.insert(writes.begin() + static_cast<std::ptrdiff_t>(restored),
                      std::move(parameter));
        ++restored;
        return true;
    }
    bool restoreNode(AttributableData& node,
                     Parameter<Operation::GET_BUFFER_VIEW>& parameter)
    {
        auto* component = dynamic_cast<RecordComponentData*>(&node);
        if (component == nullptr || !parameter.update)
        {
            return false; // a first request failed: the user saw the error
        }
        component->m_openViews.push_back(std::move(parameter));
        return true;
    }
    /** Reads, listings, closes: the error reached the caller; nothing to redo. */
    template <typename Other>
    static bool restoreNode(AttributableData&, Other const&)
    {
        return false;
    }

    std::map<RecordComponentData*, size_t> m_restoredWrites;
};
} // namespace

void SeriesData::restoreDroppedTasks()
{
    if (!m_handler)
    {
        return;
    }
    auto dropped = std::move(m_handler->m_droppedTasks);
    m_handler->m_droppedTasks.clear();
    DroppedTaskRestorer restorer;
    for (auto& task : dropped)
    {
        if (task.operation() == Operation::DEREGISTER)
        {
            // Its node may be gone (never dereference it): just send it again.
            m_handler->enqueue(std::move(task));
            continue;
        }
        restorer.restore(task);
    }
}

void SeriesData::queueSkeleton(std::optional<std::uint64_t> only)
{
    m_skeletonOnly = true;
    try
    {
        queueChanges(only);
    }
    catch (...)
    {
        m_skeletonOnly = false;
        m_keptDirty.clear();
        throw;
    }
    m_skeletonOnly = false;
    auto kept = std::move(m_keptDirty);
    m_keptDirty.clear();
    for (auto* node : kept)
    {
        node->markDirty(); // its chunk IO waits for the next flush
    }
}

void SeriesData::runQueued(FlushParams const& params)
{
    auto& h = handler();
    ++m_flushCount;
    try
    {
        h.flush(params).get();
        if (releaseClosedIterations())
        {
            // The backend forgets the released nodes now, not a flush later.
            h.flush(FlushParams{}).get();
        }
    }
    catch (...)
    {
        restoreDroppedTasks();
        throw;
    }
}

bool SeriesData::releaseClosedIterations()
{
    if (m_closedToRelease.empty())
    {
        return false;
    }
    auto& h = handler();
    bool const deregister = m_encoding != IterationEncoding::fileBased;
    bool queued = false;
    std::vector<std::uint64_t> stillDirty;
    for (auto index : m_closedToRelease)
    {
        auto it = m_iterations->m_container.find(index);
        if (it == m_iterations->m_container.end())
        {
            continue; // erased by the user
        }
        auto& iteration = static_cast<IterationData&>(getData(it->second));
        if (iteration.m_dirtySelf || iteration.m_dirtySubtree)
        {
            // A failed flush left work to redo: release after it ran.
            stillDirty.push_back(index);
            continue;
        }
        // File-based: closing the file made the backend forget its nodes.
        iteration.releaseContent(deregister ? &h : nullptr);
        queued = deregister;
    }
    m_closedToRelease = std::move(stillDirty);
    return queued;
}
} // namespace openPMD::internal
