// ParallelHDF5IOHandlerImpl: data transfers, independent or collective.
//
// Collective mode queues the transfers of a rank and performs them at a
// synchronisation point. There the ranks exchange which datasets they have
// transfers for (and how many), and for each dataset of the union every rank
// takes part in the same number of H5Dwrite/H5Dread calls: with its own
// selections first, then with empty selections. The order is the sorted
// union (writes before reads), the same on every rank.
#include "IO/HDF5/ParallelHDF5IOHandlerImpl.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/ChunkSelection.hpp"
#include "openPMD/backend/Writable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace openPMD
{
using hdf5::checkId;
using hdf5::checkStatus;
using hdf5::Handle;
using hdf5::Node;
using hdf5::Site;

namespace
{
/** (0 = write / 1 = read, file, path): writes sort first. */
using TransferKey = std::tuple<int, std::string, std::string>;

size_t elementCount(Extent const& extent)
{
    size_t count = 1;
    for (auto const n : extent)
    {
        count *= n;
    }
    return count;
}

/** Per key "<kind> <count> <file length> <path length> <file><path>": names may hold
 * any byte. */
std::string encode(std::map<TransferKey, size_t> const& counts)
{
    std::string out;
    for (auto const& [key, count] : counts)
    {
        auto const& [kind, file, path] = key;
        out += fmt::format("{} {} {} {} ", kind, count, file.size(), path.size());
        out += file;
        out += path;
    }
    return out;
}

void decodeInto(std::string const& text, std::map<TransferKey, size_t>& rounds)
{
    size_t position = 0;
    auto number = [&]
    {
        size_t const end = text.find(' ', position);
        size_t const value = std::stoull(text.substr(position, end - position));
        position = end + 1;
        return value;
    };
    while (position < text.size())
    {
        int const kind = static_cast<int>(number());
        size_t const count = number();
        size_t const fileLength = number();
        size_t const pathLength = number();
        std::string file = text.substr(position, fileLength);
        position += fileLength;
        std::string path = text.substr(position, pathLength);
        position += pathLength;
        size_t& slot = rounds[TransferKey{kind, std::move(file), std::move(path)}];
        slot = std::max(slot, count);
    }
}

/** Every rank's `mine`, gathered on every rank. */
std::vector<std::string> allGather(std::string const& mine, MPI_Comm comm, int size)
{
    int const length = static_cast<int>(mine.size());
    std::vector<int> lengths(static_cast<size_t>(size));
    MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm);
    std::vector<int> displacements(lengths.size());
    int total = 0;
    for (size_t r = 0; r < lengths.size(); ++r)
    {
        displacements[r] = total;
        total += lengths[r];
    }
    std::string all(static_cast<size_t>(total), '\0');
    MPI_Allgatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(),
                   displacements.data(), MPI_CHAR, comm);
    std::vector<std::string> out;
    for (size_t r = 0; r < lengths.size(); ++r)
    {
        out.push_back(all.substr(static_cast<size_t>(displacements[r]),
                                 static_cast<size_t>(lengths[r])));
    }
    return out;
}

Handle memorySpaceFor(Extent const& extent, Site const& site)
{
    if (extent.empty())
    {
        return Handle(
            checkId(H5Screate(H5S_SCALAR), site, "cannot create a dataspace for"));
    }
    std::vector<hsize_t> const dims(extent.begin(), extent.end());
    return Handle(
        checkId(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                site, "cannot create a dataspace for"));
}
} // namespace

template <typename Task>
void ParallelHDF5IOHandlerImpl::runDeferringFailure(Task&& task)
{
    try
    {
        task();
    }
    catch (...)
    {
        keepFailure(std::current_exception());
    }
}

void ParallelHDF5IOHandlerImpl::writeDataset(
    Writable* writable, Parameter<Operation::WRITE_DATASET> const& parameters)
{
    runDeferringFailure(
        [&]
        {
            if (m_independent)
            {
                HDF5IOHandlerImpl::writeDataset(writable, parameters);
                return;
            }
            enqueueTransfer(writable, true, parameters.offset, parameters.extent,
                            parameters.dtype, parameters.data, nullptr);
        });
}

void ParallelHDF5IOHandlerImpl::readDataset(
    Writable* writable, Parameter<Operation::READ_DATASET> const& parameters)
{
    runDeferringFailure(
        [&]
        {
            if (m_independent)
            {
                HDF5IOHandlerImpl::readDataset(writable, parameters);
                return;
            }
            enqueueTransfer(writable, false, parameters.offset, parameters.extent,
                            parameters.dtype, nullptr, parameters.data);
        });
}

void ParallelHDF5IOHandlerImpl::enqueueTransfer(Writable* writable, bool write,
                                                Offset const& offset,
                                                Extent const& extent, Datatype dtype,
                                                std::shared_ptr<void const> source,
                                                std::shared_ptr<void> target)
{
    Operation const operation =
        write ? Operation::WRITE_DATASET : Operation::READ_DATASET;
    Node& node = nodeOf(writable, operation);
    if (node.kind != Node::Kind::Dataset)
    {
        throw error::WrongAPIUsage(
            fmt::format("MPI_HDF5: {} on '{}' in file '{}', which is a group, not a "
                        "dataset",
                        operationToString(operation), node.path, node.file->name));
    }
    if (write)
    {
        requireWriteAccess(operation,
                           [&] {
                               return fmt::format("dataset '{}' in file '{}'", node.path,
                                                  node.file->name);
                           });
    }
    // Checks type and selection now, so that the error names this task.
    fileSpaceFor(node, offset, extent, dtype, !write);
    if (elementCount(extent) != 0 && !(write ? bool(source) : bool(target)))
    {
        throw error::WrongAPIUsage(
            fmt::format("MPI_HDF5: {} of '{}' in file '{}' without a buffer",
                        operationToString(operation), node.path, node.file->name));
    }
    PendingTransfer transfer;
    transfer.write = write;
    transfer.file = node.file->name;
    transfer.path = node.path;
    transfer.dtype = dtype;
    transfer.offset = offset;
    transfer.extent = extent;
    transfer.source = std::move(source);
    transfer.target = std::move(target);
    m_pending.push_back(std::move(transfer));
}

