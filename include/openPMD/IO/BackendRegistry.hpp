#pragma once

#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/Format.hpp"
#include "openPMD/config.hpp"

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#if openPMD_HAVE_MPI
#include <mpi.h>
#endif

namespace openPMD
{
class AbstractIOHandler;

/** What a backend factory is given. */
struct BackendArguments
{
    /** Directory all file names are relative to. */
    std::string directory;
    Access access = Access::READ_ONLY;
    /**
     * The backend's own section of the Series options as inline JSON (the
     * value of the key BackendRow::configKey), "{}" if absent. Backends
     * report keys they do not know.
     */
    std::string options = "{}";
};

/**
 * One backend: the single place that ties a Format to its name, extensions
 * and factory. determineFormat(), suffix(), the file-based file name matcher
 * and createIOHandler() are all derived from these rows.
 */
struct BackendRow
{
    using Factory =
        std::function<std::unique_ptr<AbstractIOHandler>(BackendArguments const&)>;
#if openPMD_HAVE_MPI
    using ParallelFactory = std::function<std::unique_ptr<AbstractIOHandler>(
        BackendArguments const&, MPI_Comm)>;
#endif

    Format format = Format::DUMMY;
    /** Backend name as Series::backend() reports it, e.g. "JSON". */
    std::string name;
    /** Key of the backend's options section and of the `backend` option, e.g. "json". */
    std::string configKey;
    /** File extensions with dot, the first one is the default: {".json"}. */
    std::vector<std::string> extensions;
    /** False if this build lacks the backend; creating it then throws. */
    bool available = false;
    /** Why it is not available, e.g. "built without HDF5 support". */
    std::string unavailableReason;
    Factory create;
    /**
     * Names of the files in `directory`, for reading a file-based Series
     * (which looks for the files matching its pattern). Empty: the directory
     * on disk is listed. A backend that keeps its files elsewhere (in
     * memory, in an object store) sets it.
     */
    std::function<std::vector<std::string>(std::string const& directory)> listFiles;
#if openPMD_HAVE_MPI
    /** Empty if the backend has no parallel variant. */
    ParallelFactory createParallel;
#endif
};

/** The table of backends: built-in rows plus rows registered at run time. */
class BackendRegistry
{
public:
    /**
     * All rows, built-in first, in registration order. References stay valid
     * for the life of the program (removed rows are emptied, not erased).
     * Register backends at start-up: the table is not guarded against
     * registration racing with use.
     */
    static std::deque<BackendRow> const& rows();

    /**
     * Adds an out-of-tree backend, e.g. for a library's own extension.
     * The row's format is ignored: a new Format value is assigned and returned.
     * @throws error::WrongAPIUsage if the name, config key or an extension is
     *         already taken, or the row has no extension or factory.
     */
    static Format registerBackend(BackendRow row);

    /** Removes a row added by registerBackend (built-in rows stay). */
    static void unregisterBackend(Format format);

    /** The row of a format; null if none. */
    static BackendRow const* find(Format);
    /** The row whose extension ends `filename`; null if none. */
    static BackendRow const* findByFilename(std::string const& filename);
    /** The row with this configKey or name (case-insensitive); null if none. */
    static BackendRow const* findByName(std::string const& name);
};
} // namespace openPMD
