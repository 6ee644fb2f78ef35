#pragma once

#include "openPMD/ParticlePatches.hpp"
#include "openPMD/Record.hpp"
#include "openPMD/backend/Container.hpp"

namespace openPMD
{
namespace internal
{
class ParticleSpeciesData : public ContainerData<Record>
{
public:
    ParticleSpeciesData();
    ~ParticleSpeciesData() override;

    std::shared_ptr<ContainerData<PatchRecord>> m_patches;

    void onLinked() override;
    /** Records or particle patches. */
    bool hasContent() const override;
    void forEachChild(std::function<void(AttributableData&)> const& visit) override;

protected:
    void flushChildren(SeriesData& series) override;
};
} // namespace internal

/** One species of particles: a map of Records plus its particle patches. */
class ParticleSpecies : public Container<Record>
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T, typename Key, typename Map>
    friend class internal::ContainerData;

public:
    ParticlePatches particlePatches;

protected:
    ParticleSpecies();
};
} // namespace openPMD
