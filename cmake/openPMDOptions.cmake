# User-facing build options. Tri-state options take AUTO, ON or OFF:
# AUTO uses the dependency when it is found, ON fails when it is missing.
include(GNUInstallDirs)

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

set(openPMD_USE_MPI AUTO CACHE STRING "Build with MPI support (AUTO/ON/OFF)")
set(openPMD_USE_HDF5 AUTO CACHE STRING "Build the HDF5 backend (AUTO/ON/OFF)")
set(openPMD_USE_TOML AUTO CACHE STRING "Accept TOML option strings via toml11 (AUTO/ON/OFF)")
set_property(CACHE openPMD_USE_MPI PROPERTY STRINGS AUTO ON OFF)
set_property(CACHE openPMD_USE_HDF5 PROPERTY STRINGS AUTO ON OFF)
set_property(CACHE openPMD_USE_TOML PROPERTY STRINGS AUTO ON OFF)
set(openPMD_USE_RADOS AUTO CACHE STRING
    "Build the Zarr backend's Ceph RADOS store (librados-dev) (AUTO/ON/OFF)")
set_property(CACHE openPMD_USE_RADOS PROPERTY STRINGS AUTO ON OFF)
set(openPMD_USE_PYTHON AUTO CACHE STRING
    "Build the Python module openpmd_api (pybind11, numpy) (AUTO/ON/OFF)")
set_property(CACHE openPMD_USE_PYTHON PROPERTY STRINGS AUTO ON OFF)

option(openPMD_BUILD_TESTING "Build the tests" ON)
option(openPMD_BUILD_EXAMPLES "Build the examples" ON)
option(openPMD_BUILD_TOOLS "Build and install the command-line tools (openpmd-ls ...)" ON)
option(openPMD_BUILD_BENCHMARKS "Build bench/ (and its quick test when testing is on)" ON)
option(openPMD_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
option(openPMD_BUILD_FUZZERS
    "Build the libFuzzer targets of test/fuzz (Clang; instruments every target)" OFF)

# Debian's interpreter has numpy, h5py and pytest; another python3 may come
# first on PATH, so prefer Debian's unless the user says otherwise.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python interpreter")
endif()

foreach(opt openPMD_USE_MPI openPMD_USE_HDF5 openPMD_USE_TOML openPMD_USE_PYTHON
            openPMD_USE_RADOS)
    string(TOUPPER "${${opt}}" _value)
    if(NOT _value MATCHES "^(AUTO|ON|OFF|TRUE|FALSE|YES|NO|1|0)$")
        message(FATAL_ERROR "${opt} must be AUTO, ON or OFF (got '${${opt}}')")
    endif()
endforeach()

# Warning flags for our own targets (never exported to consumers).
add_library(openPMD_warnings INTERFACE)
target_compile_options(openPMD_warnings INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Wall -Wextra -Wpedantic>
    $<$<AND:$<BOOL:${openPMD_WARNINGS_AS_ERRORS}>,$<CXX_COMPILER_ID:GNU,Clang,AppleClang>>:-Werror>)

# Sanitizers for every target of this build (the CI's sanitizer leg uses
# "address,undefined"). Any report stops the program with a non-zero exit,
# so a test with a report fails.
set(openPMD_SANITIZERS "" CACHE STRING
    "Comma-separated -fsanitize= list for all targets, e.g. address,undefined (empty: none)")
if(openPMD_SANITIZERS)
    add_compile_options(-fsanitize=${openPMD_SANITIZERS} -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=${openPMD_SANITIZERS})
    # GCC's flow analysis sees through the sanitizers' instrumentation badly
    # and reports uninitialised uses inside libstdc++ (std::regex, std::function)
    # that do not exist; the normal build keeps the warning.
    add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endif()

# Fuzzer builds: every target gets libFuzzer's coverage instrumentation, so
# the fuzz targets are guided by what they reach inside the library.
if(openPMD_BUILD_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "openPMD_BUILD_FUZZERS needs Clang "
                            "(configure with -DCMAKE_CXX_COMPILER=clang++)")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
