#include "TestedExtensions.hpp"

#include "RecordingBackend.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#if openPMD_TEST_MEMORY_BACKEND
#include <MemoryBackend.hpp>
#endif

namespace frontendtest
{
using namespace openPMD;

std::vector<std::string> testedExtensions()
{
    std::vector<std::string> result{memtest::registerBackend()};
#if openPMD_TEST_MEMORY_BACKEND
    memory_backend::registerMemoryBackend();
#endif
    for (auto const& ext : getFileExtensions())
    {
        if (ext == "memtest")
            continue;
        try
        {
            createIOHandler("frontend_probe", Access::CREATE,
                            determineFormat("x." + ext));
            result.push_back(ext);
        }
        catch (error::OperationUnsupportedInBackend const&)
        {
            WARN("backend for ." << ext << " is not implemented yet: not tested");
        }
    }
    return result;
}
} // namespace frontendtest
