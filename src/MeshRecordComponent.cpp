#include "openPMD/MeshRecordComponent.hpp"

#include <algorithm>

namespace openPMD
{
void internal::MeshRecordComponentData::componentDefaults()
{
    RecordComponentData::componentDefaults();
    if (m_attributes.count("position") == 0)
    {
        std::size_t const rank = m_dataset ? m_dataset->extent.size() : 0;
        setAttributeInternal("position",
                             std::vector<double>(std::max<std::size_t>(rank, 1), 0.0));
    }
}

MeshRecordComponent::MeshRecordComponent()
    : RecordComponent(std::make_shared<internal::MeshRecordComponentData>())
{
}

MeshRecordComponent::MeshRecordComponent(
    std::shared_ptr<internal::RecordComponentData> data)
    : RecordComponent(std::move(data))
{
}
} // namespace openPMD
