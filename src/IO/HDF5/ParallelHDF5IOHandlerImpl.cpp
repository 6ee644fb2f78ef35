// ParallelHDF5IOHandlerImpl: set-up, options, file operations and the end of
// a flush. Data transfers are in ParallelHDF5Transfers.cpp.
#include "IO/HDF5/ParallelHDF5IOHandlerImpl.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/backend/Writable.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

namespace openPMD
{
using hdf5::checkId;
using hdf5::checkStatus;
using hdf5::Handle;
using hdf5::Site;

namespace
{
char const* const backend = "MPI_HDF5";

/** ON/OFF style switch from the environment; `fallback` if unset. */
bool environmentSwitch(char const* name, bool fallback)
{
    char const* raw = std::getenv(name);
    if (raw == nullptr || *raw == '\0')
    {
        return fallback;
    }
    std::string value = raw;
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (value == "ON" || value == "TRUE" || value == "YES" || value == "1")
    {
        return true;
    }
    if (value == "OFF" || value == "FALSE" || value == "NO" || value == "0")
    {
        return false;
    }
    throw error::BackendConfigSchema(
        {name},
        fmt::format("environment variable {}: expected ON or OFF, got '{}'", name, raw));
}

bool booleanOption(nlohmann::json const& section, char const* key,
                   std::string const& location, bool fallback)
{
    auto const it = section.find(key);
    if (it == section.end())
    {
        return fallback;
    }
    if (!it->is_boolean())
    {
        throw error::BackendConfigSchema(
            {"hdf5", key}, fmt::format("{}.{}: expected true or false, got {}", location,
                                       key, it->dump()));
    }
    return it->get<bool>();
}

Handle makeTransferList(H5FD_mpio_xfer_t mode)
{
    Site const site{"", "/", error::AffectedObject::Other, false};
    Handle list(checkId(H5Pcreate(H5P_DATASET_XFER), site,
                        "cannot create a transfer property list for"));
    checkStatus(H5Pset_dxpl_mpio(list.get(), mode), site,
                "cannot set the MPI transfer mode for");
    return list;
}

void checkMPI(int code, char const* call)
{
    if (code != MPI_SUCCESS)
    {
        char text[MPI_MAX_ERROR_STRING] = {};
        int length = 0;
        MPI_Error_string(code, text, &length);
        throw error::WriteError(error::AffectedObject::Other, backend,
                                fmt::format("MPI_HDF5: {} failed: {}", call, text));
    }
}
} // namespace

ParallelHDF5IOHandlerImpl::ParallelHDF5IOHandlerImpl(BackendArguments const& arguments,
                                                     MPI_Comm comm)
    : HDF5IOHandlerImpl(arguments, {"independent_stores"})
{
    // Our own communicator: our collectives never match the user's messages.
    checkMPI(MPI_Comm_dup(comm, &m_comm), "MPI_Comm_dup");
    MPI_Comm_rank(m_comm, &m_rank);
    MPI_Comm_size(m_comm, &m_size);
    m_collectiveMetadata = environmentSwitch("OPENPMD_HDF5_COLLECTIVE_METADATA", true);
    m_independent = independentByDefault();
    // Every rank would append the same entries; not kept in parallel yet.
    m_keepsRecoveryIndexes = false;
    m_independentTransfer = makeTransferList(H5FD_MPIO_INDEPENDENT);
    m_collectiveTransfer = makeTransferList(H5FD_MPIO_COLLECTIVE);
}

ParallelHDF5IOHandlerImpl::~ParallelHDF5IOHandlerImpl()
{
    // Files are closed (collectively) by the base destructor, which runs
    // after this one: the communicator must outlive it, HDF5 holds its own
    // duplicate. Ours is freed only while MPI still runs.
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized && m_comm != MPI_COMM_NULL)
    {
        MPI_Comm_free(&m_comm);
    }
}

std::string ParallelHDF5IOHandlerImpl::backendName() const
{
    return backend;
}

