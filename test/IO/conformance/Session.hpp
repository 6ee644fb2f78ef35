#pragma once

#include "Backends.hpp"
#include "Samples.hpp"

#include <openPMD/IO/AbstractIOHandler.hpp>
#include <openPMD/IO/IOTask.hpp>
#include <openPMD/backend/Writable.hpp>

#include <memory>
#include <string>
#include <vector>

namespace conformance
{
using namespace openPMD;

/** A dataset node opened with OPEN_DATASET and its output slots. */
struct OpenedDataset
{
    Writable& node;
    std::shared_ptr<Datatype> dtype;
    std::shared_ptr<Extent> extent;
};

/**
 * One IO handler of the backend under test and the Writable nodes the tasks
 * name. The suite talks to the handler only through IOTasks, as the frontend
 * does.
 *
 * Helpers that return a node or an output slot only enqueue: nothing runs
 * until flush(), and output slots are filled by it.
 */
class Session
{
public:
    Session(BackendUnderTest const& backend, std::string directory, Access access);

    /** `stem` plus the backend's extension. */
    std::string fileName(std::string const& stem) const;

    /** A new node below `parent` (a file root if null), alive as long as the session. */
    Writable& node(Writable* parent = nullptr);

    template <Operation op>
    void enqueue(Writable& node, Parameter<op> parameters)
    {
        m_handler->enqueue(IOTask(&node, std::move(parameters)));
    }

    /** A user flush point: every queued task runs; failures throw. */
    void flush();

    /** The tasks still queued (after a failed flush: those that were kept). */
    size_t queued() const { return m_handler->m_work.size(); }

    Writable& createFile(std::string const& stem);
    Writable& openFile(std::string const& stem);
    void closeFile(Writable& root);
    std::shared_ptr<Parameter<Operation::CHECK_FILE>::FileExists>
    checkFile(std::string const& stem);
    void deleteFile(Writable& node, std::string const& stem);

    Writable& createPath(Writable& parent, std::string const& path);
    Writable& openPath(Writable& parent, std::string const& path);
    void deletePath(Writable& group, std::string const& path);
    std::shared_ptr<std::vector<std::string>> listPaths(Writable& group);

    Writable& createDataset(Writable& parent, std::string const& name, Datatype dtype,
                            Extent const& extent, std::string const& options = "{}");
    OpenedDataset openDataset(Writable& parent, std::string const& name);
    void extendDataset(Writable& dataset, Extent const& extent);
    void deleteDataset(Writable& group, std::string const& name);
    std::shared_ptr<std::vector<std::string>> listDatasets(Writable& group);
    std::shared_ptr<ChunkTable> availableChunks(Writable& dataset);

    /** Writes the samples of the box (offset, extent), see sampleBlock(). */
    template <typename T>
    void writeSamples(Writable& dataset, Offset const& offset, Extent const& extent)
    {
        writeBlock(dataset, offset, extent, sampleBlock<T>(offset, extent));
    }

    template <typename T>
    void writeBlock(Writable& dataset, Offset const& offset, Extent const& extent,
                    std::vector<T> values)
    {
        auto buffer = std::make_shared<std::vector<T>>(std::move(values));
        Parameter<Operation::WRITE_DATASET> write;
        write.offset = offset;
        write.extent = extent;
        write.dtype = determineDatatype<T>();
        write.data = std::shared_ptr<void const>(buffer, buffer->data());
        enqueue(dataset, std::move(write));
    }

    /** A buffer of the box's size that flush() fills. */
    template <typename T>
    std::shared_ptr<std::vector<T>> readBlock(Writable& dataset, Offset const& offset,
                                              Extent const& extent)
    {
        auto buffer = std::make_shared<std::vector<T>>(elementCount(extent));
        Parameter<Operation::READ_DATASET> read;
        read.offset = offset;
        read.extent = extent;
        read.dtype = determineDatatype<T>();
        read.data = std::shared_ptr<void>(buffer, buffer->data());
        enqueue(dataset, std::move(read));
        return buffer;
    }

    void writeAttribute(Writable& node, std::string const& name, Attribute value);
    Parameter<Operation::READ_ATT> readAttribute(Writable& node, std::string const& name);
    Parameter<Operation::READ_ATTS> readAttributes(Writable& node);
    std::shared_ptr<std::vector<std::string>> listAttributes(Writable& node);
    void deleteAttribute(Writable& node, std::string const& name);

private:
    BackendUnderTest m_backend;
    // Declared before the handler, so the nodes outlive it.
    std::vector<std::unique_ptr<Writable>> m_nodes;
    std::unique_ptr<AbstractIOHandler> m_handler;
};
} // namespace conformance
