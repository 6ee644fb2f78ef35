# Installs headers, the library, a CMake package and a pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS openPMD
    EXPORT openPMDTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
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

set(openPMD_PC_REQUIRES "")
if(openPMD_HAVE_MPI)
    set(openPMD_PC_REQUIRES "ompi-cxx")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/openPMD.pc.in
    ${PROJECT_BINARY_DIR}/openPMD.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/openPMD.pc
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
