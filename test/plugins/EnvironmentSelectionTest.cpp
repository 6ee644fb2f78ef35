// OPENPMD_BACKEND and OPENPMD_OPTIONS redirect a Series whatever its file
// name; the precedence is: the Series' own `backend` option, then that of
// OPENPMD_OPTIONS, then OPENPMD_BACKEND, then the extension.

#include <openPMD/IO/PluginLoader.hpp>
#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace openPMD;

namespace
{
/** Sets an environment variable for the life of the object. */
class ScopedVariable
{
public:
    ScopedVariable(char const* name, std::string const& value) : m_name(name)
    {
        setenv(name, value.c_str(), 1);
    }
    ~ScopedVariable() { unsetenv(m_name); }
    ScopedVariable(ScopedVariable const&) = delete;
    ScopedVariable& operator=(ScopedVariable const&) = delete;

private:
    char const* m_name;
};

std::string backendOf(std::string const& path, std::string const& options = "{}")
{
    Series series(path, Access::CREATE, options);
    series.iterations[0].setAttribute("x", 1);
    std::string const backend = series.backend();
    series.close();
    return backend;
}

char firstByteOf(std::string const& path)
{
    std::ifstream file(path);
    char c = '\0';
    file >> c;
    return c;
}
} // namespace

TEST_CASE("OPENPMD_BACKEND redirects every Series that names no backend", "[plugins]")
{
    std::filesystem::remove_all("env_backend");
    std::filesystem::create_directories("env_backend");
    {
        ScopedVariable backend("OPENPMD_BACKEND", "json");
        CHECK(backendOf("env_backend/a.h5") == "JSON");
        CHECK(firstByteOf("env_backend/a.h5") == '{'); // JSON text under the .h5 name
        Series read("env_backend/a.h5", Access::READ_ONLY);
        CHECK(read.iterations[0].getAttribute("x").get<int>() == 1);

        // The Series' own option wins.
#if openPMD_HAVE_HDF5
        CHECK(backendOf("env_backend/b.json", R"({"backend": "hdf5"})") == "HDF5");
#endif
    }
    {
        ScopedVariable backend("OPENPMD_BACKEND", "nosuchbackend");
        try
        {
            backendOf("env_backend/c.json");
            FAIL("an unknown OPENPMD_BACKEND was accepted");
        }
        catch (error::BackendConfigSchema const& e)
        {
            std::string const message = e.what();
            CHECK(message.find("OPENPMD_BACKEND") != std::string::npos);
            CHECK(message.find("'nosuchbackend'") != std::string::npos);
            CHECK(message.find("json") != std::string::npos); // lists what exists
        }
    }
    CHECK(backendOf("env_backend/d.json") == "JSON");
}

TEST_CASE("OPENPMD_OPTIONS is merged under the Series' own options", "[plugins]")
{
    loadBackendPlugin(MEMORY_PLUGIN);
    std::filesystem::remove_all("env_options");
    std::filesystem::create_directories("env_options");
    {
        // The backend key there wins over OPENPMD_BACKEND and the extension;
        // the Series' own wins over it.
        ScopedVariable options("OPENPMD_OPTIONS", R"({"backend": "memory"})");
        ScopedVariable backend("OPENPMD_BACKEND", "json");
        CHECK(backendOf("env_options/a.json") == "Memory");
        CHECK_FALSE(std::filesystem::exists("env_options/a.json"));
        CHECK(backendOf("env_options/b.h5", R"({"backend": "json"})") == "JSON");
    }
    {
        // TOML, and a nested section merged key by key: the Series' own null
        // removes the key that OPENPMD_OPTIONS set.
        ScopedVariable options("OPENPMD_OPTIONS",
                               "backend = \"memory\"\n[memory]\nunknown_key = 1\n");
        CHECK_THROWS_AS(backendOf("env_options/c.json"), error::BackendConfigSchema);
        CHECK(backendOf("env_options/c.json", R"({"memory": {"unknown_key": null}})") ==
              "Memory");
    }
    {
        std::ofstream("env_options/options.json") << R"({"backend": "memory"})";
        ScopedVariable options("OPENPMD_OPTIONS", "@env_options/options.json");
        CHECK(backendOf("env_options/d.json") == "Memory");
    }
    {
        ScopedVariable options("OPENPMD_OPTIONS", "{not json");
        try
        {
            backendOf("env_options/e.json");
            FAIL("an OPENPMD_OPTIONS that does not parse was accepted");
        }
        catch (error::BackendConfigSchema const& e)
        {
            CHECK(std::string(e.what()).find("OPENPMD_OPTIONS") != std::string::npos);
        }
    }
}
