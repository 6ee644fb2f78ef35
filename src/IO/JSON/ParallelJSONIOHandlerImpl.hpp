#pragma once

#include "IO/JSON/JSONIOHandlerImpl.hpp"
#include "IO/JSON/ParallelJSONChunks.hpp"

#include <mpi.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace openPMD
{
/**
 * The JSON backend under MPI (backend name "JSON"): a parallel write gives
 * ONE ordinary JSON file that any serial reader reads. See
 * docs/parallel-io.md.
 *
 * Every rank applies the metadata tasks to its own in-memory document (all
 * ranks issue the same metadata). Written chunks are only checked and
 * remembered during the drain; at the end of every flush each rank sends
 * its chunks to rank 0, which merges them into its document and alone
 * writes the file (atomically, as the serial backend does). So in write
 * modes every flush is collective and all data passes through rank 0.
 *
 * Reading: every rank reads the file itself (no communication; the file
 * system must be shared). In read-only modes flushes are not collective.
 */
class ParallelJSONIOHandlerImpl final : public JSONIOHandlerImpl
{
public:
    ParallelJSONIOHandlerImpl(std::string directory, Access access, MPI_Comm comm,
                              std::string const& options);
    ~ParallelJSONIOHandlerImpl() override;

protected:
    void beginFlush(FlushParams const&) override;
    void endFlush(FlushParams const&) override;

    void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) override;
    void readDataset(Writable*, Parameter<Operation::READ_DATASET> const&) override;

private:
    /** The chunk a WRITE_DATASET task describes, checked against this rank's document. */
    jsonio::PendingChunk checkedChunk(Writable*,
                                      Parameter<Operation::WRITE_DATASET> const&) const;
    /** Rank 0: writes `chunk` into its document; opens a closed file into `reopened`. */
    void applyChunk(jsonio::PendingChunk const& chunk,
                    std::vector<std::shared_ptr<jsonio::JSONFile>>& reopened);
    /** Rank 0: merges every rank's report; returns the failures found, or "". */
    std::string mergeReports(jsonio::RankReport const& own, FlushParams const& params);
    void sendToRoot(jsonio::RankReport const& report) const;
    std::shared_ptr<std::vector<unsigned char> const> receiveFrom(int rank) const;
    /** Rank 0's outcome, known to every rank afterwards. */
    std::string broadcastOutcome(std::string outcome) const;

    MPI_Comm m_comm = MPI_COMM_NULL;
    int m_rank = 0;
    int m_size = 1;
    std::vector<jsonio::PendingChunk> m_pending;
    std::exception_ptr m_deferredFailure;
    /** The exception being handled when the flush began, if any (see endFlush). */
    std::exception_ptr m_exceptionBeforeFlush;
};
} // namespace openPMD
