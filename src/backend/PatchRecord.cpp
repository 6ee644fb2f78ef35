#include "openPMD/backend/PatchRecord.hpp"

namespace openPMD
{
PatchRecord::PatchRecord()
    : BaseRecord<PatchRecordComponent>(
          std::make_shared<internal::BaseRecordData<PatchRecordComponent>>())
{
}

PatchRecord& PatchRecord::setUnitDimension(std::map<UnitDimension, double> const& udim)
{
    mergeUnitDimension(udim);
    return *this;
}
} // namespace openPMD
