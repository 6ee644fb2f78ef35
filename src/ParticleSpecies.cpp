#include "openPMD/ParticleSpecies.hpp"
#include "openPMD/Series.hpp"

namespace openPMD
{
namespace internal
{
ParticleSpeciesData::ParticleSpeciesData()
    : m_patches(std::make_shared<ContainerData<PatchRecord>>())
{
    m_patches->linkTo(*this, "particlePatches");
}

ParticleSpeciesData::~ParticleSpeciesData()
{
    orphan(*m_patches);
}

void ParticleSpeciesData::onLinked()
{
    auto* series = seriesOrNull();
    if (series != nullptr && series->m_attributes.count("particlesPath") == 0)
    {
        series->setAttributeInternal("particlesPath", std::string("particles/"));
        series->onAttributeChanged("particlesPath");
        series->markDirty();
    }
}

bool ParticleSpeciesData::hasContent() const
{
    return !m_container.empty() || !m_patches->m_container.empty();
}

void ParticleSpeciesData::forEachChild(
    std::function<void(AttributableData&)> const& visit)
{
    ContainerData<Record>::forEachChild(visit);
    visit(*m_patches);
}

void ParticleSpeciesData::flushChildren(SeriesData& series)
{
    ContainerData<Record>::flushChildren(series);
    if (m_patches->m_dirtySelf || m_patches->m_dirtySubtree)
    {
        m_patches->flushTree(series);
    }
}
} // namespace internal

ParticleSpecies::ParticleSpecies()
    : Container<Record>(std::make_shared<internal::ParticleSpeciesData>()),
      particlePatches(static_cast<internal::ParticleSpeciesData&>(*m_attri).m_patches)
{
}
} // namespace openPMD
