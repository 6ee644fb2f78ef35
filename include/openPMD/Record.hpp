#pragma once

#include "openPMD/RecordComponent.hpp"
#include "openPMD/UnitDimension.hpp"
#include "openPMD/backend/BaseRecord.hpp"

#include <map>
#include <type_traits>

namespace openPMD
{
namespace internal
{
class RecordData : public BaseRecordData<RecordComponent>
{
public:
    /** unitDimension and timeOffset defaults; position(Offset) get L = 1. */
    void onLinked() override;
};
} // namespace internal

/** A particle record (e.g. position with x, y, z, or scalar weighting). */
class Record : public BaseRecord<RecordComponent>
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T, typename Key, typename Map>
    friend class internal::ContainerData;

public:
    /** Sets the given powers; the other dimensions keep their values. */
    Record& setUnitDimension(std::map<UnitDimension, double> const&);

    template <typename T>
    T timeOffset() const
    {
        static_assert(std::is_floating_point_v<T>, "timeOffset is floating point");
        return attributeAs<T>("timeOffset");
    }
    template <typename T>
    Record& setTimeOffset(T timeOffset)
    {
        static_assert(std::is_floating_point_v<T>, "timeOffset is floating point");
        setAttribute("timeOffset", timeOffset);
        return *this;
    }

protected:
    Record();
};
} // namespace openPMD