bool ParallelHDF5IOHandlerImpl::independentByDefault() const
{
    bool const fromEnvironment = environmentSwitch("OPENPMD_HDF5_INDEPENDENT", true);
    return booleanOption(m_handlerOptions, "independent_stores", "hdf5", fromEnvironment);
}

std::set<std::string> ParallelHDF5IOHandlerImpl::knownFlushKeys() const
{
    return {"independent_stores"};
}

void ParallelHDF5IOHandlerImpl::beginFlush(FlushParams const& params)
{
    m_deferredFailure = nullptr;
    m_pending.clear();
    // Read before the base starts the flush: if this throws, no endFlush follows.
    bool independent = independentByDefault();
    if (!params.backendConfig.empty() && params.backendConfig != "{}")
    {
        auto const config = auxiliary::parseOptions(params.backendConfig);
        if (auto const it = config.find("hdf5"); it != config.end() && it->is_object())
        {
            independent = booleanOption(*it, "independent_stores", "hdf5 (flush options)",
                                        independent);
        }
    }
    HDF5IOHandlerImpl::beginFlush(params);
    m_independent = independent;
}

void ParallelHDF5IOHandlerImpl::keepFailure(std::exception_ptr failure)
{
    if (!m_deferredFailure)
    {
        m_deferredFailure = std::move(failure);
    }
}

void ParallelHDF5IOHandlerImpl::endFlush(FlushParams const& params)
{
    if (!m_independent)
    {
        try
        {
            synchronizeTransfers();
        }
        catch (...)
        {
            keepFailure(std::current_exception());
        }
    }
    // Every rank learns whether any rank failed, so that all report it.
    int const mine = m_deferredFailure ? 1 : 0;
    int failedRanks = 0;
    MPI_Allreduce(&mine, &failedRanks, 1, MPI_INT, MPI_SUM, m_comm);
    std::exception_ptr persistFailure;
    // H5Fflush is collective, and with independent transfers one rank may
    // have written to a file that another has not: every rank flushes all.
    for (hdf5::File* file : m_nodes.files())
    {
        file->unflushed = true;
        file->unsynced = true;
    }
    try
    {
        HDF5IOHandlerImpl::endFlush(params);
    }
    catch (...)
    {
        persistFailure = std::current_exception();
    }
    if (m_deferredFailure)
    {
        std::rethrow_exception(std::exchange(m_deferredFailure, nullptr));
    }
    if (persistFailure)
    {
        std::rethrow_exception(persistFailure);
    }
    if (failedRanks > 0)
    {
        throw error::WriteError(
            error::AffectedObject::Other, backend,
            fmt::format("MPI_HDF5: a data operation failed on {} other rank(s) in this "
                        "flush (see the error reported there); this rank's own "
                        "operations completed",
                        failedRanks));
    }
}

Handle ParallelHDF5IOHandlerImpl::makeFileAccessList() const
{
    Handle list = HDF5IOHandlerImpl::makeFileAccessList();
    Site const site{m_directory, "/", error::AffectedObject::File, false};
    checkStatus(H5Pset_fapl_mpio(list.get(), m_comm, MPI_INFO_NULL), site,
                "cannot set up MPI-IO access for");
    if (m_collectiveMetadata)
    {
        checkStatus(H5Pset_all_coll_metadata_ops(list.get(), true), site,
                    "cannot enable collective metadata reads for");
        checkStatus(H5Pset_coll_metadata_write(list.get(), true), site,
                    "cannot enable collective metadata writes for");
    }
    return list;
}

hid_t ParallelHDF5IOHandlerImpl::transferList() const
{
    return m_independent ? m_independentTransfer.get() : m_collectiveTransfer.get();
}

void ParallelHDF5IOHandlerImpl::syncFile(hdf5::File const& file)
{
    // H5Fflush has written everything (collectively); one fsync suffices.
    int failed = 0;
    if (m_rank == 0)
    {
        try
        {
            HDF5IOHandlerImpl::syncFile(file);
        }
        catch (...)
        {
            failed = 1;
            keepFailure(std::current_exception());
        }
    }
    MPI_Bcast(&failed, 1, MPI_INT, 0, m_comm);
    if (failed && m_rank != 0)
    {
        throw error::WriteError(
            error::AffectedObject::File, backend,
            fmt::format("MPI_HDF5: file '{}' could not be made durable (fsync failed on "
                        "rank 0)",
                        file.name));
    }
}

