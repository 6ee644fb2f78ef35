#pragma once

#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/FlushParams.hpp"
#include "openPMD/IO/IOTask.hpp"

#include <future>
#include <memory>
#include <queue>
#include <string>
#include <vector>

namespace openPMD
{
class AbstractIOHandlerImpl;

/**
 * The queue of IOTasks of one Series and the entry point to its backend.
 *
 * The frontend enqueue()s tasks; nothing touches storage until flush(), which
 * hands the queue to the backend in FIFO order. Today every backend completes
 * the work before flush() returns (the returned future is ready), and errors
 * are thrown from flush() itself; the future leaves room for asynchronous
 * backends.
 */
class AbstractIOHandler
{
public:
    AbstractIOHandler(std::string directory, Access access);
    virtual ~AbstractIOHandler();

    AbstractIOHandler(AbstractIOHandler const&) = delete;
    AbstractIOHandler& operator=(AbstractIOHandler const&) = delete;

    /** Queue a task; nothing touches storage before flush(). */
    void enqueue(IOTask task);

    /**
     * Run every queued task in FIFO order (see AbstractIOHandlerImpl for the
     * failure policy).
     */
    virtual std::future<void> flush(FlushParams const& params = {}) = 0;

    /** The backend's name, e.g. "JSON", "HDF5", "MPI_HDF5", "Dummy". */
    virtual std::string backendName() const = 0;

    /** Directory all file names are relative to (ends without '/'). */
    std::string const directory;
    /** How the backend opens files. */
    Access const m_backendAccess;
    /** How the frontend treats the Series (may differ, e.g. file-based APPEND). */
    Access m_frontendAccess;
    /** Tasks waiting for the next flush. */
    std::queue<IOTask> m_work;
    /**
     * The tasks the last flush dropped because it failed (the failed task
     * first, then its dependents, in queue order; see the failure policy in
     * AbstractIOHandlerImpl). The frontend reads them to mark what they would
     * have written as still to do, so that a later flush retries it. Empty
     * after a flush that succeeded.
     */
    std::vector<IOTask> m_droppedTasks;
};

/**
 * The usual handler: owns an AbstractIOHandlerImpl and lets it drain the
 * queue. A backend needs only its Impl and a factory returning this.
 */
class ImplIOHandler final : public AbstractIOHandler
{
public:
    ImplIOHandler(std::string directory, Access access,
                  std::unique_ptr<AbstractIOHandlerImpl> impl);
    ~ImplIOHandler() override;

    std::future<void> flush(FlushParams const& params = {}) override;
    std::string backendName() const override;

    AbstractIOHandlerImpl& impl() { return *m_impl; }

private:
    std::unique_ptr<AbstractIOHandlerImpl> m_impl;
};
} // namespace openPMD
