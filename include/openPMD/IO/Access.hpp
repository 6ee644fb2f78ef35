#pragma once

#include <iosfwd>

namespace openPMD
{
/** How a Series (and its backend) opens its storage. */
enum class Access
{
    /** Open existing data for reading; everything is parsed up front. */
    READ_ONLY,
    READ_RANDOM_ACCESS = READ_ONLY,
    /** Open existing data for reading, one iteration after the other. */
    READ_LINEAR,
    /** Open existing data for reading and writing; fails if missing. */
    READ_WRITE,
    /** Create new data, replacing what exists. */
    CREATE,
    /** Add to existing data (or create it) without reading it. */
    APPEND
};

using AccessType [[deprecated("use openPMD::Access")]] = Access;

namespace access
{
/** READ_ONLY or READ_LINEAR. */
inline bool readOnly(Access a)
{
    return a == Access::READ_ONLY || a == Access::READ_LINEAR;
}
/** Any mode that may write. */
inline bool write(Access a)
{
    return !readOnly(a);
}
/** CREATE or APPEND: writes without reading. */
inline bool writeOnly(Access a)
{
    return a == Access::CREATE || a == Access::APPEND;
}
/** Any mode that may read. */
inline bool read(Access a)
{
    return !writeOnly(a);
}
} // namespace access

std::ostream& operator<<(std::ostream&, Access);
} // namespace openPMD
