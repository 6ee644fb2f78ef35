#pragma once

#include "IO/HDF5/HDF5DatasetOptions.hpp"
#include "IO/HDF5/HDF5Error.hpp"
#include "IO/HDF5/HDF5NodeTable.hpp"
#include "IO/HDF5/HDF5PendingWrite.hpp"
#include "IO/HDF5/HDF5Types.hpp"
#include "openPMD/IO/AbstractIOHandlerImpl.hpp"
#include "openPMD/IO/BackendRegistry.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <set>
#include <string>

namespace openPMD
{
/**
 * The serial HDF5 backend (HDF5 C API, 1.10+). See docs/hdf5-backend.md.
 *
 * Object ids are cached per Writable while the file is open (NodeTable) and
 * all released on CLOSE_FILE and in the destructor. Every HDF5 call is
 * checked; failures become openPMD::Error subclasses naming the file, the
 * object path and the HDF5 error stack. HDF5's own error printing is off
 * during our calls.
 *
 * A parallel subclass plugs in through makeFileAccessList(),
 * transferList(), syncFile() and backendName(), and may accept further
 * handler-wide option keys (constructor argument).
 */
class HDF5IOHandlerImpl : public AbstractIOHandlerImpl
{
public:
    explicit HDF5IOHandlerImpl(BackendArguments const& arguments);
    ~HDF5IOHandlerImpl() override;

    std::string backendName() const override;

protected:
    /**
     * @param extraHandlerKeys option keys of the handler-wide section that
     *        the subclass reads itself (from m_handlerOptions).
     */
    HDF5IOHandlerImpl(BackendArguments const& arguments,
                      std::set<std::string> const& extraHandlerKeys);

