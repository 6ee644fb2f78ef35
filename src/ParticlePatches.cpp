#include "openPMD/ParticlePatches.hpp"
#include "openPMD/Error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
    if (!record.scalar() && record.begin() == record.end())
    {
        throw error::ReadError(
            error::AffectedObject::Group, error::Reason::UnexpectedContent, std::nullopt,
            fmt::format("{} has no components; the number of patches is "
                        "the length of its one dataset",
                        internal::getData(record).where()));
    }
    auto component = record.scalar() ? static_cast<PatchRecordComponent&>(record)
                                     : record.begin()->second;
    auto const extent = component.getExtent();
    if (extent.size() != 1)
    {
        throw error::ReadError(error::AffectedObject::Dataset,
                               error::Reason::UnexpectedContent, std::nullopt,
                               fmt::format("{} has extent {}; patch datasets are 1-D",
                                           internal::getData(component).where(), extent));
    }
    return extent[0];
}
} // namespace openPMD
