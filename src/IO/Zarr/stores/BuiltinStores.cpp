#include "IO/Zarr/stores/BuiltinStores.hpp"

namespace openPMD
{
std::vector<StoreType> builtinStoreTypes()
{
    std::vector<StoreType> types;
#if openPMD_HAVE_RADOS
    types.push_back(radosStoreType());
#endif
    return types;
}
} // namespace openPMD
