#include "openPMD/MeshRecordComponent.hpp"

namespace openPMD
{
void internal::MeshRecordComponentData::componentDefaults()
{
    RecordComponentData::componentDefaults();
    if (m_attributes.count("position") == 0)
    {
        setAttributeInternal("position", std::vector<double>{0.0});
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
