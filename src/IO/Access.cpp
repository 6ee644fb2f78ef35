#include "openPMD/IO/Access.hpp"

#include <ostream>

namespace openPMD
{
std::ostream& operator<<(std::ostream& os, Access access)
{
    switch (access)
    {
    case Access::READ_ONLY:
        return os << "READ_ONLY";
    case Access::READ_LINEAR:
        return os << "READ_LINEAR";
    case Access::READ_WRITE:
        return os << "READ_WRITE";
    case Access::CREATE:
        return os << "CREATE";
    case Access::APPEND:
        return os << "APPEND";
    }
    return os << "Access(" << static_cast<int>(access) << ")";
}
} // namespace openPMD
