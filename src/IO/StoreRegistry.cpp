#include "openPMD/IO/StoreRegistry.hpp"
#include "IO/Zarr/stores/BuiltinStores.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/PluginLoader.hpp"

#include <deque>
#include <fmt/format.h>
#include <mutex>
#include <nlohmann/json.hpp>

namespace openPMD
{
namespace
{
std::deque<StoreType> makeBuiltins()
{
    auto builtins = builtinStoreTypes();
    return {builtins.begin(), builtins.end()};
}

struct Table
{
    std::mutex mutex;
    // A deque: find() hands out pointers that registration must not move.
    std::deque<StoreType> types = makeBuiltins();
};

Table& table()
{
    static Table instance;
    return instance;
}

std::string typeNameOf(std::string const& optionsText)
{
    nlohmann::json options;
    try
    {
        options = nlohmann::json::parse(optionsText);
    }
    catch (nlohmann::json::exception const& e)
    {
        throw error::BackendConfigSchema({"zarr", "store"},
                                         fmt::format("not valid JSON: {}", e.what()));
    }
    if (!options.is_object())
        throw error::BackendConfigSchema({"zarr", "store"}, "expected an object");
    auto type = options.find("type");
    if (type == options.end())
        return "directory";
    if (!type->is_string())
        throw error::BackendConfigSchema({"zarr", "store", "type"},
                                         "expected a string naming the store type");
    return type->get<std::string>();
}
} // namespace

std::vector<StoreType> StoreRegistry::types()
{
    auto& t = table();
    std::lock_guard<std::mutex> lock(t.mutex);
    return {t.types.begin(), t.types.end()};
}

StoreType const* StoreRegistry::find(std::string const& name)
{
    auto& t = table();
    std::lock_guard<std::mutex> lock(t.mutex);
    for (auto const& type : t.types)
        if (type.name == name)
            return &type;
    return nullptr;
}

void StoreRegistry::registerStoreType(StoreType type)
{
    if (!type.open)
        throw error::WrongAPIUsage(fmt::format(
            "store type '{}' registered without an open function", type.name));
    auto& t = table();
    std::lock_guard<std::mutex> lock(t.mutex);
    for (auto const& existing : t.types)
        if (existing.name == type.name)
            throw error::WrongAPIUsage(
                fmt::format("store type '{}' is registered already", type.name));
    t.types.push_back(std::move(type));
}

namespace
{
/**
 * "python" stores come from the python plugin: a C++ program that names one
 * gets the plugin loaded here, without OPENPMD_PLUGINS.
 */
void loadPluginOfType(std::string const& name)
{
    if (name != "python" || StoreRegistry::find(name) != nullptr)
        return;
    try
    {
        loadBackendPlugin("python");
    }
    catch (error::PluginLoad const& e)
    {
        throw error::BackendConfigSchema(
            {"zarr", "store", "type"},
            fmt::format("store type 'python' needs the python plugin, which did not "
                        "load: {} (set OPENPMD_PLUGIN_PATH to its directory)",
                        e.what()));
    }
}
} // namespace

std::unique_ptr<KeyValueStore> StoreRegistry::open(StoreArguments const& arguments)
{
    auto const name = typeNameOf(arguments.options);
    loadPluginOfType(name);
    std::function<std::unique_ptr<KeyValueStore>(StoreArguments const&)> opener;
    std::string known;
    {
        auto& t = table();
        std::lock_guard<std::mutex> lock(t.mutex);
        for (auto const& type : t.types)
        {
            known += known.empty() ? type.name : ", " + type.name;
            if (type.name == name)
                opener = type.open;
        }
    }
    if (!opener)
        throw error::BackendConfigSchema(
            {"zarr", "store", "type"},
            fmt::format("unknown store type '{}' (known: {})", name, known));
    return opener(arguments);
}
} // namespace openPMD
