// The HDF5 handler's part in surviving kills and full disks
// (docs/reliability.md): the recovery index of group-based files, opening
// members by address when a listing is damaged, and detaching a file whose
// flush cannot succeed.
#include "IO/HDF5/HDF5IOHandlerImpl.hpp"
#include "IO/HDF5/HDF5RecoveryIndex.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/auxiliary/Path.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <iostream>

namespace openPMD
{
using hdf5::checkStatus;
using hdf5::Handle;
using hdf5::Node;
using hdf5::Site;

void HDF5IOHandlerImpl::requireIntact(hdf5::File const& file, std::string const& path)
{
    if (!file.failedWrite.empty())
    {
        hdf5::raise(Site{file.name, path, error::AffectedObject::File, false},
                    error::Reason::Other, "cannot write to",
                    "an earlier write to this file failed, and it takes no more "
                    "writes; what was flushed before stays readable. The first "
                    "failure: " +
                        file.failedWrite);
    }
}

void HDF5IOHandlerImpl::flushOrDetach(hdf5::File& file)
{
    Site const site{file.name, "/", error::AffectedObject::File, false};
    try
    {
        // HDF5 1.10 cannot recover from a failed H5Fflush ("slist already
        // enabled?"): the file could then never be closed. So a flush that
        // would likely run out of space is not started.
        auto const freeBytes = hdf5::freeBytesBelow(file.id.get());
        if (freeBytes && *freeBytes < hdf5::flushReserve)
        {
            hdf5::raise(site, error::Reason::Other, "cannot flush",
                        fmt::format("the file system has {} bytes free, less than the "
                                    "{} bytes a flush of HDF5 metadata is given",
                                    *freeBytes, hdf5::flushReserve));
        }
        checkStatus(H5Fflush(file.id.get(), H5F_SCOPE_LOCAL), site, "cannot flush");
    }
    catch (Error const& failure)
    {
        file.failedWrite = failure.what();
        hdf5::detachFromDisk(file.id.get());
        throw;
    }
}

Handle HDF5IOHandlerImpl::reopenBelowParent(Node& node)
{
    Node* parent = node.parent ? m_nodes.find(node.parent) : nullptr;
    if (parent == nullptr || parent->file != node.file || !parent->members ||
        node.path.size() <= parent->path.size() + 1)
    {
        return Handle();
    }
    std::string const relative =
        node.path.substr(parent->path == "/" ? 1 : parent->path.size() + 1);
    return tryOpenMember(*parent, relative,
                         node.kind == Node::Kind::Dataset ? H5I_DATASET : H5I_GROUP);
}

void HDF5IOHandlerImpl::noteForRecoveryIndex(hdf5::File& file, std::string const& path,
                                             hid_t group)
{
    if (hdf5::splitPath(path).size() != 2)
    {
        return;
    }
    if (auto const address = hdf5::addressOfObject(group))
    {
        file.unindexedGroups.push_back({path, *address});
    }
}

void HDF5IOHandlerImpl::indexFlushedGroups(hdf5::File& file)
{
    if (file.unindexedGroups.empty() ||
        (!file.keepsRecoveryIndex && file.unindexedGroups.size() < 2))
    {
        return;
    }
    file.keepsRecoveryIndex = true;
    if (!hdf5::appendRecoveryEntries(file.name, file.unindexedGroups, m_durableFlush) &&
        !m_warnedAboutRecoveryIndex)
    {
        // The data are written; only the recovery of a damaged file suffers.
        m_warnedAboutRecoveryIndex = true;
        std::cerr << fmt::format("openPMD HDF5 warning: cannot write the recovery index "
                                 "'{}' ({}); a kill during a later flush may lose "
                                 "iterations that it would have saved\n",
                                 hdf5::recoveryIndexName(file.name),
                                 std::strerror(errno));
    }
    file.unindexedGroups.clear();
}
} // namespace openPMD
