#include "openPMD/backend/BaseRecord.hpp"

#include <fmt/format.h>

namespace openPMD::internal
{
void throwScalarMix(AttributableData const& record, std::string const& key)
{
    bool const wantsScalar = key == RecordComponent::SCALAR;
    throw error::WrongAPIUsage(fmt::format(
        "Record '{}': {} (a record is either scalar or has named components)",
        record.path(),
        wantsScalar ? "cannot become scalar, it has named components"
                    : fmt::format("is scalar, it cannot get the component '{}'", key)));
}
} // namespace openPMD::internal
