#include "openPMD/Record.hpp"

namespace openPMD
{
void internal::RecordData::onLinked()
{
    std::array<double, 7> dims{};
    if (m_name == "position" || m_name == "positionOffset")
    {
        dims[static_cast<size_t>(UnitDimension::L)] = 1.0;
    }
    setAttributeInternal("unitDimension", dims);
    setAttributeInternal("timeOffset", 0.0f);
}

Record::Record() : BaseRecord<RecordComponent>(std::make_shared<internal::RecordData>())
{
}

Record& Record::setUnitDimension(std::map<UnitDimension, double> const& udim)
{
    mergeUnitDimension(udim);
    return *this;
}
} // namespace openPMD
