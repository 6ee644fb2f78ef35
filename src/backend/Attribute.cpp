#include "openPMD/backend/Attribute.hpp"

#include <fmt/format.h>

namespace openPMD
{
Attribute::Attribute(resource value)
    : dtype(static_cast<Datatype>(value.index())), m_value(std::move(value))
{}

namespace detail
{
    void throwIllegalAttributeConversion(Datatype from, Datatype to)
    {
        throw error::IllegalConversion(fmt::format(
            "cannot convert an attribute of type {} to {}",
            datatypeToString(from),
            to == Datatype::UNDEFINED ? std::string("the requested (non-openPMD) type")
                                      : datatypeToString(to)));
    }
} // namespace detail
} // namespace openPMD
