// Its own executable: the plugins of the environment load once per process,
// so no other test may open a Series first. Threads that open their first
// Series at the same time load the memory plugin exactly once, and each
// gets the backend.

#include <openPMD/IO/PluginLoader.hpp>
#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace openPMD;

TEST_CASE("threads opening their first Series load the plugins once", "[plugins]")
{
    auto const directory = std::filesystem::path(MEMORY_PLUGIN).parent_path().string();
    setenv("OPENPMD_PLUGIN_PATH", directory.c_str(), 1);
    setenv("OPENPMD_PLUGINS", "memory", 1);
    setenv("OPENPMD_BACKEND", "memory", 1);

    constexpr int threadCount = 8;
    std::atomic<int> go{0};
    std::vector<std::string> backends(threadCount);
    std::vector<std::string> errors(threadCount);
    std::vector<std::thread> threads;
    for (int t = 0; t < threadCount; ++t)
    {
        threads.emplace_back(
            [&, t]
            {
                go.fetch_add(1);
                while (go.load() < threadCount)
                {
                }
                try
                {
                    Series series("threads/s" + std::to_string(t) + ".json",
                                  Access::CREATE);
                    backends[static_cast<size_t>(t)] = series.backend();
                    series.close();
                }
                catch (std::exception const& e)
                {
                    errors[static_cast<size_t>(t)] = e.what();
                }
            });
    }
    for (auto& thread : threads)
    {
        thread.join();
    }
    for (int t = 0; t < threadCount; ++t)
    {
        INFO("thread " << t);
        CHECK(errors[static_cast<size_t>(t)].empty());
        CHECK(backends[static_cast<size_t>(t)] == "Memory");
    }
    auto const loaded = loadedBackendPlugins();
    REQUIRE(loaded.size() == 1);
    CHECK(loaded[0].backends == std::vector<std::string>{"Memory"});
    CHECK_FALSE(std::filesystem::exists("threads"));
}
