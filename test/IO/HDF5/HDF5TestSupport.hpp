#pragma once

// Helpers shared by the HDF5 backend tests: a scratch directory, a handler
// session that runs tasks, and stderr capture.

#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/AbstractIOHandlerHelper.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/IO/IOTask.hpp"
#include "openPMD/backend/Writable.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace hdf5_test
{
using namespace openPMD;

/** A fresh directory below the system's temporary directory, removed at the end. */
class ScratchDirectory
{
public:
    ScratchDirectory();
    ~ScratchDirectory();
    ScratchDirectory(ScratchDirectory const&) = delete;
    ScratchDirectory& operator=(ScratchDirectory const&) = delete;

    std::filesystem::path const& path() const { return m_path; }
    std::string file(std::string const& name) const { return (m_path / name).string(); }

private:
    std::filesystem::path m_path;
};

/** An HDF5 handler on a directory; run() enqueues one task and flushes. */
class Session
{
public:
    Session(std::filesystem::path const& directory, Access access,
            std::string options = "{}");

    template <Operation op>
    void run(Writable* node, Parameter<op> parameters,
             FlushLevel level = FlushLevel::UserFlush)
    {
        m_handler->enqueue(IOTask(node, std::move(parameters)));
        flush(level);
    }

    template <Operation op>
    void enqueue(Writable* node, Parameter<op> parameters)
    {
        m_handler->enqueue(IOTask(node, std::move(parameters)));
    }

    void flush(FlushLevel level = FlushLevel::UserFlush, bool durable = false);

    // Shorthands for the common tasks.
    void createFile(Writable& root, std::string const& name);
    void openFile(Writable& root, std::string const& name);
    void closeFile(Writable& root);
    void createPath(Writable& node, Writable& parent, std::string const& path);
    void openPath(Writable& node, Writable& parent, std::string const& path);
    void createDataset(Writable& node, Writable& parent, std::string const& name,
                       Datatype dtype, Extent extent, std::string options = "{}");
    /** Opens the dataset and returns (type, extent). */
    std::pair<Datatype, Extent> openDataset(Writable& node, Writable& parent,
                                            std::string const& name);
    void writeAttribute(Writable& node, std::string const& name, Attribute value);
    Attribute readAttribute(Writable& node, std::string const& name);

    AbstractIOHandler& handler() { return *m_handler; }

private:
    std::unique_ptr<AbstractIOHandler> m_handler;
};

/** Redirects file descriptor 2 into a file while alive; text() reads what arrived. */
class StderrCapture
{
public:
    StderrCapture();
    ~StderrCapture();
    StderrCapture(StderrCapture const&) = delete;
    StderrCapture& operator=(StderrCapture const&) = delete;
    /** Stops capturing (idempotent) and returns everything written to stderr. */
    std::string text();

private:
    ScratchDirectory m_directory;
    int m_saved = -1;
    std::string m_text;
    bool m_done = false;
};

/**
 * Destroys `node` and returns its address, now only usable as a key (as in
 * DEREGISTER). Out of line, so that the compiler does not see the address
 * being used after the delete.
 */
Writable* destroyKeepingKey(std::unique_ptr<Writable>& node);

/** Number of HDF5 ids open anywhere: files, groups, datasets, attributes, datatypes. */
long openHDF5Objects();

/** Number of open files and objects in files (groups, datasets, attributes). */
long openFileObjects();

/** Runs /usr/bin/python3 on `script` with `arguments`; returns its exit status. */
int runPython(std::string const& script, std::string const& arguments,
              std::string const& environment = "");
} // namespace hdf5_test
