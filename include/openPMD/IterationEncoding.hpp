#pragma once

#include <iosfwd>

namespace openPMD
{
/** How the iterations of a Series are laid out in storage. */
enum class IterationEncoding
{
    /** One file per iteration; the file name holds %T. */
    fileBased,
    /** All iterations in one file, one group each under /data/. */
    groupBased,
    /** One iteration at a time directly under /data/ (steps in streaming backends). */
    variableBased
};

/** The spelling of the iterationEncoding attribute: "fileBased", "groupBased" ... */
char const* encodingName(IterationEncoding);

std::ostream& operator<<(std::ostream&, IterationEncoding const&);
} // namespace openPMD
