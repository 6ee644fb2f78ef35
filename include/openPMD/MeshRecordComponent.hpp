#pragma once

#include "openPMD/RecordComponent.hpp"

#include <type_traits>
#include <vector>

namespace openPMD
{
namespace internal
{
class MeshRecordComponentData : public RecordComponentData
{
public:
    /** Adds position (0.0 in every dimension of the dataset) besides unitSI. */
    void componentDefaults() override;
};
} // namespace internal

/** A component of a mesh: a record component with a position in the cell. */
class MeshRecordComponent : public RecordComponent
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T_elem>
    friend class BaseRecord;
    template <typename T_elem>
    friend class internal::BaseRecordData;

public:
    using DataType = internal::MeshRecordComponentData;

    /** Relative position of the values in the cell (default {0.0}). */
    template <typename T>
    std::vector<T> position() const
    {
        static_assert(std::is_floating_point_v<T>, "position is floating point");
        return attributeAs<std::vector<T>>("position");
    }
    template <typename T>
    MeshRecordComponent& setPosition(std::vector<T> position)
    {
        static_assert(std::is_floating_point_v<T>, "position is floating point");
        setAttribute("position", std::move(position));
        return *this;
    }

    template <typename T>
    MeshRecordComponent& makeConstant(T value)
    {
        RecordComponent::makeConstant(std::move(value));
        return *this;
    }

protected:
    MeshRecordComponent();
    explicit MeshRecordComponent(std::shared_ptr<internal::RecordComponentData>);
};
} // namespace openPMD
