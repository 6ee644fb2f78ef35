#pragma once

// The Zarr backend under MPI (docs/zarr-backend.md, "Under MPI"): every rank
// keeps the same model (all ranks issue the same metadata tasks); at each
// flush the chunks that several ranks wrote to are assembled on one rank
// (the lowest that touched it), so that no chunk is put by two ranks. Rank 0
// alone removes old content and puts metadata documents and .zmetadata.

#include "IO/Zarr/ZarrChunks.hpp"
#include "IO/Zarr/ZarrIOHandlerImpl.hpp"

#include <mpi.h>

#include <exception>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace openPMD
{
class ParallelZarrIOHandlerImpl final : public ZarrIOHandlerImpl
{
public:
    ParallelZarrIOHandlerImpl(std::string directory, Access access, MPI_Comm comm,
                              std::string const& options);
    ~ParallelZarrIOHandlerImpl() override;

protected:
    void beginFlush(FlushParams const&) override;
    void endFlush(FlushParams const&) override;
    void openFile(Writable*, Parameter<Operation::OPEN_FILE> const&) override;
    void closeFile(Writable*, Parameter<Operation::CLOSE_FILE> const&) override;
    void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) override;

private:
    /** A WRITE_DATASET of this rank, applied at the end of the flush. */
    struct WriteRecord
    {
        std::string file;
        std::string path;
        Offset offset;
        Extent extent;
        std::shared_ptr<void const> data;
    };

    /** A record with the array it writes to and its pieces, one per chunk. */
    struct PlannedWrite
    {
        WriteRecord record;
        zarr::ZarrHierarchy* hierarchy;
        zarr::ZarrArray* array;
        std::vector<zarr::ChunkPiece> pieces;
    };

    zarr::ZarrHierarchy* hierarchyAt(std::string const& file);
    /** Collective: applies every rank's writes, each chunk on its owner. */
    void exchangeWrites(std::vector<std::string>& failures);
    std::vector<PlannedWrite> planWrites(std::vector<std::string>& failures);
    /** Writes the pieces this rank owns, packs the others for their owners. */
    void applyOrPack(PlannedWrite const&, std::map<std::string, int>& owners,
                     std::vector<std::vector<std::byte>>& outgoing);
    /** Collective: sends every rank its pieces; returns those for this rank. */
    std::vector<std::byte> allToAll(std::vector<std::vector<std::byte>> const& outgoing);
    void applyReceived(std::vector<std::byte> const& received);
    /** Collective: rank 0 removes and writes metadata, every rank its chunks. */
    void persistShared(std::vector<std::string>& failures);
    bool anyRank(bool value) const;

    MPI_Comm m_comm = MPI_COMM_NULL;
    int m_rank = 0;
    int m_size = 1;
    std::vector<WriteRecord> m_records;
    /** Files closed in this flush: persisted at its end, then dropped. */
    std::map<std::string, std::unique_ptr<zarr::ZarrHierarchy>> m_closing;
    std::exception_ptr m_deferredFailure;
    std::exception_ptr m_exceptionBeforeFlush;
};
} // namespace openPMD
