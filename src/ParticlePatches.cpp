#include "openPMD/ParticlePatches.hpp"

namespace openPMD
{
size_t ParticlePatches::numPatches() const
{
    auto& map = loaded();
    auto it = map.find("numParticles");
    if (it == map.end())
    {
        return 0;
    }
    auto& record = it->second;
    auto component = record.scalar() ? static_cast<PatchRecordComponent&>(record)
                                     : record.begin()->second;
    return component.getExtent().at(0);
}
} // namespace openPMD
