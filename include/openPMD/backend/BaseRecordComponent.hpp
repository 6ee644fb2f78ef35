#pragma once

#include "openPMD/ChunkInfo.hpp"
#include "openPMD/Dataset.hpp"
#include "openPMD/IO/IOTask.hpp"
#include "openPMD/backend/Attributable.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace openPMD
{
namespace internal
{
/**
 * State of a record component (a dataset, or a constant), which is also the
 * state of a record: a record is a component that may have named children.
 * A scalar record stores itself as the one dataset carrying both the record's
 * and the component's attributes.
 */
class RecordComponentData : public AttributableData
{
public:
    /** Declared by resetDataset() (write) or opened (read). */
    std::optional<Dataset> m_dataset;
    /** A grown extent must be sent with EXTEND_DATASET. */
    bool m_extendPending = false;
    /** Stored as a group with attributes value and shape, not as a dataset. */
    bool m_constant = false;

    std::vector<Parameter<Operation::WRITE_DATASET>> m_pendingWrites;
    std::vector<Parameter<Operation::READ_DATASET>> m_pendingReads;
    /**
     * Backend-owned span buffers handed out since the last flush: each is
     * re-queried (GET_BUFFER_VIEW, update) at the next flush point, which
     * tells the backend that its content was filled.
     */
    std::vector<Parameter<Operation::GET_BUFFER_VIEW>> m_openViews;

    /** This node is a record (mesh, particle record, patch record). */
    bool m_isRecord = false;
    /** A record that is its own (only) component. */
    bool m_scalar = false;
    /**
     * Reading requires unitSI (mesh and particle record components); patch
     * components are read without it. Every component is written with it.
     */
    bool m_requiresUnitSI = true;

    bool storedAsDataset() const override;
    void flushTree(SeriesData& series) override;

    /** Attributes the component gets at flush if the user set none. */
    virtual void componentDefaults();
    /** Make a record scalar (before resetDataset/makeConstant on a record). */
    virtual void becomeScalar() {}
    /** The named components of a record (empty for components). */
    virtual std::vector<std::pair<std::string, RecordComponentData*>> components()
    {
        return {};
    }

protected:
    /** Create, extend, write attributes, queue chunk IO. */
    void flushAsComponent(SeriesData& series);
    /** Queue the pending writes, span commits and reads. */
    void queueChunkIO(SeriesData& series);
};
} // namespace internal

/** What every record component has: a unit, a type, maybe a constant value. */
class BaseRecordComponent : public Attributable
{
public:
    /** The factor that converts the values to SI. */
    double unitSI() const;

    /** Change the datatype before the first flush. */
    BaseRecordComponent& resetDatatype(Datatype);
    Datatype getDatatype() const;
    /** Whether the component is one value for all its extent. */
    bool constant() const;
    std::optional<size_t> joinedDimension() const;

    /** The chunks present in storage (reads from storage now). MPI: collective. */
    ChunkTable availableChunks();

protected:
    explicit BaseRecordComponent(std::shared_ptr<internal::RecordComponentData>);
    internal::RecordComponentData& rc() const
    {
        return static_cast<internal::RecordComponentData&>(*m_attri);
    }
};
} // namespace openPMD