void ParallelHDF5IOHandlerImpl::checkFile(
    Writable* writable, Parameter<Operation::CHECK_FILE> const& parameters)
{
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    HDF5IOHandlerImpl::checkFile(writable, parameters);
    // All ranks must take the same branch afterwards: Yes if any rank sees
    // the file, else DontKnow if any rank cannot tell, else No.
    auto const code = [](FileExists answer) {
        return answer == FileExists::Yes ? 2 : answer == FileExists::DontKnow ? 1 : 0;
    };
    int const mine = code(*parameters.fileExists);
    int agreed = 0;
    checkMPI(MPI_Allreduce(&mine, &agreed, 1, MPI_INT, MPI_MAX, m_comm),
             "MPI_Allreduce (CHECK_FILE)");
    *parameters.fileExists = agreed == 2   ? FileExists::Yes
                             : agreed == 1 ? FileExists::DontKnow
                                           : FileExists::No;
}

void ParallelHDF5IOHandlerImpl::closeFile(Writable* writable,
                                          Parameter<Operation::CLOSE_FILE> const& p)
{
    if (!m_independent)
    {
        synchronizeTransfers();
    }
    HDF5IOHandlerImpl::closeFile(writable, p);
}

void ParallelHDF5IOHandlerImpl::deleteFile(Writable*,
                                           Parameter<Operation::DELETE_FILE> const& p)
{
    if (!m_independent)
    {
        synchronizeTransfers();
    }
    std::string const name = fullName(p.name);
    requireWriteAccess(Operation::DELETE_FILE,
                       [&] { return fmt::format("file '{}'", name); });
    if (hdf5::File* open = m_nodes.findFile(name))
    {
        closeAndForget(*open); // collective
    }
    // One rank removes the file, after every rank has closed it; all report
    // the same outcome.
    MPI_Barrier(m_comm);
    int outcome = 0; // 0 removed, 1 missing, 2 other failure
    std::string why;
    if (m_rank == 0)
    {
        std::error_code failed;
        if (!std::filesystem::remove(name, failed))
        {
            outcome = failed ? 2 : 1;
            why = failed.message();
        }
    }
    MPI_Bcast(&outcome, 1, MPI_INT, 0, m_comm);
    if (outcome != 0)
    {
        Site const site{name, "/", error::AffectedObject::File, outcome == 1};
        hdf5::raise(site, error::Reason::NotFound, "cannot delete",
                    outcome == 1 ? "the file does not exist"
                                 : (m_rank == 0 ? why : "removal failed on rank 0"));
    }
}

void ParallelHDF5IOHandlerImpl::deletePath(Writable* writable,
                                           Parameter<Operation::DELETE_PATH> const& p)
{
    if (!m_independent)
    {
        synchronizeTransfers();
    }
    HDF5IOHandlerImpl::deletePath(writable, p);
}

void ParallelHDF5IOHandlerImpl::createDataset(
    Writable* writable, Parameter<Operation::CREATE_DATASET> const& p)
{
    // A dataset of the same name is replaced: its pending data goes first.
    if (!m_independent)
    {
        synchronizeTransfers();
    }
    HDF5IOHandlerImpl::createDataset(writable, p);
}

void ParallelHDF5IOHandlerImpl::extendDataset(
    Writable* writable, Parameter<Operation::EXTEND_DATASET> const& p)
{
    if (!m_independent)
    {
        synchronizeTransfers();
    }
    HDF5IOHandlerImpl::extendDataset(writable, p);
}

void ParallelHDF5IOHandlerImpl::deleteDataset(
    Writable* writable, Parameter<Operation::DELETE_DATASET> const& p)
{
    if (!m_independent)
    {
        synchronizeTransfers();
    }
    HDF5IOHandlerImpl::deleteDataset(writable, p);
}

} // namespace openPMD
