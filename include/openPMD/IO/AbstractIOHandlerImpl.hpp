#pragma once

#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/FlushParams.hpp"
#include "openPMD/IO/IOTask.hpp"

#include <future>
#include <queue>
#include <string>
#include <vector>

namespace openPMD
{
class Writable;

/**
 * Base class of every backend: drains the task queue and dispatches each
 * task to the virtual method of its operation.
 *
 * Writing a backend means overriding the methods of the operations it
 * supports (docs/backend-guide.md walks through it). The others keep their
 * default, which throws error::OperationUnsupportedInBackend, except where a
 * sensible default exists (noted on the method).
 *
 * Failure policy (the one place it is written down):
 *  1. Tasks run in FIFO order. The first task that throws stops the drain.
 *  2. The failed task is removed, and so is every later task on the same
 *     node or a node below it (they depend on it); they are handed back to
 *     the caller of flush() (`dropped`), whose frontend marks their changes
 *     as still to do, so that a later flush retries them. All other tasks
 *     (for example those of other files) stay queued for the next flush:
 *     nothing unrelated is silently lost.
 *  3. endFlush() still runs, so that what succeeded before the failure is
 *     persisted (data flushed before an error stays readable).
 *  4. The exception reaches the caller of the flush point as an
 *     openPMD::Error subclass: backend exceptions that are not (a bug in the
 *     backend) are wrapped into error::ReadError / error::WriteError naming
 *     the backend, the operation and the original message.
 */
class AbstractIOHandlerImpl
{
public:
    AbstractIOHandlerImpl(std::string directory, Access access);
    virtual ~AbstractIOHandlerImpl();

    AbstractIOHandlerImpl(AbstractIOHandlerImpl const&) = delete;
    AbstractIOHandlerImpl& operator=(AbstractIOHandlerImpl const&) = delete;

    /**
     * Drain `work` in FIFO order, following the failure policy above. If
     * `dropped` is given, the tasks a failure removes are appended to it.
     */
    std::future<void> flush(std::queue<IOTask>& work, FlushParams const& params,
                            std::vector<IOTask>* dropped = nullptr);

    /** The backend's name as returned by Series::backend(). */
    virtual std::string backendName() const = 0;

protected:
    /** Called before the first task of each flush. */
    virtual void beginFlush(FlushParams const&);
    /**
     * Called after the last task of each flush, also after a failed one:
     * persist what changed here (e.g. write dirty files once per flush).
     */
    virtual void endFlush(FlushParams const&);

    // One method per Operation; see IOTask.hpp for each contract.
    virtual void createFile(Writable*, Parameter<Operation::CREATE_FILE> const&);
    /** Default: answers DontKnow. */
    virtual void checkFile(Writable*, Parameter<Operation::CHECK_FILE> const&);
    virtual void openFile(Writable*, Parameter<Operation::OPEN_FILE> const&);
    virtual void closeFile(Writable*, Parameter<Operation::CLOSE_FILE> const&);
    virtual void deleteFile(Writable*, Parameter<Operation::DELETE_FILE> const&);
    virtual void createPath(Writable*, Parameter<Operation::CREATE_PATH> const&);
    /** Default: nothing to release. */
    virtual void closePath(Writable*, Parameter<Operation::CLOSE_PATH> const&);
    virtual void openPath(Writable*, Parameter<Operation::OPEN_PATH> const&);
    virtual void deletePath(Writable*, Parameter<Operation::DELETE_PATH> const&);
    virtual void listPaths(Writable*, Parameter<Operation::LIST_PATHS> const&);
    virtual void createDataset(Writable*, Parameter<Operation::CREATE_DATASET> const&);
    virtual void extendDataset(Writable*, Parameter<Operation::EXTEND_DATASET> const&);
    virtual void openDataset(Writable*, Parameter<Operation::OPEN_DATASET> const&);
    virtual void deleteDataset(Writable*, Parameter<Operation::DELETE_DATASET> const&);
    virtual void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&);
    virtual void readDataset(Writable*, Parameter<Operation::READ_DATASET> const&);
    virtual void listDatasets(Writable*, Parameter<Operation::LIST_DATASETS> const&);
    /** Default: no backend-managed buffers (the frontend falls back). */
    virtual void getBufferView(Writable*, Parameter<Operation::GET_BUFFER_VIEW> const&);
    virtual void deleteAttribute(Writable*, Parameter<Operation::DELETE_ATT> const&);
    virtual void writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const&);
    virtual void readAttribute(Writable*, Parameter<Operation::READ_ATT> const&);
    /** Default: listAttributes() then readAttribute() for each. */
    virtual void readAttributes(Writable*, Parameter<Operation::READ_ATTS> const&);
    virtual void listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const&);
    /** Default: no steps, answers RANDOMACCESS. */
    virtual void advance(Writable*, Parameter<Operation::ADVANCE> const&);
    virtual void availableChunks(Writable*,
                                 Parameter<Operation::AVAILABLE_CHUNKS> const&);
    /** Default: nothing kept per node. */
    virtual void deregister(Writable*, Parameter<Operation::DEREGISTER> const&);

    /** Throws error::OperationUnsupportedInBackend for `operation`. */
    [[noreturn]] void unsupported(Operation operation) const;

    /** Directory all file names are relative to. */
    std::string const m_directory;
    /** How files are opened. */
    Access const m_access;

private:
    void run(IOTask& task);
    bool m_verbose = false;
};
} // namespace openPMD
