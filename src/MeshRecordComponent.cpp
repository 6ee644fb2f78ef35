#include "openPMD/MeshRecordComponent.hpp"
#include "openPMD/Mesh.hpp"

#include <algorithm>

namespace openPMD
{
void internal::MeshRecordComponentData::componentDefaults()
{
    RecordComponentData::componentDefaults();
    if (m_attributes.count("position") == 0)
    {
        std::size_t rank = m_dataset ? m_dataset->extent.size() : 0;
        // A scalar mesh is its own component; else the mesh is the parent.
        auto* mesh = dynamic_cast<MeshData*>(m_isRecord ? this : m_parent);
        if (mesh != nullptr)
        {
            rank = mesh->gridRank(rank);
        }
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
