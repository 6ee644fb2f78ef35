# The library target of the memory backend, openPMD_memory_backend.
# Included by this folder's CMakeLists.txt and by the conformance suite
# (test/IO/conformance), whichever comes first; it needs only the target
# openPMD::openPMD (in-tree or from find_package(openPMD)).
include_guard(GLOBAL)

add_library(openPMD_memory_backend STATIC
    ${CMAKE_CURRENT_LIST_DIR}/MemoryAttributes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MemoryBackend.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MemoryDataset.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MemoryDatasets.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MemoryIOHandlerImpl.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MemoryPaths.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MemoryStore.cpp
)
# Position-independent: the plugin (a shared module) links it too.
set_target_properties(openPMD_memory_backend PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(openPMD_memory_backend PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_compile_features(openPMD_memory_backend PUBLIC cxx_std_17)
target_link_libraries(openPMD_memory_backend PUBLIC openPMD::openPMD)
if(TARGET openPMD_warnings)
    target_link_libraries(openPMD_memory_backend PRIVATE openPMD_warnings)
endif()
