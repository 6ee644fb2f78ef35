#pragma once

#include "openPMD/RecordComponent.hpp"

#include <cstdint>
#include <memory>

namespace openPMD
{
namespace internal
{
/**
 * A patch component is written with unitSI = 1.0 by default (as openPMD-api
 * writes it) but read without it: older files may lack it.
 */
class PatchRecordComponentData : public RecordComponentData
{
public:
    PatchRecordComponentData() { m_requiresUnitSI = false; }
};
} // namespace internal

/** A component of a particle patch record: one value per patch. */
class PatchRecordComponent : public RecordComponent
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T_elem>
    friend class BaseRecord;
    template <typename T_elem>
    friend class internal::BaseRecordData;

public:
    using DataType = internal::PatchRecordComponentData;

    PatchRecordComponent& setUnitSI(double unitSI)
    {
        RecordComponent::setUnitSI(unitSI);
        return *this;
    }

    /** All patches' values (filled at the next flush point). */
    template <typename T>
    std::shared_ptr<T> load()
    {
        return loadChunk<T>();
    }
    template <typename T>
    void load(std::shared_ptr<T> data)
    {
        loadChunk(std::move(data), {0u}, {-1u});
    }
    template <typename T>
    void load(std::shared_ptr<T[]> data)
    {
        loadChunk(std::move(data), {0u}, {-1u});
    }
    template <typename T>
    void loadRaw(T* data)
    {
        loadChunkRaw(data, {0u}, {-1u});
    }

    /** The value of patch `index` (written at the next flush point). */
    template <typename T>
    void store(uint64_t index, T value)
    {
        std::shared_ptr<T> data(new T(value));
        storeChunk(data, {index}, {1});
    }

protected:
    PatchRecordComponent();
    explicit PatchRecordComponent(std::shared_ptr<internal::RecordComponentData>);
};
} // namespace openPMD
