#include "IO/Zarr/stores/BuiltinStores.hpp"

namespace openPMD
{
std::vector<StoreType> builtinStoreTypes()
{
    std::vector<StoreType> types;
    return types;
}
} // namespace openPMD
