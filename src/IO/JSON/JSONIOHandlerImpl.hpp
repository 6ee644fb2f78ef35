#pragma once

#include "IO/JSON/JSONFile.hpp"
#include "IO/JSON/JSONFilePosition.hpp"
#include "openPMD/IO/AbstractIOHandlerImpl.hpp"
#include "openPMD/auxiliary/Path.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace openPMD
{
/**
 * The JSON backend (files ".json", backend name "JSON"), with the on-disk
 * document of openPMD-api 0.16. See docs/json-backend.md.
 *
 * The document of every open file is held in memory (datasets as flat typed
 * buffers) and written once per flush point, only if it changed, by
 * replacing the file atomically.
 */
class JSONIOHandlerImpl : public AbstractIOHandlerImpl
{
public:
    /** @param options the "json" section of the Series options (inline JSON). */
    JSONIOHandlerImpl(std::string directory, Access access,
                      std::string const& options = "{}");
    /** Writes files that still have changes; reports failures on stderr, never throws. */
    ~JSONIOHandlerImpl() override;

    std::string backendName() const override;

    /** How many times this handler has written a file (for tests of the write policy). */
    size_t fileWrites() const { return m_fileWrites; }

protected:
    void endFlush(FlushParams const&) override;

    void createFile(Writable*, Parameter<Operation::CREATE_FILE> const&) override;
    void checkFile(Writable*, Parameter<Operation::CHECK_FILE> const&) override;
    void openFile(Writable*, Parameter<Operation::OPEN_FILE> const&) override;
    void closeFile(Writable*, Parameter<Operation::CLOSE_FILE> const&) override;
    void deleteFile(Writable*, Parameter<Operation::DELETE_FILE> const&) override;

    void createPath(Writable*, Parameter<Operation::CREATE_PATH> const&) override;
    void closePath(Writable*, Parameter<Operation::CLOSE_PATH> const&) override;
    void openPath(Writable*, Parameter<Operation::OPEN_PATH> const&) override;
    void deletePath(Writable*, Parameter<Operation::DELETE_PATH> const&) override;
    void listPaths(Writable*, Parameter<Operation::LIST_PATHS> const&) override;

    void createDataset(Writable*, Parameter<Operation::CREATE_DATASET> const&) override;
    void extendDataset(Writable*, Parameter<Operation::EXTEND_DATASET> const&) override;
    void openDataset(Writable*, Parameter<Operation::OPEN_DATASET> const&) override;
    void deleteDataset(Writable*, Parameter<Operation::DELETE_DATASET> const&) override;
    void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) override;
    void readDataset(Writable*, Parameter<Operation::READ_DATASET> const&) override;
    void listDatasets(Writable*, Parameter<Operation::LIST_DATASETS> const&) override;
    /**
     * Span API: a view into the dataset's flat buffer when the selection is
     * one contiguous run of it (see JSONIOHandlerDatasets.cpp).
     */
    void getBufferView(Writable*, Parameter<Operation::GET_BUFFER_VIEW> const&) override;
    void availableChunks(Writable*,
                         Parameter<Operation::AVAILABLE_CHUNKS> const&) override;

    void deleteAttribute(Writable*, Parameter<Operation::DELETE_ATT> const&) override;
    void writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const&) override;
    void readAttribute(Writable*, Parameter<Operation::READ_ATT> const&) override;
    void readAttributes(Writable*, Parameter<Operation::READ_ATTS> const&) override;
    void listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const&) override;

    /** The registered file of this full path (created, not opened, if new). */
    std::shared_ptr<jsonio::JSONFile> registeredFile(std::string const& path);

    /**
     * Whether this handler writes and deletes files on disk. The parallel
     * subclass clears it on ranks other than 0, which keep the document in
     * memory only (rank 0 writes the merged file).
     */
    bool m_persistsFiles = true;
    /**
     * Whether GET_BUFFER_VIEW hands out views into dataset buffers. The
     * parallel subclass clears it: its chunks must pass writeDataset.
     */
    bool m_offersBufferViews = true;

private:
    using Path = std::vector<std::string>;

    /** A node resolved from a Writable: its file, path and tree node. */
    struct Located
    {
        jsonio::JSONFile& file;
        Path const& path;
        jsonio::JSONNode& node;
    };

    // File registry (JSONIOHandlerImpl.cpp)
    std::string fullPath(std::string const& name) const;
    void requireWriteAccess(std::string const& file, std::string const& jsonPath) const;
    void requireWriteAccess(std::string const& file, Path const& path) const;

    // Nodes (JSONIOHandlerNodes.cpp)
    static Path splitPath(std::string const& path) { return auxiliary::splitPath(path); }
    /** Rejects the reserved keys as names; `path` is where the object would be. */
    static void checkName(Path const& path, std::string const& file);
    /**
     * Walks `segments` below `start`, creating missing groups; appends them
     * to `path` and returns the last group.
     */
    jsonio::JSONNode& ensureGroups(Located const& start, Path const& segments,
                                   Path& path);
    jsonio::JSONFilePosition& positionOf(Writable*, char const* role) const;
    /** The position children of `node` start from: its parent's, or its own for a file
     * root. */
    jsonio::JSONFilePosition& basePositionFor(Writable* node) const;
    Located resolve(Writable*) const;
    Located resolve(jsonio::JSONFilePosition&) const;
    void setPosition(Writable*, std::shared_ptr<jsonio::JSONFile>, Path);
    /** Resets `node`'s position if it is in the file `path` (DELETE_FILE). */
    static void forgetPosition(Writable* node, std::string const& path);
    /**
     * Walks `segments` below `group` of `file`, reading back content dropped
     * from memory on the way; returns nullptr for a missing key.
     */
    jsonio::JSONNode* descend(jsonio::JSONFile& file, jsonio::JSONNode& group,
                              Path const& segments) const;
    void requireAttributes(Located const&) const;

    // Datasets (JSONIOHandlerDatasets.cpp)
    Located resolveDataset(Writable*) const;
    /**
     * resolveDataset for a write of `dtype` elements: checks write access and
     * the type; `before`/`after` frame the type in the error ("write " DOUBLE
     * " data").
     */
    Located resolveDatasetToWrite(Writable*, Datatype dtype, char const* before,
                                  char const* after) const;
    /**
     * Checks a WRITE_/READ_DATASET selection against the dataset (throwing a
     * usage error naming file and path); false if it moves no element.
     */
    bool needsTransfer(Located const& here, Offset const& offset, Extent const& extent,
                       bool hasBuffer, char const* missingBuffer) const;
    void checkNewDataset(Parameter<Operation::CREATE_DATASET> const&,
                         std::string const& file, std::string const& jsonPath) const;
    void checkDatasetOptions(std::string const& options, std::string const& file,
                             std::string const& jsonPath) const;

    std::map<std::string, std::shared_ptr<jsonio::JSONFile>> m_files;
    size_t m_fileWrites = 0;
};
} // namespace openPMD
