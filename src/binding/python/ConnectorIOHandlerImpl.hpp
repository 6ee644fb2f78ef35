#pragma once

#include "Common.hpp"
#include "ConnectorRanks.hpp"

#include <openPMD/Error.hpp>
#include <openPMD/IO/AbstractIOHandlerImpl.hpp>
#include <openPMD/backend/Writable.hpp>

#include <exception>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

namespace openPMD::python
{
class ConnectorFilePosition;

/**
 * The bridge from the IO framework to a Python connector
 * (docs/python-connectors.md): every task becomes one call of the protocol
 * with the file and the absolute path of the object.
 *
 * The GIL is acquired around each connector call (and around every use of a
 * Python object), never held otherwise. A Python exception raised by the
 * connector becomes an openPMD::Error naming the connector's class, the
 * method, the file, the path and the exception's text; FileNotFoundError and
 * KeyError are ReadError(..., NotFound). Chunks are passed without copying:
 * numpy views over the task's buffers.
 *
 * With more than one rank (a Series with an MPI communicator, each rank its
 * own instance): create_file and delete_file run on rank 0 first, a writing
 * flush ends with an exchange of failures, and a failed write_chunk or
 * read_chunk (a rank's own task) is reported at the end of the flush, so
 * that the ranks stay in step (docs/python-connectors.md, "MPI").
 */
class ConnectorIOHandlerImpl final : public AbstractIOHandlerImpl
{
public:
    /**
     * `connector` is the instance this handler calls; `name` its cls.name;
     * `ranks` the communicator (serial if null).
     */
    ConnectorIOHandlerImpl(std::string directory, Access access, std::string name,
                           py::object connector,
                           std::unique_ptr<ConnectorRanks> ranks = nullptr);
    /** Closes the files still open (close_file); never throws. */
    ~ConnectorIOHandlerImpl() override;

    std::string backendName() const override { return m_name; }

private:
    void beginFlush(FlushParams const&) override;
    void endFlush(FlushParams const&) override;

    // Files and groups (ConnectorIOHandlerImpl.cpp)
    void createFile(Writable*, Parameter<Operation::CREATE_FILE> const&) override;
    void checkFile(Writable*, Parameter<Operation::CHECK_FILE> const&) override;
    void openFile(Writable*, Parameter<Operation::OPEN_FILE> const&) override;
    void closeFile(Writable*, Parameter<Operation::CLOSE_FILE> const&) override;
    void deleteFile(Writable*, Parameter<Operation::DELETE_FILE> const&) override;
    void deregister(Writable*, Parameter<Operation::DEREGISTER> const&) override;
    void createPath(Writable*, Parameter<Operation::CREATE_PATH> const&) override;
    void openPath(Writable*, Parameter<Operation::OPEN_PATH> const&) override;
    void deletePath(Writable*, Parameter<Operation::DELETE_PATH> const&) override;
    void listPaths(Writable*, Parameter<Operation::LIST_PATHS> const&) override;

    // Datasets (ConnectorDatasets.cpp)
    void createDataset(Writable*, Parameter<Operation::CREATE_DATASET> const&) override;
    void extendDataset(Writable*, Parameter<Operation::EXTEND_DATASET> const&) override;
    void openDataset(Writable*, Parameter<Operation::OPEN_DATASET> const&) override;
    void deleteDataset(Writable*, Parameter<Operation::DELETE_DATASET> const&) override;
    void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) override;
    void readDataset(Writable*, Parameter<Operation::READ_DATASET> const&) override;
    void listDatasets(Writable*, Parameter<Operation::LIST_DATASETS> const&) override;
    void availableChunks(Writable*,
                         Parameter<Operation::AVAILABLE_CHUNKS> const&) override;

