// The "rados" entry of the store registry: reads the store options and
// opens RadosStore objects on the shared connection of their cluster.

#include "IO/Zarr/stores/BuiltinStores.hpp"
#include "IO/Zarr/stores/RadosStore.hpp"
#include "openPMD/Error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace openPMD
{
namespace
{
struct RadosStoreOptions
{
    RadosConnectionSettings connection;
    std::string pool;
    std::string radosNamespace;
};

std::vector<std::string> location(std::string const& key)
{
    return {"zarr", "store", key};
}

std::string stringOption(nlohmann::json const& options, std::string const& key,
                         std::string fallback)
{
    auto found = options.find(key);
    if (found == options.end())
        return fallback;
    if (!found->is_string())
        throw error::BackendConfigSchema(location(key), "expected a string");
    return found->get<std::string>();
}

RadosStoreOptions parseOptions(std::string const& text)
{
    nlohmann::json options;
    try
    {
        options = nlohmann::json::parse(text);
    }
    catch (nlohmann::json::exception const& e)
    {
        throw error::BackendConfigSchema({"zarr", "store"},
                                         fmt::format("not valid JSON: {}", e.what()));
    }
    if (!options.is_object())
        throw error::BackendConfigSchema({"zarr", "store"}, "expected an object");
    static char const* const known[] = {"type", "pool", "namespace",
                                        "conf", "user", "timeout"};
    for (auto const& entry : options.items())
    {
        bool isKnown = false;
        for (auto name : known)
            isKnown = isKnown || entry.key() == name;
        if (!isKnown)
            throw error::BackendConfigSchema(
                location(entry.key()),
                "unknown option of the rados store (known: type, pool, namespace, conf, "
                "user, timeout)");
    }

    RadosStoreOptions result;
    result.pool = stringOption(options, "pool", "");
    if (result.pool.empty())
        throw error::BackendConfigSchema(location("pool"),
                                         "the rados store needs the name of a pool");
    result.radosNamespace = stringOption(options, "namespace", "");
    char const* environmentConf = std::getenv("CEPH_CONF");
    result.connection.conf = stringOption(
        options, "conf",
        environmentConf && *environmentConf ? environmentConf : "/etc/ceph/ceph.conf");
    result.connection.user = stringOption(options, "user", "admin");
    if (result.connection.user.empty())
        throw error::BackendConfigSchema(location("user"),
                                         "expected a client id, e.g. admin");
    auto timeout = options.find("timeout");
    if (timeout != options.end())
    {
        if (!timeout->is_number() || timeout->get<double>() < 1 ||
            timeout->get<double>() > 86400)
            throw error::BackendConfigSchema(
                location("timeout"), "expected a number of seconds in [1, 86400]");
        result.connection.timeoutSeconds = static_cast<unsigned>(timeout->get<double>());
    }
    return result;
}

std::unique_ptr<RadosStore> openStore(StoreArguments const& arguments)
{
    auto options = parseOptions(arguments.options);
    auto connection = RadosConnection::get(options.connection, arguments.access);
    return std::make_unique<RadosStore>(std::move(connection), options.pool,
                                        options.radosNamespace, arguments.path,
                                        arguments.access);
}
} // namespace

StoreType radosStoreType()
{
    StoreType type;
    type.name = "rados";
    type.description = "Ceph RADOS through librados: one object per key in a pool "
                       "(options pool, namespace, conf, user, timeout)";
    type.open = [](StoreArguments const& arguments) -> std::unique_ptr<KeyValueStore>
    { return openStore(arguments); };
    type.listHierarchies = [](StoreArguments const& arguments)
    {
        StoreArguments directory = arguments;
        directory.access = Access::READ_ONLY;
        return openStore(directory)->hierarchiesInDirectory();
    };
    return type;
}
} // namespace openPMD
