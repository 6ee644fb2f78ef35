#pragma once

// The one header a program needs to use the memory backend.

#include <openPMD/IO/Format.hpp>

namespace memory_backend
{
/** The backend's name (Series::backend(), createIOHandler's row) and extension. */
inline constexpr char const* name = "Memory";
inline constexpr char const* extension = ".mem";

/**
 * Adds the memory backend to openPMD's BackendRegistry, so that file names
 * ending in ".mem" select it (determineFormat) and createIOHandler builds it.
 * Call it at start-up, before any Series is opened. Calling it again is
 * harmless: it returns the Format of the first registration.
 *
 * @return the Format value the registry assigned to the backend
 */
openPMD::Format registerMemoryBackend();
} // namespace memory_backend
