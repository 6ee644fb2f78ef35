#include "openPMD/backend/PatchRecordComponent.hpp"

namespace openPMD
{
PatchRecordComponent::PatchRecordComponent()
    : RecordComponent(std::make_shared<internal::PatchRecordComponentData>())
{
}

PatchRecordComponent::PatchRecordComponent(
    std::shared_ptr<internal::RecordComponentData> data)
    : RecordComponent(std::move(data))
{
}
} // namespace openPMD
