#include "IO/Zarr/stores/StoreOptions.hpp"
#include "openPMD/Error.hpp"

namespace openPMD::zarrstore
{
nlohmann::json parseStoreOptions(std::string const& text, std::string const& storeType,
                                 std::set<std::string> const& known)
{
    nlohmann::json options;
    try
    {
        options = nlohmann::json::parse(text);
    }
    catch (nlohmann::json::exception const& e)
    {
        throw error::BackendConfigSchema({"zarr", "store"},
                                         std::string("not valid JSON: ") + e.what());
    }
    if (!options.is_object())
        throw error::BackendConfigSchema({"zarr", "store"}, "expected an object");
    for (auto const& item : options.items())
    {
        if (item.key() != "type" && known.count(item.key()) == 0)
            throw error::BackendConfigSchema({"zarr", "store", item.key()},
                                             "unknown option of the '" + storeType +
                                                 "' store");
    }
    return options;
}
} // namespace openPMD::zarrstore
