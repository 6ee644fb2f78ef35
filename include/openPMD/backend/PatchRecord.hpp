#pragma once

#include "openPMD/UnitDimension.hpp"
#include "openPMD/backend/BaseRecord.hpp"
#include "openPMD/backend/PatchRecordComponent.hpp"

#include <map>

namespace openPMD
{
namespace internal
{
class PatchRecordData : public BaseRecordData<PatchRecordComponent>
{
public:
    /** unitDimension defaults to seven zeros (openPMD-api reads it). */
    PatchRecordData();
};
} // namespace internal

/** A record of particle patches (offset, extent, numParticles, ...). */
class PatchRecord : public BaseRecord<PatchRecordComponent>
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T, typename Key, typename Map>
    friend class internal::ContainerData;

public:
    PatchRecord& setUnitDimension(std::map<UnitDimension, double> const&);

protected:
    PatchRecord();
};
} // namespace openPMD
