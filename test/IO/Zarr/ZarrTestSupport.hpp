#pragma once

// Helpers of the Zarr backend tests: fresh directories, reading keys of a
// directory store as text or JSON.

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace zarrtest
{
inline std::string freshDir(std::string const& name)
{
    std::filesystem::remove_all(name);
    std::filesystem::create_directories(name);
    return name;
}

inline std::string readText(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeText(std::string const& path, std::string const& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

inline nlohmann::json readJSON(std::string const& path)
{
    return nlohmann::json::parse(readText(path));
}

template <typename T>
std::shared_ptr<T> shared(std::vector<T> values)
{
    auto owner = std::make_shared<std::vector<T>>(std::move(values));
    return std::shared_ptr<T>(owner, owner->data());
}

/** Catches an exception of type E thrown by f and returns it. */
template <typename E, typename F>
E captureError(F&& f)
{
    try
    {
        f();
    }
    catch (E const& e)
    {
        return e;
    }
    FAIL("expected an exception of the requested type");
    throw std::logic_error("unreachable");
}
} // namespace zarrtest
