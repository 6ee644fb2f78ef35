#include "IO/Zarr/stores/RadosConnection.hpp"
#include "openPMD/Error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <system_error>
#include <unistd.h>

namespace openPMD
{
namespace
{
[[noreturn]] void throwConnectionError(Access access, std::string const& description)
{
    if (access::readOnly(access))
        throw error::ReadError(error::AffectedObject::File, error::Reason::Inaccessible,
                               "rados", description);
    throw error::WriteError(error::AffectedObject::File, "rados", description);
}

struct ConnectionTable
{
    std::mutex mutex;
    // Kept until exit, so that files opened one after another share a
    // connection. Destroyed before librados' own statics (which were
    // constructed earlier, when the library was loaded), so rados_shutdown
    // still works then.
    std::map<std::string, std::shared_ptr<RadosConnection>> connections;
};

ConnectionTable& connectionTable()
{
    static ConnectionTable table;
    return table;
}
} // namespace

std::string radosErrorText(int negativeErrno)
{
    return fmt::format("{} (errno {})", std::generic_category().message(-negativeErrno),
                       -negativeErrno);
}

std::shared_ptr<RadosConnection>
RadosConnection::get(RadosConnectionSettings const& settings, Access access)
{
    auto const id =
        fmt::format("{}\n{}\n{}", settings.conf, settings.user, settings.timeoutSeconds);
    auto& table = connectionTable();
    // Held while connecting: two threads opening stores at once connect once.
    std::lock_guard<std::mutex> lock(table.mutex);
    auto found = table.connections.find(id);
    // A forked child has none of the parent's librados threads: it connects
    // anew, and leaves the parent's handle alone (see the destructor).
    if (found != table.connections.end() && found->second->m_process == ::getpid())
        return found->second;
    if (found != table.connections.end())
        table.connections.erase(found);
    std::shared_ptr<RadosConnection> connection(new RadosConnection(settings, access));
    table.connections.emplace(id, connection);
    return connection;
}

RadosConnection::RadosConnection(RadosConnectionSettings settings, Access access)
    : m_settings(std::move(settings)), m_process(::getpid())
{
    auto const where = fmt::format("rados store: cluster of conf '{}' as client.{}",
                                   m_settings.conf, m_settings.user);
    int rc = rados_create(&m_cluster, m_settings.user.c_str());
    if (rc < 0)
    {
        m_cluster = nullptr;
        throwConnectionError(access,
                             fmt::format("{}: cannot create a librados handle: {}", where,
                                         radosErrorText(rc)));
    }
    // From here on a failure must shut the handle down before throwing.
    auto fail = [&](std::string const& what, int code)
    {
        rados_shutdown(m_cluster);
        m_cluster = nullptr;
        throwConnectionError(
            access, fmt::format("{}: {}: {}", where, what, radosErrorText(code)));
    };
    rc = rados_conf_read_file(m_cluster, m_settings.conf.c_str());
    if (rc < 0)
        fail("cannot read the conf", rc);
    // librados waits 300 s for an unreachable monitor by default, and for
    // ever for a monitor command.
    auto const timeout = std::to_string(m_settings.timeoutSeconds);
    for (char const* option : {"client_mount_timeout", "rados_mon_op_timeout"})
    {
        rc = rados_conf_set(m_cluster, option, timeout.c_str());
        if (rc < 0)
            fail(fmt::format("cannot set {}", option), rc);
    }
    rc = rados_connect(m_cluster);
    if (rc < 0)
        fail(fmt::format("cannot connect within {} s", m_settings.timeoutSeconds), rc);
    // Ceph's defaults if the client cannot tell; osd_max_write_size is in MiB.
    std::uint64_t const mebibyte = 1024 * 1024;
    m_maxObjectSize = std::min(configuredNumber("osd_max_object_size", 128 * mebibyte),
                               configuredNumber("osd_max_write_size", 90) * mebibyte);
}

std::uint64_t RadosConnection::configuredNumber(char const* option,
                                                std::uint64_t fallback) const
{
    char text[64] = {};
    if (rados_conf_get(m_cluster, option, text, sizeof text - 1) < 0)
        return fallback;
    char* end = nullptr;
    auto value = std::strtoull(text, &end, 10);
    if (end == text || *end != '\0' || value == 0)
        return fallback;
    return value;
}

RadosConnection::~RadosConnection()
{
    // In a forked child, shutting the parent's handle down would wait for
    // threads that exist only in the parent: the memory is left instead.
    if (m_cluster && m_process == ::getpid())
        rados_shutdown(m_cluster);
}
} // namespace openPMD
