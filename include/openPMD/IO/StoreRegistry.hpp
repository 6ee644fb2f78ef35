#pragma once

// The table of key-value store types the Zarr backend can use: built-in
// ones (directory, memory, rados when built with librados) and types that
// plugins register at run time (the python plugin adds "python").

#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/KeyValueStore.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace openPMD
{
/** What a store factory is given to open one Zarr hierarchy. */
struct StoreArguments
{
    /**
     * The hierarchy's path as the Series names the file, joined with the
     * Series' directory, e.g. "/scratch/run_000100.zarr". A directory store
     * uses it as its root directory; other stores derive a key prefix or
     * object name from it.
     */
    std::string path;
    Access access = Access::READ_ONLY;
    /**
     * The `store` section of the Zarr options as inline JSON, "{}" if absent,
     * including "type". A factory reports keys it does not know with
     * error::BackendConfigSchema.
     */
    std::string options = "{}";
};

/** One store type. */
struct StoreType
{
    /** The value of "type" in the options, e.g. "rados". */
    std::string name;
    /** One line for listings and error messages. */
    std::string description;
    std::function<std::unique_ptr<KeyValueStore>(StoreArguments const&)> open;
    /**
     * Names of the hierarchies (files) directly in `directory`, for reading
     * a file-based Series. Arguments are as for open() with path set to the
     * directory. Empty: the directory on disk is listed.
     */
    std::function<std::vector<std::string>(StoreArguments const&)> listHierarchies;
};

class StoreRegistry
{
public:
    /** Built-in types first, then registered ones, in registration order. */
    static std::vector<StoreType> types();

    /** The type with this name; null if none. Stays valid for the process. */
    static StoreType const* find(std::string const& name);

    /**
     * Adds a store type.
     * @throws error::WrongAPIUsage if the name is taken or `open` is empty.
     */
    static void registerStoreType(StoreType type);

    /**
     * Opens the store that `arguments.options` names ("type", default
     * "directory").
     * @throws error::BackendConfigSchema for an unknown type, listing the
     *         known ones.
     */
    static std::unique_ptr<KeyValueStore> open(StoreArguments const& arguments);
};
} // namespace openPMD
