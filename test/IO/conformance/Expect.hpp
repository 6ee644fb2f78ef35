#pragma once

// Helpers for the documented errors: a flush that must fail, and what its
// exception must say.

#include "Session.hpp"

#include <openPMD/Error.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace conformance
{
/**
 * Flushes and returns the exception of type E that the flush must throw; an
 * empty optional (a failed check) if it throws nothing. Exceptions of other
 * types propagate and fail the test with their message.
 */
template <typename E>
std::optional<E> flushMustThrow(Session& session)
{
    try
    {
        session.flush();
    }
    catch (E const& e)
    {
        return e;
    }
    FAIL_CHECK("the flush succeeded, but an error was expected");
    return std::nullopt;
}

/** Every error message names the object and the file it concerns. */
inline void checkMessageNames(openPMD::Error const& e, std::string const& object,
                              std::string const& file)
{
    std::string const what = e.what();
    INFO("message: " << what);
    CHECK(what.find(object) != std::string::npos);
    CHECK(what.find(file) != std::string::npos);
}

/** A ReadError of this kind that names the object and the file. */
inline void checkReadError(std::optional<openPMD::error::ReadError> const& e,
                           openPMD::error::AffectedObject affected,
                           openPMD::error::Reason reason, std::string const& object,
                           std::string const& file)
{
    REQUIRE(e.has_value());
    INFO("message: " << e->what());
    CHECK(e->affectedObject == affected);
    CHECK(e->reason == reason);
    checkMessageNames(*e, object, file);
}
} // namespace conformance
