#include "openPMD/backend/PatchRecord.hpp"

#include <array>

namespace openPMD
{
internal::PatchRecordData::PatchRecordData()
{
    setAttributeInternal("unitDimension", std::array<double, 7>{});
}

PatchRecord::PatchRecord()
    : BaseRecord<PatchRecordComponent>(std::make_shared<internal::PatchRecordData>())
{
}

PatchRecord& PatchRecord::setUnitDimension(std::map<UnitDimension, double> const& udim)
{
    mergeUnitDimension(udim);
    return *this;
}
} // namespace openPMD
