#include "openPMD/IterationEncoding.hpp"

#include <ostream>

namespace openPMD
{
std::ostream& operator<<(std::ostream& os, IterationEncoding const& encoding)
{
    switch (encoding)
    {
    case IterationEncoding::fileBased:
        return os << "fileBased";
    case IterationEncoding::groupBased:
        return os << "groupBased";
    case IterationEncoding::variableBased:
        return os << "variableBased";
    }
    return os << "IterationEncoding(" << static_cast<int>(encoding) << ")";
}
} // namespace openPMD
