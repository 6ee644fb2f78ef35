#pragma once

// Attributes in .zattrs: each openPMD attribute as its natural JSON value
// (numbers, strings, booleans, arrays; complex as [re, im]; NaN and
// infinities as the strings "NaN", "Infinity", "-Infinity", as Zarr writes
// fill values), so that zarr-python sees plain values. The openPMD type of
// every attribute is kept in the reserved entry
//     "_openPMD": {"attribute_types": {"<name>": "<TAG>", ...}, "datatype": "<TAG>"}
// ("datatype": an array's exact dataset type), so that all 38 types
// round-trip exactly. "_ARRAY_DIMENSIONS" (xarray) is reserved too.

#include "IO/Zarr/ZarrJson.hpp"
#include "openPMD/backend/Attribute.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace openPMD::zarr
{
constexpr char const* typesKey = "_openPMD";
constexpr char const* dimensionsKey = "_ARRAY_DIMENSIONS";

/** Whether an attribute name is reserved by this backend. */
bool isReservedAttributeName(std::string const& name);

/**
 * One attribute as read from or to be written to .zattrs: its value, or the
 * reason it cannot be decoded (reported when the attribute is read).
 */
struct AttributeEntry
{
    std::optional<Attribute> value;
    std::string problem;
};

using AttributeMap = std::map<std::string, AttributeEntry>;

/** Natural JSON text of a value; std::invalid_argument for invalid UTF-8. */
std::string encodeAttributeValue(Attribute const&);

/** What .zattrs of a node says besides its attributes. */
struct AttributeExtras
{
    std::optional<std::vector<std::string>> arrayDimensions;
    std::optional<Datatype> datasetType;
};

/** The whole .zattrs document (pretty-printed, keys sorted). */
std::string attributesDocument(AttributeMap const&, AttributeExtras const&);

/**
 * Decodes a .zattrs document. Attributes without a kept type get one from
 * their JSON value (integers LONG, other numbers DOUBLE, strings STRING, ...).
 * @throws std::invalid_argument if the document is not an object.
 */
AttributeMap decodeAttributesDocument(Json const&, AttributeExtras& extras);
} // namespace openPMD::zarr
