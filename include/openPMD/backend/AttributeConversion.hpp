#pragma once

// Implementation detail of Attribute::get<U>(); include Attribute.hpp instead.

#include "openPMD/backend/Attribute.hpp"

#include <optional>
#include <type_traits>

namespace openPMD::detail
{
// PLACEHOLDER: only exact type matches convert. The full conversion rules
// described in Attribute.hpp replace this.
template <typename U, typename From>
std::optional<U> convertAttributeValue(From const& value)
{
    if constexpr (std::is_same_v<U, From>)
    {
        return value;
    }
    else
    {
        return std::nullopt;
    }
}
} // namespace openPMD::detail
