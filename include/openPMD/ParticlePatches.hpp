#pragma once

#include "openPMD/backend/Container.hpp"
#include "openPMD/backend/PatchRecord.hpp"

#include <cstddef>

namespace openPMD
{
/** The particle patches of a species (group "particlePatches"). */
class ParticlePatches : public Container<PatchRecord>
{
public:
    ParticlePatches() = default;
    explicit ParticlePatches(std::shared_ptr<Data> data) : Container(std::move(data)) {}

    /** Number of patches (extent of numParticles). */
    size_t numPatches() const;
};
} // namespace openPMD