    // Attributes (ConnectorAttributes.cpp)
    void deleteAttribute(Writable*, Parameter<Operation::DELETE_ATT> const&) override;
    void writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const&) override;
    void readAttribute(Writable*, Parameter<Operation::READ_ATT> const&) override;
    void listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const&) override;

    /** What a connector call is about, for its error message. */
    struct Call
    {
        char const* method;
        // Views: a Call lives only during its call and is made for every
        // task, so it copies nothing.
        std::string_view file;
        std::string_view path;
        error::AffectedObject object;
        /** A read operation (ReadError) or a write (WriteError). */
        bool reads;
    };

    /**
     * Runs `body` (which calls the connector and converts its result to C++
     * values) with the GIL held, translating Python exceptions (see the
     * class comment). Nothing Python-owned may leave `body`.
     */
    template <typename Body>
    auto call(Call const& what, Body&& body) -> decltype(body())
    {
        py::gil_scoped_acquire gil;
        try
        {
            return body();
        }
        catch (py::error_already_set& e)
        {
            throwTranslated(what, e);
        }
        catch (py::cast_error const& e)
        {
            throwProtocolViolation(what, e.what());
        }
        catch (py::type_error const& e)
        {
            throwProtocolViolation(what, e.what());
        }
    }
    /**
     * The connector's bound method `name`, looked up at its first call only:
     * a lookup per task was a measurable part of the bridge's cost (needs
     * the GIL).
     */
    py::object const& method(char const* name) const;
    [[noreturn]] void throwTranslated(Call const&, py::error_already_set&) const;
    [[noreturn]] void throwProtocolViolation(Call const&, std::string const& why) const;
    /** "ClassName.method('file', '/path')" for messages (needs the GIL). */
    std::string describeCall(Call const&) const;
    /**
     * CREATE_PATH/OPEN_PATH on a node without parent: the file's root, which
     * needs no call (true). WrongAPIUsage if `path` is not empty there.
     */
    bool isFileRoot(Writable* node, std::string const& path, char const* operation);

    /** Ranks > 1 and a writing access mode: flushes are collective. */
    bool collectiveFlushes() const;
    /**
     * Runs a task's connector call; with collective flushes a failure is kept
     * for the end of the flush instead of thrown (a rank's own data tasks).
     */
    template <typename Body>
    void deferredIfCollective(Body&& body)
    {
        if (!collectiveFlushes())
        {
            body();
            return;
        }
        try
        {
            body();
        }
        catch (...)
        {
            if (!m_deferredFailure)
            {
                m_deferredFailure = std::current_exception();
            }
        }
    }
    /** create_file / delete_file: rank 0 first (ConnectorRanks). */
    void afterRankZero(char const* method, std::string const& file,
                       std::function<void()> const& action);

    /** WriteError if the handler is read-only. */
    void requireWriteAccess(error::AffectedObject, std::string const& what,
                            std::string const& file, std::string const& path) const;

    /** The file name the connector gets for a task's `name`. */
    std::string fileOf(std::string const& name) const;
    /** Makes `node` refer to `path` in the open `file` (written = true). */
    void bind(Writable* node, std::string const& file, std::string path);
    /** Forgets an open file: its nodes lose their file positions. */
    void forget(std::string const& file);
    /** The node's position; WrongAPIUsage if it has none. */
    ConnectorFilePosition const& positionOf(Writable* node) const;

    std::string const m_name;
    /** The connector instance; only touched with the GIL held. */
    py::object m_connector;
    /** Its bound methods by name (method()); only touched with the GIL held. */
    mutable std::unordered_map<std::string, py::object> m_methods;
    /** The class name of the connector, for messages. */
    std::string m_className;
    /** Open files and the nodes bound to each. */
    std::map<std::string, std::set<Writable*>> m_openFiles;
    std::unique_ptr<ConnectorRanks> m_ranks;
    /** The first deferred failure of this flush (deferredIfCollective). */
    std::exception_ptr m_deferredFailure;
    /** The exception being handled when the flush began (not a task's). */
    std::exception_ptr m_exceptionBeforeFlush;
};
} // namespace openPMD::python
