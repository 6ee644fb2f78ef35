#pragma once

// Helpers of the MPI backend tests: a directory shared by all ranks, a
// handler session, the test data and the rank's share of it.

#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/AbstractIOHandlerHelper.hpp"
#include "openPMD/IO/IOTask.hpp"
#include "openPMD/backend/Writable.hpp"

#include <mpi.h>

#include <memory>
#include <string>
#include <vector>

namespace mpi_test
{
using namespace openPMD;

int rank();
int size();

/** A fresh directory made by rank 0, known to every rank, removed at the end. */
class SharedDirectory
{
public:
    SharedDirectory();
    ~SharedDirectory();
    SharedDirectory(SharedDirectory const&) = delete;
    SharedDirectory& operator=(SharedDirectory const&) = delete;
    std::string const& path() const { return m_path; }

private:
    std::string m_path;
};

/** A handler (parallel unless `comm` is MPI_COMM_NULL) and the tasks' nodes. */
class Session
{
public:
    Session(std::string const& directory, Access access, Format format, MPI_Comm comm,
            std::string const& options = "{}");

    template <Operation op>
    void enqueue(Writable& node, Parameter<op> parameters)
    {
        m_handler->enqueue(IOTask(&node, std::move(parameters)));
    }
    /** A user flush with `config` as per-flush backend options. */
    void flush(std::string const& config = "{}");
    AbstractIOHandler& handler() { return *m_handler; }

    /** A node below `parent` (null for a file root), owned by the session. */
    Writable& node(Writable* parent = nullptr);

private:
    std::unique_ptr<AbstractIOHandler> m_handler;
    std::vector<std::unique_ptr<Writable>> m_nodes;
};

/** The value stored at a flat index of the dataset `salt`. */
double valueAt(int salt, size_t flatIndex);
/** A row-major block of valueAt() for the box (offset, extent) of a dataset `global`. */
std::shared_ptr<double> block(int salt, Extent const& global, Offset const& offset,
                              Extent const& extent);

/** The 1-D particle share of `r`: uneven, and the last rank writes nothing. */
struct Share
{
    uint64_t offset = 0;
    uint64_t count = 0;
};
Share particleShare(int r, int ranks);
uint64_t particleTotal(int ranks);

/** Elements covered by the chunks (which backends report without overlap). */
uint64_t coveredElements(ChunkTable const& chunks);
} // namespace mpi_test
