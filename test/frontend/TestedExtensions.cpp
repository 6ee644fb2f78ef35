#include "TestedExtensions.hpp"

#include "RecordingBackend.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

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

std::string freshDir(std::string const& name)
{
    std::filesystem::remove_all(name);
    std::filesystem::create_directories(name);
    return name;
}

std::size_t countLog(std::string const& prefix)
{
    auto const& log = memtest::log();
    return static_cast<std::size_t>(std::count_if(log.begin(), log.end(),
                                                  [&](std::string const& e)
                                                  { return e.rfind(prefix, 0) == 0; }));
}
} // namespace frontendtest
