#pragma once

#include "IO/JSON/RawJSON.hpp"
#include "openPMD/backend/Attribute.hpp"

#include <memory>
#include <optional>
#include <string>

namespace openPMD::jsonio
{
/** One attribute of a node: its value, or what was found if it could not be decoded. */
struct AttributeEntry
{
    /** The decoded value; empty if the stored text could not be decoded. */
    std::optional<Attribute> value;
    /** Undecodable content kept as read, so that rewriting the file keeps it. */
    std::shared_ptr<RawJSON const> undecoded;
    /** Why `undecoded` could not be decoded (a full error message). */
    std::string problem;
};
} // namespace openPMD::jsonio
