#pragma once

// The Zarr v2 backend (docs/zarr-backend.md). Each openPMD file is one Zarr
// hierarchy in a key-value store (StoreRegistry). The model of every open
// hierarchy stays in memory; stores see writes only at flush points.

#include "IO/Zarr/ZarrFilePosition.hpp"
#include "IO/Zarr/ZarrHierarchy.hpp"
#include "IO/Zarr/ZarrOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandlerImpl.hpp"

#include <map>
#include <memory>
#include <set>
#include <string>

namespace openPMD
{
class ZarrIOHandlerImpl : public AbstractIOHandlerImpl
{
public:
    ZarrIOHandlerImpl(std::string directory, Access access, std::string const& options);
    ~ZarrIOHandlerImpl() override;

    std::string backendName() const override { return "Zarr"; }

    /** Names of the hierarchies in `directory` (see zarrListFiles). */
    static std::vector<std::string> listHierarchies(std::string const& directory);

protected:
    void endFlush(FlushParams const&) override;

    // Files and groups (ZarrIOHandlerImpl.cpp)
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

    // Datasets (ZarrIOHandlerDatasets.cpp)
    void createDataset(Writable*, Parameter<Operation::CREATE_DATASET> const&) override;
    void extendDataset(Writable*, Parameter<Operation::EXTEND_DATASET> const&) override;
    void openDataset(Writable*, Parameter<Operation::OPEN_DATASET> const&) override;
    void deleteDataset(Writable*, Parameter<Operation::DELETE_DATASET> const&) override;
    void writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) override;
    void readDataset(Writable*, Parameter<Operation::READ_DATASET> const&) override;
    void listDatasets(Writable*, Parameter<Operation::LIST_DATASETS> const&) override;
    void availableChunks(Writable*,
                         Parameter<Operation::AVAILABLE_CHUNKS> const&) override;

    // Attributes (ZarrIOHandlerAttributes.cpp)
    void deleteAttribute(Writable*, Parameter<Operation::DELETE_ATT> const&) override;
    void writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const&) override;
    void readAttribute(Writable*, Parameter<Operation::READ_ATT> const&) override;
    void readAttributes(Writable*, Parameter<Operation::READ_ATTS> const&) override;
    void listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const&) override;

    struct OpenFile
    {
        std::unique_ptr<zarr::ZarrHierarchy> hierarchy;
        std::set<Writable*> nodes;
    };

    /** The path of a file: the directory joined with its name. */
    std::string filePath(std::string const& name) const;
    std::unique_ptr<KeyValueStore> openStore(std::string const& path,
                                             Access access) const;
    /** Puts every change of every open file into its store. */
    void persistAll();

    void requireWriteAccess(error::AffectedObject, std::string const& what) const;
    /** WrongAPIUsage unless `name` is a safe key component path. */
    void checkName(std::string const& name, std::string const& where) const;
    void bind(Writable*, std::string const& file, std::string path);
    void forget(std::string const& file);

    ZarrFilePosition const& positionOf(Writable*) const;
    OpenFile& fileOf(Writable*);
    zarr::ZarrHierarchy& hierarchyOf(Writable* node) { return *fileOf(node).hierarchy; }
    /** The model node of a Writable; ReadError(NotFound) if it is gone. */
    zarr::ZarrNode& nodeOf(Writable*);
    zarr::ZarrNode& groupOf(Writable*);
    zarr::ZarrArray& arrayOf(Writable*);
    std::string describe(Writable*);

    zarr::ZarrOptions m_options;
    std::map<std::string, OpenFile> m_files;
};
} // namespace openPMD
