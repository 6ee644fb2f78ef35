#pragma once

#include <string>

namespace openPMD
{
/** How far a flush goes. */
enum class FlushLevel
{
    /** A flush point the user asked for: everything is written. */
    UserFlush,
    /** A flush the library needs internally (e.g. to read metadata). */
    InternalFlush,
    /** Only create the structure (groups, datasets), no data. */
    SkeletonOnly,
    /** Only create or open files. */
    CreateOrOpenFiles
};

/** What a flush point asks of the backend. */
struct FlushParams
{
    FlushLevel flushLevel = FlushLevel::InternalFlush;
    /**
     * Backend options for this flush only, inline JSON (e.g.
     * `{"hdf5": {"independent_stores": false}}`); "{}" for none.
     */
    std::string backendConfig = "{}";
    /** Make what was written durable (fsync) before the flush returns. */
    bool durable = false;
};
} // namespace openPMD
