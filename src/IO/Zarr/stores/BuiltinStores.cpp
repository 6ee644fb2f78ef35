#include "IO/Zarr/stores/BuiltinStores.hpp"
#include "IO/Zarr/stores/DirectoryStore.hpp"
#include "IO/Zarr/stores/MemoryStore.hpp"

namespace openPMD
{
std::vector<StoreType> builtinStoreTypes()
{
    std::vector<StoreType> types;
    types.push_back(DirectoryStore::type());
    types.push_back(MemoryStore::type());
#if openPMD_HAVE_RADOS
    types.push_back(radosStoreType());
#endif
    return types;
}
} // namespace openPMD
