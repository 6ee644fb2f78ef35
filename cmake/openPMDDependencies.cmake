# Finds the dependencies. All of them come from Debian packages
# (scripts/install-dependencies.sh installs them); none is vendored.

# _openpmd_tristate(<option> <found-var> <what>): turn AUTO into ON/OFF.
function(_openpmd_resolve option found what)
    string(TOUPPER "${${option}}" value)
    if(value STREQUAL "AUTO")
        if(${found})
            set(${option}_RESOLVED ON PARENT_SCOPE)
        else()
            set(${option}_RESOLVED OFF PARENT_SCOPE)
        endif()
    elseif(value MATCHES "^(ON|TRUE|YES|1)$")
        if(NOT ${found})
            message(FATAL_ERROR "${option}=ON but ${what} was not found")
        endif()
        set(${option}_RESOLVED ON PARENT_SCOPE)
    else()
        set(${option}_RESOLVED OFF PARENT_SCOPE)
    endif()
endfunction()

find_package(nlohmann_json 3.9 CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
set(openPMD_HAVE_JSON ON)

# MPI
string(TOUPPER "${openPMD_USE_MPI}" _mpi_request)
if(NOT _mpi_request MATCHES "^(OFF|FALSE|NO|0)$")
    find_package(MPI COMPONENTS C CXX QUIET)
endif()
_openpmd_resolve(openPMD_USE_MPI MPI_FOUND "MPI")
set(openPMD_HAVE_MPI ${openPMD_USE_MPI_RESOLVED})

# HDF5: with MPI prefer the parallel flavour, without MPI the serial one.
string(TOUPPER "${openPMD_USE_HDF5}" _hdf5_request)
if(NOT _hdf5_request MATCHES "^(OFF|FALSE|NO|0)$")
    set(HDF5_PREFER_PARALLEL ${openPMD_HAVE_MPI})
    find_package(HDF5 1.10 COMPONENTS C QUIET)
endif()
_openpmd_resolve(openPMD_USE_HDF5 HDF5_FOUND "HDF5")
set(openPMD_HAVE_HDF5 ${openPMD_USE_HDF5_RESOLVED})
if(openPMD_HAVE_HDF5 AND HDF5_IS_PARALLEL AND NOT openPMD_HAVE_MPI)
    message(WARNING "HDF5 is the parallel flavour but MPI is off; "
                    "install libhdf5-dev or enable openPMD_USE_MPI")
endif()

# TOML option strings
string(TOUPPER "${openPMD_USE_TOML}" _toml_request)
if(NOT _toml_request MATCHES "^(OFF|FALSE|NO|0)$")
    find_package(toml11 QUIET)
endif()
_openpmd_resolve(openPMD_USE_TOML toml11_FOUND "toml11")
set(openPMD_HAVE_TOML ${openPMD_USE_TOML_RESOLVED})

if(openPMD_BUILD_TESTING)
    find_package(Catch2 2.13 CONFIG REQUIRED)
    include(Catch)
endif()
