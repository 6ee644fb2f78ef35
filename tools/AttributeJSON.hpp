#pragma once

#include <openPMD/backend/Attribute.hpp>

#include <nlohmann/json.hpp>

namespace openPMD::tools
{
/**
 * The value of an attribute as JSON: numbers, strings and booleans as such,
 * vectors and arrays as arrays, a complex number as [real, imaginary], a
 * char as a one-character string, long double as double.
 */
nlohmann::json attributeValueToJSON(Attribute const&);
} // namespace openPMD::tools