void ParallelHDF5IOHandlerImpl::synchronizeTransfers()
{
    std::vector<PendingTransfer> pending = std::move(m_pending);
    m_pending.clear();
    std::map<TransferKey, std::vector<PendingTransfer const*>> mine;
    std::map<TransferKey, size_t> counts;
    for (auto const& transfer : pending)
    {
        TransferKey key{transfer.write ? 0 : 1, transfer.file, transfer.path};
        mine[key].push_back(&transfer);
        ++counts[key];
    }
    std::map<TransferKey, size_t> rounds;
    for (auto const& text : allGather(encode(counts), m_comm, m_size))
    {
        decodeInto(text, rounds);
    }
    static std::vector<PendingTransfer const*> const none;
    for (auto const& [key, count] : rounds)
    {
        auto const& [kind, file, path] = key;
        auto const found = mine.find(key);
        // A failure is kept and the next dataset still done: the other
        // ranks go on with it too.
        runDeferringFailure(
            [&, &file = file, &path = path, kind = kind, count = count]
            {
                transferRounds(file, path, kind == 0, count,
                               found == mine.end() ? none : found->second);
            });
    }
}

void ParallelHDF5IOHandlerImpl::transferRounds(
    std::string const& fileName, std::string const& path, bool write, size_t rounds,
    std::vector<PendingTransfer const*> const& mine)
{
    Site const site{fileName, path, error::AffectedObject::Dataset, !write};
    hdf5::File* file = m_nodes.findFile(fileName);
    if (file == nullptr)
    {
        hdf5::raise(site, error::Reason::Other,
                    "cannot transfer collective data of dataset",
                    "its file was closed before the data could be transferred");
    }
    // Opened by path on every rank (a collective metadata read), whether or
    // not this rank has data for it.
    Handle const dataset(checkId(H5Dopen2(file->id.get(), path.c_str(), H5P_DEFAULT),
                                 site, "cannot open dataset"));
    // A dataset without elements has no storage, and HDF5 fails collective
    // calls on it even with empty selections. Its extent is the same on
    // every rank, so all skip it alike.
    Handle const space(
        checkId(H5Dget_space(dataset.get()), site, "cannot get the extent of"));
    hssize_t const elements = H5Sget_simple_extent_npoints(space.get());
    if (elements < 0)
    {
        hdf5::raiseFromStack(site, "cannot count the elements of");
    }
    if (elements == 0)
    {
        return;
    }
    for (size_t round = 0; round < rounds; ++round)
    {
        transferOne(dataset.get(), round < mine.size() ? mine[round] : nullptr, write,
                    site);
    }
}

void ParallelHDF5IOHandlerImpl::transferOne(hid_t dataset,
                                            PendingTransfer const* transfer, bool write,
                                            Site const& site)
{
    Handle fileSpace(checkId(H5Dget_space(dataset), site, "cannot get the extent of"));
    Handle memorySpace;
    Handle ownType;
    hid_t memoryType = H5I_INVALID_HID;
    void* buffer = nullptr;
    unsigned char placeholder = 0;
    bool const hasData = transfer != nullptr && elementCount(transfer->extent) != 0;
    if (hasData)
    {
        if (!transfer->extent.empty())
        {
            std::vector<hsize_t> const start(transfer->offset.begin(),
                                             transfer->offset.end());
            std::vector<hsize_t> const count(transfer->extent.begin(),
                                             transfer->extent.end());
            checkStatus(H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, start.data(),
                                            nullptr, count.data(), nullptr),
                        site, "cannot select a region of");
        }
        memorySpace = memorySpaceFor(transfer->extent, site);
        memoryType = m_types.elementType(transfer->dtype);
        buffer =
            write ? const_cast<void*>(transfer->source.get()) : transfer->target.get();
    }
    else
    {
        // Taking part without data: an empty selection on both sides.
        checkStatus(H5Sselect_none(fileSpace.get()), site,
                    "cannot clear the selection of");
        memorySpace = Handle(
            checkId(H5Scopy(fileSpace.get()), site, "cannot create a dataspace for"));
        ownType = Handle(checkId(H5Dget_type(dataset), site, "cannot get the type of"));
        memoryType = ownType.get();
        // HDF5 rejects a null buffer even when nothing is transferred.
        buffer = &placeholder;
    }
    if (write)
    {
        checkStatus(H5Dwrite(dataset, memoryType, memorySpace.get(), fileSpace.get(),
                             m_collectiveTransfer.get(), buffer),
                    site, "cannot write (collectively) to dataset");
    }
    else
    {
        checkStatus(H5Dread(dataset, memoryType, memorySpace.get(), fileSpace.get(),
                            m_collectiveTransfer.get(), buffer),
                    site, "cannot read (collectively) from dataset");
    }
}
} // namespace openPMD
