# Installs headers, the library, a CMake package and a pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS openPMD
    EXPORT openPMDTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/openPMD
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/openPMD/config.hpp
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/openPMD)

set(openPMD_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/openPMD)
install(EXPORT openPMDTargets
    FILE openPMDTargets.cmake
    NAMESPACE openPMD::
    DESTINATION ${openPMD_INSTALL_CMAKEDIR})
configure_package_config_file(
    ${PROJECT_SOURCE_DIR}/cmake/openPMDConfig.cmake.in
    ${PROJECT_BINARY_DIR}/openPMDConfig.cmake
    INSTALL_DESTINATION ${openPMD_INSTALL_CMAKEDIR})
write_basic_package_version_file(
    ${PROJECT_BINARY_DIR}/openPMDConfigVersion.cmake
    VERSION ${PROJECT_VERSION}
    COMPATIBILITY SameMinorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/openPMDConfig.cmake
    ${PROJECT_BINARY_DIR}/openPMDConfigVersion.cmake
    DESTINATION ${openPMD_INSTALL_CMAKEDIR})

# pkg-config file. Only MPI is a public dependency (MPI_Comm appears in our
# headers); HDF5, nlohmann_json, fmt and toml11 are private to the shared
# library and must not show up here.
set(openPMD_PC_REQUIRES "")
if(openPMD_HAVE_MPI)
    find_package(PkgConfig QUIET)
    foreach(_module ompi-cxx mpich mpi-cxx)
        if(PKG_CONFIG_FOUND)
            execute_process(COMMAND ${PKG_CONFIG_EXECUTABLE} --exists ${_module}
                RESULT_VARIABLE _module_missing)
            if(NOT _module_missing)
                set(openPMD_PC_REQUIRES ${_module})
                break()
            endif()
        endif()
    endforeach()
    if(NOT openPMD_PC_REQUIRES)
        message(WARNING "no pkg-config module of MPI found (ompi-cxx, mpich, mpi-cxx): "
                        "openPMD.pc will lack MPI's flags")
    endif()
endif()
# Paths relative to the .pc file keep the installation relocatable
# (e.g. cmake --install --prefix <elsewhere>).
set(openPMD_INSTALL_PKGCONFIGDIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${openPMD_INSTALL_PKGCONFIGDIR}")
    set(openPMD_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
    file(RELATIVE_PATH _pc_to_prefix
        /prefix/${openPMD_INSTALL_PKGCONFIGDIR} /prefix)
    string(REGEX REPLACE "/$" "" _pc_to_prefix "${_pc_to_prefix}")
    set(openPMD_PC_PREFIX "\${pcfiledir}/${_pc_to_prefix}")
endif()
foreach(_dir LIBDIR INCLUDEDIR)
    if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
        set(openPMD_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
    else()
        set(openPMD_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
    endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/openPMD.pc.in
    ${PROJECT_BINARY_DIR}/openPMD.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/openPMD.pc
    DESTINATION ${openPMD_INSTALL_PKGCONFIGDIR})

# Python package: the extension and the pure-Python files into the
# interpreter's package directory; the extension finds libopenPMD through a
# relative RPATH, so the installation stays relocatable.
if(openPMD_HAVE_PYTHON)
    set(_python_package_dir ${openPMD_INSTALL_PYTHONDIR}/openpmd_api)
    file(RELATIVE_PATH _python_to_lib
        /prefix/${_python_package_dir} /prefix/${CMAKE_INSTALL_LIBDIR})
    set_target_properties(openpmd_api_cxx PROPERTIES
        INSTALL_RPATH "$ORIGIN/${_python_to_lib}")
    install(TARGETS openpmd_api_cxx LIBRARY DESTINATION ${_python_package_dir})
    install(DIRECTORY ${openPMD_PYTHON_BUILD_DIR}/openpmd_api/
        DESTINATION ${_python_package_dir}
        FILES_MATCHING PATTERN "*.py" PATTERN "__pycache__" EXCLUDE)
    # The python plugin beside the other plugins; it finds libopenPMD loaded
    # already (the loader is in it) and the package relative to itself.
    if(openPMD_HAVE_PYTHON_PLUGIN)
        install(TARGETS openPMD_plugin_python
            LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/openPMD/plugins)
    endif()
endif()
