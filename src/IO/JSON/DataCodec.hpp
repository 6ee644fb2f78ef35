#pragma once

// Dataset content on disk: "data" holds nested row-major arrays, one level
// per dimension (a complex element is one more array [re, im]); elements
// never written are null ([null, null] for complex, as openPMD-api writes).
// A dataset whose extent has a zero before its last dimension cannot be
// told from its nesting; such datasets also get "extent": [...].

#include "IO/JSON/DatasetBuffer.hpp"
#include "IO/JSON/RawJSON.hpp"

#include <memory>
#include <string>

namespace openPMD::jsonio
{
class TextSink;

/** Appends the nested "data" array of `buffer`, draining `sink` as it goes. */
void appendData(TextSink& sink, DatasetBuffer const& buffer);

/** True if the nesting of "data" cannot express `extent` (a zero before the last
 * dimension). */
bool needsExplicitExtent(Extent const& extent);

/**
 * Decodes a "data" array of type `dtype`. `declaredExtent` is the "extent"
 * key if present (else null). `path` is the JSON pointer of the dataset.
 * @throws ContentError if the nesting does not match the extent or an
 *         element does not fit the type.
 */
std::unique_ptr<DatasetBuffer> decodeData(RawJSON const& data, Datatype dtype,
                                          RawJSON const* declaredExtent,
                                          std::string const& path);
} // namespace openPMD::jsonio
