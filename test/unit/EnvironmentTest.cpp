// auxiliary::getEnvString / getEnvNum, which programs written against
// openPMD-api (e.g. its parallel benchmarks) read their settings with.
#include <openPMD/auxiliary/Environment.hpp>
#include <openPMD/config.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using openPMD::auxiliary::getEnvNum;
using openPMD::auxiliary::getEnvString;

TEST_CASE("environment variables with fallbacks", "[unit][environment]")
{
    char const* name = "LIBOPENPMD_TEST_ENVIRONMENT_VALUE";
    unsetenv(name);
    CHECK(getEnvString(name, "fallback") == "fallback");
    CHECK(getEnvNum(name, 7) == 7);

    setenv(name, "BP5", 1);
    CHECK(getEnvString(name, "fallback") == "BP5");
    CHECK(getEnvNum(name, 7) == 7); // not a number

    setenv(name, "42", 1);
    CHECK(getEnvNum(name, 7) == 42);
    setenv(name, "-3x", 1);
    CHECK(getEnvNum(name, 7) == -3); // leading digits, as std::stoi reads them
    setenv(name, "99999999999999999999", 1);
    CHECK(getEnvNum(name, 7) == 7); // does not fit an int
    setenv(name, "", 1);
    CHECK(getEnvString(name, "fallback").empty()); // set, but empty
    unsetenv(name);
}

TEST_CASE("config.hpp defines the feature macros openPMD-api user code tests",
          "[unit][environment]")
{
    // `#if openPMD_HAVE_ADIOS2` in user code must be well-defined.
    CHECK(openPMD_HAVE_ADIOS2 == 0);
    CHECK(openPMD_HAVE_ADIOS1 == 0);
    CHECK(openPMD_HAVE_CUDA_EXAMPLES == 0);
}
