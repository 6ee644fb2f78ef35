#pragma once

// Attributes on disk: attributes.<name> = {"datatype": "<TAG>", "value": <value>}
// where TAG is the Datatype enumerator name and value is encoded as in
// ValueCodec.hpp (vectors and ARR_DBL_7 as JSON arrays).

#include "IO/JSON/RawJSON.hpp"
#include "openPMD/backend/Attribute.hpp"

#include <string>

namespace openPMD::jsonio
{
/** Appends {"datatype":"<TAG>","value":<value>}. */
void appendAttribute(std::string& out, Attribute const& attribute);

/**
 * Decodes one attribute object; `path` is its JSON pointer.
 * @throws ContentError if it has no known datatype tag or the value does not fit it.
 */
Attribute decodeAttribute(RawJSON const& entry, std::string const& path);

/**
 * The Datatype of a type tag; UNDEFINED if the tag is unknown (also for
 * "UNDEFINED" itself).
 */
Datatype datatypeOfTag(std::string const& tag);

/**
 * Why an attribute value cannot be written, or empty if it can: strings
 * must be valid UTF-8 because JSON text is.
 */
std::string unwritableReason(Attribute const& attribute);
} // namespace openPMD::jsonio
