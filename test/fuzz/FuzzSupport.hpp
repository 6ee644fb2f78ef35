#pragma once

// Helpers shared by the libFuzzer targets: a scratch directory per process,
// and the rule that only openPMD::Error may come out of the library.

#include <openPMD/Error.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <string>
#include <typeinfo>

#include <unistd.h>

namespace openPMD::fuzz
{
/** A directory of this process for files made from the inputs. */
inline std::string const& scratchDirectory()
{
    static std::string const dir = []
    {
        char const* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base ? base : "/tmp") + "/openpmd-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data()))
        {
            std::perror("mkdtemp");
            std::abort();
        }
        return pattern;
    }();
    return dir;
}

/** Writes the input into `name` in the scratch directory; returns its path. */
inline std::string writeScratchFile(std::string const& name, std::uint8_t const* data,
                                    std::size_t size)
{
    std::string const path = scratchDirectory() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<char const*>(data), static_cast<std::streamsize>(size));
    if (!out)
    {
        std::perror(path.c_str());
        std::abort();
    }
    return path;
}

/**
 * Runs `what`; an openPMD::Error is the expected way to fail. Anything else
 * is a finding: it is printed and the process aborts, so libFuzzer keeps the
 * input.
 */
inline void expectOnlyOpenPMDErrors(std::function<void()> const& what)
{
    try
    {
        what();
    }
    catch (Error const&)
    {
    }
    catch (std::exception const& e)
    {
        std::fprintf(stderr, "foreign exception %s: %s\n", typeid(e).name(), e.what());
        std::abort();
    }
    catch (...)
    {
        std::fprintf(stderr, "foreign exception (not a std::exception)\n");
        std::abort();
    }
}

/** Aborts with a message when an invariant of the library does not hold. */
inline void require(bool condition, char const* what)
{
    if (!condition)
    {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}
} // namespace openPMD::fuzz