    void beginFlush(FlushParams const&) override;
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
    void deleteAttribute(Writable*, Parameter<Operation::DELETE_ATT> const&) override;
    void writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const&) override;
    void readAttribute(Writable*, Parameter<Operation::READ_ATT> const&) override;
    void listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const&) override;
    void availableChunks(Writable*,
                         Parameter<Operation::AVAILABLE_CHUNKS> const&) override;
    void deregister(Writable*, Parameter<Operation::DEREGISTER> const&) override;

    /** File access property list for every file we create or open (serial: default
     * driver). */
    virtual hdf5::Handle makeFileAccessList() const;
    /** Transfer property list for H5Dread/H5Dwrite (serial: H5P_DEFAULT). */
    virtual hid_t transferList() const;
    /** Makes what was flushed to `file` durable (serial: fsync). */
    virtual void syncFile(hdf5::File const& file);

    /** Keys of the per-flush "hdf5" section this handler reads (serial: none). */
    virtual std::set<std::string> knownFlushKeys() const;

    /** The handler-wide options (the Series' "hdf5" section), keys lower-cased. */
    nlohmann::json m_handlerOptions;
    /** The "hdf5" section of the current flush's backendConfig; an empty object if none.
     */
    nlohmann::json m_flushOptions = nlohmann::json::object();

    // Protected so that the parallel subclass can reach nodes and selections.
    std::string fullName(std::string const& name) const;
    void readFlushOptions(std::string const& backendConfig);
    /** Throws error::WrongAPIUsage in read-only modes; `describe()` names the target. */
    template <typename Describe>
    void requireWriteAccess(Operation operation, Describe const& describe) const
    {
        if (access::readOnly(m_access))
        {
            throwReadOnly(operation, describe());
        }
    }
    [[noreturn]] void throwReadOnly(Operation operation, std::string const& what) const;

    hdf5::Node& nodeOf(Writable* writable, Operation operation);
    /** The node's open object, opened now if it was released. */
    hid_t objectOf(hdf5::Node& node);
    hdf5::Site siteOf(hdf5::Node const& node, error::AffectedObject object,
                      bool reading) const;
    /** The node of the parent of `writable`, which must have one. */
    hdf5::Node& parentOf(Writable* writable, Operation operation);

    hdf5::File& openFileByName(std::string const& name, bool create);
    /** Forgets the file's nodes and closes it. */
    void closeAndForget(hdf5::File& file);
    /**
     * Creates dataset `segments` below `location` (the object of `parent`)
     * after checking what is there: an existing dataset is replaced, anything
     * else is an error; missing intermediate groups are created.
     */
    hdf5::Handle createDatasetChecked(Writable* parent, hid_t location,
                                      std::vector<std::string> const& segments,
                                      std::string const& path, hid_t type, hid_t space,
                                      hid_t creation, hdf5::Site const& site);
    /**
     * Opens member `relative` of `parent` if it is of `kind`, by the address
     * its listing found where there is one (read-only files), else by name;
     * otherwise an invalid Handle (the caller finds out why).
     */
    hdf5::Handle tryOpenMember(hdf5::Node& parent, std::string const& relative,
                               H5I_type_t kind);
    /** The names of the node's member groups (or datasets), sorted. */
    std::vector<std::string> membersOf(hdf5::Node& node, bool groups);
    /** DELETE_PATH and DELETE_DATASET. */
    void deleteLink(Writable* writable, std::string const& relative, bool dataset);

    /**
     * Checks a transfer's type and selection (error::WrongAPIUsage naming the
     * dataset) and selects it in the node's cached file dataspace.
     * @return that dataspace, owned by the node
     */
    hid_t fileSpaceFor(hdf5::Node& node, Offset const& offset, Extent const& extent,
                       Datatype dtype, bool reading);
    /** The checks of fileSpaceFor() without selecting. */
    void checkTransfer(hdf5::Node& node, Offset const& offset, Extent const& extent,
                       Datatype dtype, bool reading);
    /**
     * Does the held-back write (hdf5::PendingWrite), if any. Every task but
     * WRITE_DATASET runs it first (through nodeOf() or explicitly), and so
     * does endFlush().
     */
    void settlePendingWrite();
    /**
     * Opens `node` below its parent by the address the parent's member list
     * holds (no name lookup); invalid if the parent has no such list.
     */
    hdf5::Handle reopenBelowParent(hdf5::Node& node);
    /**
     * Keeps a group created at `path` for the recovery index of `file` if it
     * lies directly below a top-level group (an iteration: /data/<n>).
     */
    void noteForRecoveryIndex(hdf5::File& file, std::string const& path, hid_t group);
    /** Throws error::WriteError if a write to `file` failed before. */
    static void requireIntact(hdf5::File const& file, std::string const& path);
    /**
     * H5Fflush; if it fails, the file is detached from the disk (it takes no
     * more writes, and closing it cannot fail) and the error thrown.
     */
    void flushOrDetach(hdf5::File& file);
    /** Appends the groups a successful flush of `file` completed to its index. */
    void indexFlushedGroups(hdf5::File& file);
    /**
     * Whether this handler writes recovery indexes (HDF5RecoveryIndex.hpp).
     * The parallel handler does not: there every rank would write one.
     */
    bool m_keepsRecoveryIndexes = true;
    /** A dataspace of `extent` for the memory side, owned by the node. */
    hid_t cachedMemorySpace(hdf5::Node& node, Extent const& extent,
                            hdf5::Site const& site);

    hdf5::TypeTable m_types;
    hdf5::DatasetConfig m_datasetDefaults;
    hdf5::NodeTable m_nodes;

private:
    std::optional<hdf5::ErrorPrintingSilencer> m_silencer;
    hdf5::PendingWrite m_pendingWrite;
    /**
     * Nodes whose handles CLOSE_PATH released since HDF5's free lists were
     * last trimmed; the end of a flush trims them once enough piled up.
     */
    size_t m_releasedSinceTrim = 0;
    /**
     * Ceiling of HDF5's metadata cache per file (its default is 32 MiB).
     * Every H5Fflush walks all cached entries, so a small cache makes the
     * flush at each Iteration::close cheap; 128 KiB measured best for W3/W5.
     */
    static constexpr size_t metadataCacheCeiling = size_t(128) << 10;
    /** Files whose directory entry was synced (syncFile does it once per file). */
    std::set<std::string> m_entrySynced;
    /** The current flush asks for durability (FlushParams::durable). */
    bool m_durableFlush = false;
    /** A recovery index could not be written (warned once per handler). */
    bool m_warnedAboutRecoveryIndex = false;
};
} // namespace openPMD
