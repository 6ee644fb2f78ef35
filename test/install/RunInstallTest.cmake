# cmake -P script run by the CTest test install.consumer (see CMakeLists.txt).
# Inputs: BUILD_DIR, BUILD_CONFIG (may be empty), CONSUMER_DIR, WORK_DIR, CMAKE_GENERATOR, CXX_COMPILER,
# PKG_CONFIG, HAVE_MPI, EXPECTED_VERSION, LINK_FLAGS (may be empty: what a
# consumer of this build must link with, e.g. a Clang sanitizer runtime).
cmake_minimum_required(VERSION 3.22)

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# run(<step> <command...>): runs a command, fails the test with its output.
function(run step)
    execute_process(COMMAND ${ARGN}
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "install test: ${step} failed (${result}):\n${output}")
    endif()
    message(STATUS "install test: ${step}: ok")
    set(run_output "${output}" PARENT_SCOPE)
endfunction()

# --- install ------------------------------------------------------------------
set(config_args)
if(BUILD_CONFIG)
    set(config_args --config ${BUILD_CONFIG})
endif()
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} ${config_args} --prefix ${prefix})

file(GLOB_RECURSE package_files ${prefix}/*/openPMDConfig.cmake)
list(LENGTH package_files count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "install test: expected one openPMDConfig.cmake, found: ${package_files}")
endif()
file(GLOB_RECURSE pc_files ${prefix}/*/pkgconfig/openPMD.pc)
list(LENGTH pc_files count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "install test: expected one openPMD.pc, found: ${pc_files}")
endif()
foreach(header openPMD/openPMD.hpp openPMD/config.hpp openPMD/IO/IOTask.hpp)
    if(NOT EXISTS ${prefix}/include/${header})
        message(FATAL_ERROR "install test: ${header} was not installed")
    endif()
endforeach()

# --- no private dependency leaks ------------------------------------------------
# HDF5, nlohmann_json, fmt and toml11 are linked privately: neither the CMake
# package, nor the pkg-config file, nor an installed header may name them.
set(private_names "[Hh][Dd][Ff]5|[Nn]lohmann|fmt|[Tt][Oo][Mm][Ll]")
get_filename_component(package_dir ${package_files} DIRECTORY)
file(GLOB target_files ${package_dir}/openPMDTargets*.cmake)
foreach(file ${target_files} ${pc_files})
    file(STRINGS ${file} leaks REGEX "${private_names}")
    if(leaks)
        message(FATAL_ERROR "install test: ${file} names a private dependency:\n${leaks}")
    endif()
endforeach()
# openPMDConfig.cmake may say which variants were built, but find only MPI.
file(STRINGS ${package_files} leaks REGEX "find_(dependency|package)\\((${private_names})")
if(leaks)
    message(FATAL_ERROR "install test: openPMDConfig.cmake looks for a private dependency:\n${leaks}")
endif()
file(GLOB_RECURSE headers ${prefix}/include/*)
foreach(header ${headers})
    file(STRINGS ${header} leaks
        REGEX "#[ \t]*include[ \t]*[<\"](hdf5|H5[A-Za-z]*\\.h|nlohmann/|fmt/|toml)")
    if(leaks)
        message(FATAL_ERROR "install test: ${header} includes a private dependency:\n${leaks}")
    endif()
endforeach()
# MPI is public (MPI_Comm is in the headers): consumers must get it.
if(HAVE_MPI)
    file(READ ${package_dir}/openPMDTargets.cmake targets)
    if(NOT targets MATCHES "MPI::MPI_CXX")
        message(FATAL_ERROR "install test: MPI is not a public dependency of openPMD::openPMD")
    endif()
    file(STRINGS ${pc_files} requires REGEX "^Requires:.*[a-z]")
    if(NOT requires)
        message(FATAL_ERROR "install test: openPMD.pc does not require MPI")
    endif()
endif()
message(STATUS "install test: no private dependency in the installed files")

# --- consumer through find_package ----------------------------------------------
set(cmake_build ${WORK_DIR}/consumer-cmake)
run("configure consumer with find_package"
    ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${cmake_build}
    -G ${CMAKE_GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    "-DCMAKE_EXE_LINKER_FLAGS=${LINK_FLAGS}"
    -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_PACKAGE_PREFER_CONFIG=ON)
run("build consumer with find_package" ${CMAKE_COMMAND} --build ${cmake_build})
run("run consumer built with find_package" ${cmake_build}/consumer)
message("${run_output}")
if(NOT run_output MATCHES "libopenPMD ${EXPECTED_VERSION}")
    message(FATAL_ERROR "install test: the consumer did not report version ${EXPECTED_VERSION}")
endif()

# --- consumer through pkg-config ------------------------------------------------
if(NOT PKG_CONFIG)
    message(FATAL_ERROR "install test: pkg-config was not found")
endif()
get_filename_component(pc_dir ${pc_files} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${pc_dir}")
run("pkg-config --atleast-version" ${PKG_CONFIG} --print-errors
    --atleast-version=${EXPECTED_VERSION} openPMD)
run("pkg-config --cflags" ${PKG_CONFIG} --cflags openPMD)
separate_arguments(cflags UNIX_COMMAND "${run_output}")
run("pkg-config --libs" ${PKG_CONFIG} --libs openPMD)
separate_arguments(libs UNIX_COMMAND "${run_output}")
run("pkg-config --variable=libdir" ${PKG_CONFIG} --variable=libdir openPMD)
string(STRIP "${run_output}" libdir)

set(pc_consumer ${WORK_DIR}/consumer-pkg-config)
run("build consumer with pkg-config"
    ${CXX_COMPILER} ${cflags} ${CONSUMER_DIR}/main.cpp -o ${pc_consumer}
    ${libs} -Wl,-rpath,${libdir} ${LINK_FLAGS})
run("run consumer built with pkg-config" ${pc_consumer})
message("${run_output}")
if(NOT run_output MATCHES "libopenPMD ${EXPECTED_VERSION}")
    message(FATAL_ERROR "install test: the consumer did not report version ${EXPECTED_VERSION}")
endif()
