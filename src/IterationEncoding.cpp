#include "openPMD/IterationEncoding.hpp"

#include <ostream>

namespace openPMD
{
char const* encodingName(IterationEncoding encoding)
{
    switch (encoding)
    {
    case IterationEncoding::fileBased:
        return "fileBased";
    case IterationEncoding::groupBased:
        return "groupBased";
    case IterationEncoding::variableBased:
        return "variableBased";
    }
    return "unknown";
}

std::ostream& operator<<(std::ostream& os, IterationEncoding const& encoding)
{
    return os << encodingName(encoding);
}
} // namespace openPMD
