#pragma once

#include <openPMD/IO/Format.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace conformance
{
/** One backend the suite runs on, taken from its BackendRegistry row. */
struct BackendUnderTest
{
    std::string name;
    std::string configKey;
    openPMD::Format format;
    /** The row's first extension, e.g. ".json": file names end in it. */
    std::string extension;
    /** Section name: name and extension, unique even for one backend with several rows.
     */
    std::string label() const { return name + " (" + extension + ")"; }
};

/** The backends under test and what the selection had to say. */
struct BackendSelection
{
    std::vector<BackendUnderTest> backends;
    /** Names in OPENPMD_CONFORMANCE_BACKENDS that match no usable backend. */
    std::vector<std::string> unknownNames;
};

/**
 * Every registered, available backend except "Dummy", plus the memory
 * backend, which is registered on the first call, and the backends of the
 * plugins the environment selects (loadPluginsFromEnvironment(), e.g. the
 * python plugin with OPENPMD_PYTHON_CONNECTOR), which are loaded first.
 *
 * OPENPMD_CONFORMANCE_BACKENDS (comma-separated names or config keys, e.g.
 * "memory" or "json,hdf5") restricts the selection. Without it, a backend
 * whose factory throws error::OperationUnsupportedInBackend (a placeholder
 * not implemented in this build) is skipped with a note on stderr; a backend
 * named in the variable is never skipped.
 */
BackendSelection const& selectBackends();

/**
 * A fresh, empty directory for one scenario on one backend:
 * conformance_data/<configKey>/<scenario>, relative to the working directory.
 */
std::string scratchDirectory(BackendUnderTest const&, std::string const& scenario);

/**
 * Runs `scenario(backend)` for every selected backend, each in its own
 * DYNAMIC_SECTION, so a failure names the backend.
 */
template <typename Scenario>
void forEachBackend(Scenario&& scenario)
{
    auto const& selection = selectBackends();
    {
        INFO("OPENPMD_CONFORMANCE_BACKENDS names unknown or unavailable backends: "
             << Catch::Detail::stringify(selection.unknownNames));
        REQUIRE(selection.unknownNames.empty());
    }
    REQUIRE_FALSE(selection.backends.empty());
    for (auto const& backend : selection.backends)
    {
        DYNAMIC_SECTION(backend.label())
        {
            scenario(backend);
        }
    }
}
} // namespace conformance
