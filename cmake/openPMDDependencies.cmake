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
# What every mpiexec run by CTest needs: Open MPI as root, more ranks than
# cores, no ssh agent (CI runs as root in a container).
set(openPMD_MPI_TEST_ENVIRONMENT
    OMPI_ALLOW_RUN_AS_ROOT=1
    OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
    OMPI_MCA_rmaps_base_oversubscribe=1
    OMPI_MCA_btl_vader_single_copy_mechanism=none
    "OMPI_MCA_plm_rsh_agent=")
# Sanitizer builds: Open MPI unloads its plugins at MPI_Finalize, so memory
# they keep for the process would be reported as leaks from unknown modules.
# Keeping them loaded, with full stack unwinding at allocation (only in the
# MPI runs: it slows allocation down), attributes those blocks to Open MPI's
# libraries, which the leg's suppression list names.
set(openPMD_MPI_TEST_ENVIRONMENT_MODIFICATION "")
if(openPMD_SANITIZERS)
    list(APPEND openPMD_MPI_TEST_ENVIRONMENT OMPI_MCA_mca_base_component_disable_dlclose=1)
    set(openPMD_MPI_TEST_ENVIRONMENT_MODIFICATION
        "ASAN_OPTIONS=string_append::fast_unwind_on_malloc=0")
endif()

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

# Ceph RADOS store of the Zarr backend: librados from librados-dev.
string(TOUPPER "${openPMD_USE_RADOS}" _rados_request)
set(_rados_found FALSE)
if(NOT _rados_request MATCHES "^(OFF|FALSE|NO|0)$")
    find_path(openPMD_RADOS_INCLUDE_DIR rados/librados.h)
    find_library(openPMD_RADOS_LIBRARY rados)
    if(openPMD_RADOS_INCLUDE_DIR AND openPMD_RADOS_LIBRARY)
        set(_rados_found TRUE)
    endif()
endif()
_openpmd_resolve(openPMD_USE_RADOS _rados_found "librados (librados-dev)")
set(openPMD_HAVE_RADOS ${openPMD_USE_RADOS_RESOLVED})

# Chunk codecs of the Zarr backend, each optional: zlib (zlib1g-dev),
# zstd (libzstd-dev), blosc (libblosc-dev). A codec that is missing is
# refused with a clear error when a dataset asks for it.
find_package(ZLIB QUIET)
set(openPMD_HAVE_ZLIB ${ZLIB_FOUND})
find_path(openPMD_ZSTD_INCLUDE_DIR zstd.h)
find_library(openPMD_ZSTD_LIBRARY zstd)
if(openPMD_ZSTD_INCLUDE_DIR AND openPMD_ZSTD_LIBRARY)
    set(openPMD_HAVE_ZSTD TRUE)
else()
    set(openPMD_HAVE_ZSTD FALSE)
endif()
find_path(openPMD_BLOSC_INCLUDE_DIR blosc.h)
find_library(openPMD_BLOSC_LIBRARY blosc)
if(openPMD_BLOSC_INCLUDE_DIR AND openPMD_BLOSC_LIBRARY)
    set(openPMD_HAVE_BLOSC TRUE)
else()
    set(openPMD_HAVE_BLOSC FALSE)
endif()
message(STATUS "Zarr codecs: zlib ${openPMD_HAVE_ZLIB}, zstd ${openPMD_HAVE_ZSTD}, "
               "blosc ${openPMD_HAVE_BLOSC}")

# Python module: Debian's interpreter (openPMDOptions.cmake points
# Python3_EXECUTABLE at /usr/bin/python3, which has numpy), pybind11 from
# pybind11-dev. numpy is needed at run time only (pybind11/numpy.h has no
# build-time dependency), but a Python without it cannot use the module.
string(TOUPPER "${openPMD_USE_PYTHON}" _python_request)
set(_python_usable FALSE)
if(NOT _python_request MATCHES "^(OFF|FALSE|NO|0)$")
    find_package(Python3 COMPONENTS Interpreter Development.Module
                 OPTIONAL_COMPONENTS Development.Embed QUIET)
    if(Python3_FOUND)
        set(PYBIND11_FINDPYTHON ON)
        find_package(pybind11 2.6 CONFIG QUIET)
        execute_process(COMMAND ${Python3_EXECUTABLE} -c "import numpy"
            RESULT_VARIABLE _python_no_numpy OUTPUT_QUIET ERROR_QUIET)
        if(pybind11_FOUND AND NOT _python_no_numpy)
            set(_python_usable TRUE)
        elseif(_python_no_numpy)
            message(STATUS "Python bindings: ${Python3_EXECUTABLE} has no numpy "
                           "(pass -DPython3_EXECUTABLE=/usr/bin/python3)")
        endif()
    endif()
endif()
_openpmd_resolve(openPMD_USE_PYTHON _python_usable
    "Python 3 with numpy and pybind11 (python3-numpy, pybind11-dev)")
set(openPMD_HAVE_PYTHON ${openPMD_USE_PYTHON_RESOLVED})

# The MPI constructor Series(path, access, comm) takes an mpi4py communicator;
# without mpi4py the module is built without it.
set(openPMD_HAVE_PYTHON_MPI OFF)
if(openPMD_HAVE_PYTHON AND openPMD_HAVE_MPI)
    execute_process(COMMAND ${Python3_EXECUTABLE} -c "import mpi4py; print(mpi4py.get_include())"
        RESULT_VARIABLE _no_mpi4py OUTPUT_VARIABLE openPMD_MPI4PY_INCLUDE_DIR
        OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT _no_mpi4py AND EXISTS "${openPMD_MPI4PY_INCLUDE_DIR}/mpi4py/mpi4py.h")
        set(openPMD_HAVE_PYTHON_MPI ON)
    else()
        message(STATUS "Python bindings: no mpi4py (python3-mpi4py), "
                       "Series(path, access, comm) is left out")
    endif()
endif()

if(openPMD_BUILD_TESTING)
    find_package(Catch2 2.13 CONFIG REQUIRED)
    include(Catch)
endif()
