#pragma once

#include "openPMD/Error.hpp"

#include <hdf5.h>

#include <string>
#include <string_view>

namespace openPMD::hdf5
{
/**
 * Where an HDF5 call happens, for the message of the error it may raise:
 * the file, the object path inside it, what kind of object, and whether the
 * call reads (error::ReadError) or writes (error::WriteError).
 */
struct Site
{
    std::string_view file;
    std::string_view path;
    error::AffectedObject object = error::AffectedObject::Other;
    bool reading = false;
};

/**
 * The messages of the current thread's HDF5 error stack, innermost first,
 * joined by "; ". Clears the stack.
 */
std::string takeErrorStack();

/** Builds the message "<what> '<path>' in file '<file>'[: <detail>]". */
std::string describe(Site const& site, std::string_view what,
                     std::string_view detail = {});

/** Throws the ReadError/WriteError of `site` with the given reason and detail. */
[[noreturn]] void raise(Site const& site, error::Reason reason, std::string_view what,
                        std::string_view detail);

/** Throws for a failed HDF5 call: the message carries the HDF5 error stack. */
[[noreturn]] void raiseFromStack(Site const& site, std::string_view what);

/** Returns `id` if the call succeeded, otherwise throws (raiseFromStack). */
inline hid_t checkId(hid_t id, Site const& site, std::string_view what)
{
    if (id < 0)
    {
        raiseFromStack(site, what);
    }
    return id;
}

/**
 * For a call that may fail as expected (a creation tried before checking
 * what exists): returns `id`, and after a failure clears the error stack so
 * that the caller's fallback starts clean.
 */
inline hid_t attemptId(hid_t id)
{
    if (id < 0)
    {
        H5Eclear2(H5E_DEFAULT);
    }
    return id;
}

/** Returns `status` (herr_t or htri_t) if not negative, otherwise throws. */
inline int checkStatus(int status, Site const& site, std::string_view what)
{
    if (status < 0)
    {
        raiseFromStack(site, what);
    }
    return status;
}

/**
 * Turns HDF5's automatic error printing off for the current thread while it
 * lives and restores what was set before: errors we handle become exceptions
 * instead of HDF5-DIAG traces on stderr, and the user's own HDF5 settings
 * stay untouched outside our calls.
 */
class ErrorPrintingSilencer
{
public:
    ErrorPrintingSilencer();
    ~ErrorPrintingSilencer();
    ErrorPrintingSilencer(ErrorPrintingSilencer const&) = delete;
    ErrorPrintingSilencer& operator=(ErrorPrintingSilencer const&) = delete;

private:
    H5E_auto2_t m_function = nullptr;
    void* m_data = nullptr;
    bool m_saved = false;
};
} // namespace openPMD::hdf5
