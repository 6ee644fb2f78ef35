#pragma once

// Exit codes shared by the command-line tools (docs/tools.md), so that a
// script can tell "bad command line" from "cannot read" from "found problems".

namespace openPMD::tools::exit_code
{
/** Done, nothing wrong. */
inline constexpr int ok = 0;
/** Done, but problems were found (unreadable parts, check errors). */
inline constexpr int problems = 1;
/** The input could not be read (missing, unknown backend, corrupt). */
inline constexpr int unreadable = 2;
/** The command line is wrong (EX_USAGE of sysexits.h). */
inline constexpr int usage = 64;
} // namespace openPMD::tools::exit_code
