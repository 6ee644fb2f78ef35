#pragma once

// One connected librados cluster handle per (conf, user, timeout), shared by
// every rados store of the process: connecting reads the conf, talks to the
// monitors and starts librados' threads, which a store per file (a
// file-based Series opens one per iteration) must not repeat.

#include "openPMD/IO/Access.hpp"

#include <rados/librados.h>

#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>

namespace openPMD
{
struct RadosConnectionSettings
{
    /** ceph.conf of the cluster. */
    std::string conf;
    /** Client id without "client.", e.g. "admin". */
    std::string user = "admin";
    /** Limit for connecting and for monitor operations (e.g. pool lookups). */
    unsigned timeoutSeconds = 30;
};

class RadosConnection
{
public:
    /**
     * The process' connection for these settings, connecting on first use.
     * A failed connection is not kept: the next call tries again.
     * @throws error::ReadError (or error::WriteError when `access` writes)
     *         naming the conf and librados' cause.
     */
    static std::shared_ptr<RadosConnection> get(RadosConnectionSettings const& settings,
                                                Access access);

    ~RadosConnection();
    RadosConnection(RadosConnection const&) = delete;
    RadosConnection& operator=(RadosConnection const&) = delete;

    rados_t cluster() const { return m_cluster; }
    RadosConnectionSettings const& settings() const { return m_settings; }

    /**
     * The largest object one write may create: the smaller of the cluster's
     * osd_max_object_size and osd_max_write_size, as the client's
     * configuration (the conf and the monitors' config database) has them.
     */
    std::uint64_t maxObjectSize() const { return m_maxObjectSize; }

private:
    RadosConnection(RadosConnectionSettings settings, Access access);
    std::uint64_t configuredNumber(char const* option, std::uint64_t fallback) const;

    RadosConnectionSettings m_settings;
    rados_t m_cluster = nullptr;
    // The process that connected (librados' threads run only there).
    pid_t m_process;
    std::uint64_t m_maxObjectSize = 0;
};

/** E.g. "No such file or directory (errno 2)" for -ENOENT. */
std::string radosErrorText(int negativeErrno);
} // namespace openPMD
