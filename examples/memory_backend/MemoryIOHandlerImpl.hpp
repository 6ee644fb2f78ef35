#pragma once

#include "MemoryFilePosition.hpp"
#include "MemoryStore.hpp"

#include <openPMD/Error.hpp>
#include <openPMD/IO/AbstractIOHandlerImpl.hpp>
#include <openPMD/backend/Writable.hpp>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace memory_backend
{
/**
 * A complete backend that keeps its "files" in the process-wide MemoryStore.
 *
 * It is the worked example of docs/backend-guide.md: every operation of
 * IOTask.hpp is implemented on plain maps, so the code shows what a backend
 * must do and nothing else. Dataset options (Parameter<CREATE_DATASET>::options)
 * are ignored: every dataset can be extended and nothing is compressed.
 */
class MemoryIOHandlerImpl final : public openPMD::AbstractIOHandlerImpl
{
public:
    MemoryIOHandlerImpl(std::string directory, openPMD::Access access);

    std::string backendName() const override { return "Memory"; }

private:
    using Writable = openPMD::Writable;
    using Operation = openPMD::Operation;
    template <Operation op>
    using Parameter = openPMD::Parameter<op>;

    // Files (MemoryIOHandlerImpl.cpp)
    void createFile(Writable*, Parameter<Operation::CREATE_FILE> const&) override;
    void checkFile(Writable*, Parameter<Operation::CHECK_FILE> const&) override;
    void openFile(Writable*, Parameter<Operation::OPEN_FILE> const&) override;
    void closeFile(Writable*, Parameter<Operation::CLOSE_FILE> const&) override;
    void deleteFile(Writable*, Parameter<Operation::DELETE_FILE> const&) override;
    void deregister(Writable*, Parameter<Operation::DEREGISTER> const&) override;

    // Groups (MemoryIOHandlerImpl.cpp)
    void createPath(Writable*, Parameter<Operation::CREATE_PATH> const&) override;
    void openPath(Writable*, Parameter<Operation::OPEN_PATH> const&) override;
    void deletePath(Writable*, Parameter<Operation::DELETE_PATH> const&) override;
    void listPaths(Writable*, Parameter<Operation::LIST_PATHS> const&) override;

    // Datasets (MemoryDatasets.cpp)
    void createDataset(Writable*, Parameter<Operation::CREATE_DATASET> const&) override;
    void extendDataset(Writable*, Parameter<Operation::EXTEND_DATASET> const&) override;
    void openDataset(Writable*, Parameter<Operation::OPEN_DATASET> const&) override;
    void deleteDataset(Writable*, Parameter<Operation::DELETE_DATASET> const&) override;
    void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) override;
    void readDataset(Writable*, Parameter<Operation::READ_DATASET> const&) override;
    void listDatasets(Writable*, Parameter<Operation::LIST_DATASETS> const&) override;
    void availableChunks(Writable*,
                         Parameter<Operation::AVAILABLE_CHUNKS> const&) override;

    // Attributes (MemoryAttributes.cpp)
    void deleteAttribute(Writable*, Parameter<Operation::DELETE_ATT> const&) override;
    void writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const&) override;
    void readAttribute(Writable*, Parameter<Operation::READ_ATT> const&) override;
    void readAttributes(Writable*, Parameter<Operation::READ_ATTS> const&) override;
    void listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const&) override;

    /** A file this handler has created or opened, and the nodes bound to it. */
    struct OpenFile
    {
        std::shared_ptr<MemoryNode> root;
        /** Nodes whose file position points into this file (reset on close). */
        std::set<Writable*> nodes;
    };

    /** Throws WriteError naming `what` and `where` if the handler is read-only. */
    void requireWriteAccess(openPMD::error::AffectedObject, char const* what,
                            std::string const& where) const;

    /**
     * Walks `segments` below `from`, creating missing groups; WriteError if
     * one of them is a dataset. `where` names the target in that error.
     */
    MemoryNode& makeGroups(MemoryNode& from, std::vector<std::string> const& segments,
                           std::string const& where) const;

    /** Makes `node` refer to `path` in the open file `fileKey` (written = true). */
    void bind(Writable* node, std::string const& fileKey, std::vector<std::string> path);
    /** Forgets an open file: its nodes lose their file positions. */
    void forget(std::string const& fileKey);

    /** The node's position; WrongAPIUsage if it was never created or opened. */
    MemoryFilePosition const& positionOf(Writable* node) const;
    /** The open file that `node` belongs to. */
    OpenFile& fileOf(Writable* node);
    /** The stored object `node` refers to; ReadError(NotFound) if it is gone. */
    MemoryNode& objectOf(Writable* node);
    /** Like objectOf, but it must be a group (the parent of new objects). */
    MemoryNode& groupOf(Writable* node);
    /** Like objectOf, but it must be a dataset. */
    MemoryDataset& datasetOf(Writable* node);

    /** "'/a/b' in file 'dir/f.mem'" for error messages. */
    std::string describe(std::string const& fileKey,
                         std::vector<std::string> const& path) const;
    std::string describe(Writable* node) const;

    std::map<std::string, OpenFile> m_openFiles;
};
} // namespace memory_backend
