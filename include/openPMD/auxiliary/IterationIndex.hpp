#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace openPMD::auxiliary
{
/**
 * The iteration index a name (a group name, or the digits of a file name)
 * stands for: one or more decimal digits whose value fits a uint64.
 * nullopt for anything else (empty, a sign, other characters, overflow), so
 * that names read from files never reach a throwing conversion.
 */
std::optional<std::uint64_t> parseIterationIndex(std::string_view digits);

/** Whether `name` is the canonical spelling of its index ("7", not "07"). */
bool isCanonicalIterationName(std::string_view name);
} // namespace openPMD::auxiliary
