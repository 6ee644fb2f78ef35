#pragma once

// Where the store tests write: for each store type, the options that open
// it and a fresh location (a temporary directory, a unique path in the
// memory store or in the RADOS pool) that is emptied again afterwards.

#include "openPMD/IO/StoreRegistry.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace store_test
{
/** Why a type cannot be tested here, or nullopt if it can. */
struct Availability
{
    std::optional<std::string> skipReason;
};

/**
 * Loads the python plugin when it is built, so that its store type
 * "python" is tested too (with S3Store against the fixture's radosgw).
 */
void registerPluginStoreTypes();

/**
 * The options (inline JSON) that open `type` in the tests. A type the tests
 * do not know fails the test (REQUIRE): every registered store is tested.
 * "rados" needs CEPH_CONF and OPENPMD_TEST_RADOS_POOL (set by the CTest
 * fixture "ceph"); without them it is skipped with a message, unless CI is
 * set, where it fails.
 */
std::string optionsFor(std::string const& type, Availability& availability);

/** The rados options of the test cluster; nullopt (after the skip message or failure)
 * without one. */
std::optional<std::string> radosTestOptions(std::string const& extraOptions = "");

class StoreScratch
{
public:
    /** A fresh location for `type`, opened with `options`. */
    StoreScratch(std::string type, std::string options);
    /** Erases what the stores opened here wrote; never throws. */
    ~StoreScratch();
    StoreScratch(StoreScratch const&) = delete;
    StoreScratch& operator=(StoreScratch const&) = delete;

    std::string const& type() const { return m_type; }
    /** The path of hierarchy `name` inside the location. */
    std::string path(std::string const& name) const;
    /** The location itself, as a directory of hierarchies. */
    std::string const& directory() const { return m_root; }

    openPMD::StoreArguments
    arguments(std::string const& name,
              openPMD::Access access = openPMD::Access::CREATE) const;
    std::unique_ptr<openPMD::KeyValueStore>
    open(std::string const& name, openPMD::Access access = openPMD::Access::CREATE);

private:
    std::string m_type;
    std::string m_options;
    std::string m_root;
    bool m_onDisk = false;
    std::vector<std::string> m_opened;
};
} // namespace store_test
