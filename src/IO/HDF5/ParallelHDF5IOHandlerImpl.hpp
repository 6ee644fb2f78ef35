#pragma once

#include "IO/HDF5/HDF5IOHandlerImpl.hpp"

#include <mpi.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace openPMD
{
/**
 * The HDF5 backend over MPI-IO (backend name "MPI_HDF5"). See
 * docs/parallel-io.md for the rules every rank must follow.
 *
 * Metadata operations (files, groups, datasets, attributes, extension) are
 * collective: every rank of the communicator issues the same tasks in the
 * same order. Data transfers are independent by default; with collective
 * transfers (option hdf5.independent_stores = false, per handler or per
 * flush, or OPENPMD_HDF5_INDEPENDENT=OFF) they are queued and performed
 * together at the next synchronisation point (the end of the flush, or a
 * task that closes, deletes, extends or (re)creates), where the ranks agree
 * on the datasets involved and a rank without data of its own takes part
 * with an empty selection. So a rank never has to enqueue anything just to
 * keep others from hanging.
 *
 * Failures of data tasks (WRITE_DATASET, READ_DATASET), which may differ
 * between ranks, do not stop the drain on the failing rank (that would
 * misalign the collective sequence); they are reported at the end of the
 * flush, on every rank.
 */
class ParallelHDF5IOHandlerImpl final : public HDF5IOHandlerImpl
{
public:
    ParallelHDF5IOHandlerImpl(BackendArguments const& arguments, MPI_Comm comm);
    ~ParallelHDF5IOHandlerImpl() override;

    std::string backendName() const override;

protected:
    void beginFlush(FlushParams const&) override;
    void endFlush(FlushParams const&) override;

    void checkFile(Writable*, Parameter<Operation::CHECK_FILE> const&) override;
    void closeFile(Writable*, Parameter<Operation::CLOSE_FILE> const&) override;
    void deleteFile(Writable*, Parameter<Operation::DELETE_FILE> const&) override;
    void deletePath(Writable*, Parameter<Operation::DELETE_PATH> const&) override;
    void createDataset(Writable*, Parameter<Operation::CREATE_DATASET> const&) override;
    void extendDataset(Writable*, Parameter<Operation::EXTEND_DATASET> const&) override;
    void deleteDataset(Writable*, Parameter<Operation::DELETE_DATASET> const&) override;
    void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) override;
    void readDataset(Writable*, Parameter<Operation::READ_DATASET> const&) override;

    hdf5::Handle makeFileAccessList() const override;
    hid_t transferList() const override;
    void syncFile(hdf5::File const& file) override;
    std::set<std::string> knownFlushKeys() const override;

private:
    /** A data transfer of collective mode, waiting for the next synchronisation. */
    struct PendingTransfer
    {
        bool write = true;
        std::string file;
        std::string path;
        Datatype dtype = Datatype::UNDEFINED;
        Offset offset;
        Extent extent;
        std::shared_ptr<void const> source;
        std::shared_ptr<void> target;
    };

    /** Runs a data task; its failure is kept for the end of the flush. */
    template <typename Task>
    void runDeferringFailure(Task&& task);
    void keepFailure(std::exception_ptr failure);

    /** Records a transfer for collective mode after checking it as the task would. */
    void enqueueTransfer(Writable* writable, bool write, Offset const& offset,
                         Extent const& extent, Datatype dtype,
                         std::shared_ptr<void const> source,
                         std::shared_ptr<void> target);
    /** Collective: performs every pending transfer of every rank. */
    void synchronizeTransfers();
    /** Collective: `rounds` transfers on one dataset, `mine` of them with data. */
    void transferRounds(std::string const& file, std::string const& path, bool write,
                        size_t rounds, std::vector<PendingTransfer const*> const& mine);
    void transferOne(hid_t dataset, PendingTransfer const* transfer, bool write,
                     hdf5::Site const& site);

    /** Handler-wide transfer mode: default < OPENPMD_HDF5_INDEPENDENT < options. */
    bool independentByDefault() const;

    MPI_Comm m_comm = MPI_COMM_NULL;
    int m_rank = 0;
    int m_size = 1;
    bool m_collectiveMetadata = true;
    /** Transfer mode of the current flush. */
    bool m_independent = true;
    hdf5::Handle m_independentTransfer;
    hdf5::Handle m_collectiveTransfer;
    std::vector<PendingTransfer> m_pending;
    std::exception_ptr m_deferredFailure;
};
} // namespace openPMD
