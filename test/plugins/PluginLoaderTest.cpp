// The plugin loader (loadBackendPlugin): a good plugin registers its backend
// once, whatever path names it; every kind of bad plugin is refused with an
// error::PluginLoad that names the file and what is wrong, and registers
// nothing.

#include <openPMD/IO/BackendRegistry.hpp>
#include <openPMD/IO/PluginLoader.hpp>
#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

using namespace openPMD;

namespace
{
std::string badPlugin(std::string const& kind)
{
    return std::string(BAD_PLUGIN_DIR) + "/libopenPMD_plugin_" + kind + ".so";
}

/** Loading must fail with a PluginLoad whose message has all of `parts`. */
void requireRefused(std::string const& nameOrPath, std::vector<std::string> const& parts)
{
    auto const rowsBefore = BackendRegistry::rows().size();
    auto const pluginsBefore = loadedBackendPlugins().size();
    try
    {
        loadBackendPlugin(nameOrPath);
        FAIL("the plugin " << nameOrPath << " was accepted");
    }
    catch (error::PluginLoad const& e)
    {
        std::string const message = e.what();
        INFO(message);
        for (auto const& part : parts)
        {
            CHECK(message.find(part) != std::string::npos);
        }
    }
    CHECK(loadedBackendPlugins().size() == pluginsBefore);
    // A refused plugin may not leave a row behind (the throwing one could
    // have registered some before throwing; ours registers none).
    CHECK(BackendRegistry::rows().size() == rowsBefore);
}
} // namespace

TEST_CASE("the memory plugin loads once and its backend stores a series", "[plugins]")
{
    REQUIRE(BackendRegistry::findByName("memory") == nullptr);
    auto const plugin = loadBackendPlugin(MEMORY_PLUGIN);
    CHECK(plugin.name == "memory");
    CHECK(plugin.path == MEMORY_PLUGIN);
    REQUIRE(plugin.backends == std::vector<std::string>{"Memory"});
    auto const* row = BackendRegistry::findByName("memory");
    REQUIRE(row != nullptr);
    CHECK(row->extensions == std::vector<std::string>{".mem"});

    // The same file by another path, and again by its own: no second load.
    auto const directory = std::filesystem::path(MEMORY_PLUGIN).parent_path();
    auto const again =
        loadBackendPlugin((directory / "." / "libopenPMD_plugin_memory.so").string());
    CHECK(again.name == "memory");
    loadBackendPlugin(MEMORY_PLUGIN);
    CHECK(loadedBackendPlugins().size() == 1);

    {
        Series series("plugged/data_%T.mem", Access::CREATE);
        CHECK(series.backend() == "Memory");
        auto E = series.iterations[7].meshes["E"]["x"];
        std::vector<double> values{1.5, -2.25, 3.0};
        E.resetDataset({Datatype::DOUBLE, {3}});
        E.storeChunk(values, {0}, {3});
        series.iterations[7].setAttribute("note", std::string("through a plugin"));
        series.close();
    }
    CHECK_FALSE(std::filesystem::exists("plugged"));
    Series read("plugged/data_%T.mem", Access::READ_ONLY);
    REQUIRE(read.iterations.size() == 1);
    auto it = read.iterations[7];
    CHECK(it.getAttribute("note").get<std::string>() == "through a plugin");
    auto data = it.meshes["E"]["x"].loadChunk<double>();
    read.flush();
    CHECK(data.get()[0] == 1.5);
    CHECK(data.get()[1] == -2.25);
    CHECK(data.get()[2] == 3.0);
}

TEST_CASE("a plugin is found by name in OPENPMD_PLUGIN_PATH", "[plugins]")
{
    auto const directory = std::filesystem::path(MEMORY_PLUGIN).parent_path().string();
    setenv("OPENPMD_PLUGIN_PATH", ("/nonexistent:" + directory).c_str(), 1);
    auto const plugin = loadBackendPlugin("memory");
    CHECK(plugin.name == "memory");
    CHECK(BackendRegistry::findByName("Memory") != nullptr);

    requireRefused("nosuchplugin", {"'nosuchplugin'", "libopenPMD_plugin_nosuchplugin.so",
                                    "/nonexistent", directory, "OPENPMD_PLUGIN_PATH"});
    unsetenv("OPENPMD_PLUGIN_PATH");
}

TEST_CASE("bad plugins are refused with the file and the reason", "[plugins]")
{
    requireRefused("/no/such/dir/libopenPMD_plugin_x.so",
                   {"'/no/such/dir/libopenPMD_plugin_x.so'", "no such file"});
    requireRefused(badPlugin("wrong_abi"),
                   {badPlugin("wrong_abi"), "plugin ABI version 42",
                    "this libopenPMD has version 2"});
    requireRefused(badPlugin("wrong_build"),
                   {badPlugin("wrong_build"), "built with MPI"});
    requireRefused(
        badPlugin("no_symbol"),
        {badPlugin("no_symbol"), "exports no symbol 'openPMD_backend_plugin'"});
    requireRefused(
        badPlugin("taken_extension"),
        {badPlugin("taken_extension"), "registering its backends failed", "'.json'"});
    requireRefused(badPlugin("throws"),
                   {badPlugin("throws"), "the storage service is unreachable"});
    // Not a shared library at all.
    requireRefused(__FILE__ ".so", {"no such file"});
    std::string const text = "not_a_library.so";
    {
        std::FILE* f = std::fopen(text.c_str(), "w");
        REQUIRE(f != nullptr);
        std::fputs("plain text\n", f);
        std::fclose(f);
    }
    requireRefused("./" + text, {"./" + text, "cannot load it"});

    // The JSON backend still owns its extension.
    CHECK(BackendRegistry::findByFilename("x.json")->name == "JSON");
}
