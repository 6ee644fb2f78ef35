#pragma once

// One open Zarr hierarchy (one openPMD file): its store and the in-memory
// model of its groups, arrays and attributes. Changes are kept in memory and
// put into the store by persist() at flush points: the documents of changed
// nodes, the pending chunks, then .zmetadata (consolidated metadata).

#include "IO/Zarr/ZarrNode.hpp"
#include "IO/Zarr/ZarrOptions.hpp"
#include "openPMD/IO/KeyValueStore.hpp"

#include <map>
#include <memory>
#include <set>
#include <string>

namespace openPMD::zarr
{
class ZarrHierarchy
{
public:
    ZarrHierarchy(std::unique_ptr<KeyValueStore> store, ConsolidatedPolicy consolidated);

    /** Whether the store holds a hierarchy (a root .zgroup). */
    static bool exists(KeyValueStore&);

    /** Starts an empty hierarchy; `replace`: the store's old content goes at persist().
     */
    void startEmpty(bool replace);
    /**
     * Reads the model: from .zmetadata in one GET if present (and enabled),
     * else from every .zgroup/.zarray/.zattrs of the store.
     * @throws error::ReadError if the root is no Zarr group.
     */
    void load();

    KeyValueStore& store() { return *m_store; }
    ZarrNode& root() { return m_root; }
    /** The node at `path`, or null. */
    ZarrNode* find(std::string const& path);
    /** Creates the missing groups of `path`; WriteError if one of them is an array. */
    ZarrNode& makeGroups(std::string const& path);
    /** Adds or replaces the array `path` (its parent group must exist). */
    ZarrNode& makeArray(std::string const& path, std::unique_ptr<ZarrArray> array);
    /** Removes a node and, at persist(), everything stored below it. */
    void remove(std::string const& path);

    void markMetadata(std::string const& path);
    void markAttributes(std::string const& path);
    void markChunks(std::string const& path);
    bool hasChanges() const;

    /**
     * Puts every change into the store; the store is synced. `closing`: the
     * last persist before the hierarchy is closed (.zmetadata is written
     * whatever it costs).
     */
    void persist(bool closing);

    // persist() in steps, for writers that share a hierarchy (MPI): one
    // writer removes and writes metadata, every writer its own chunks.
    /** Removes the old content (CREATE) and deleted nodes. */
    void persistRemovals();
    /** Puts the documents of changed nodes. */
    void persistMetadata();
    /** Puts the pending chunks of every changed array. */
    void persistChunkData();
    /** Puts .zmetadata if metadata changed, as the policy says. */
    void persistConsolidated(bool closing);
    /** Forgets metadata changes another writer has persisted. */
    void discardMetadataChanges();
    /** Whether arrays have chunks waiting for persistChunkData(). */
    bool hasPendingChunks() const { return !m_dirtyChunks.empty(); }

    /** "'/a/b' in store 'directory x.zarr'" for messages. */
    std::string describe(std::string const& path) const;

private:
    void loadConsolidated(Json const& metadata);
    void loadByListing();
    void addDocument(std::string const& key, Json const& document);
    std::string attributesText(std::string const& path, ZarrNode const& node);
    void persistNode(std::string const& path, bool metadata, bool attributes);
    void persistChunks(std::string const& path, ZarrArray& array);
    void buildDocuments(std::string const& path, ZarrNode& node);
    /** Sets a document's text in m_documents, keeping m_documentsBytes. */
    void keepDocument(std::string const& key, std::string text);
    ZarrNode& nodeForDocument(std::string const& path);

    std::unique_ptr<KeyValueStore> m_store;
    ConsolidatedPolicy m_consolidated;
    /** Bytes of m_documents' texts. */
    std::size_t m_documentsBytes = 0;
    /** Bytes of documents put since .zmetadata was last written. */
    std::size_t m_changedBytes = 0;
    /** Whether the store may hold a .zmetadata. */
    bool m_consolidatedStored = true;
    ZarrNode m_root;
    bool m_clearStore = false;
    std::vector<std::string> m_erasures;
    std::set<std::string> m_dirtyMetadata;
    std::set<std::string> m_dirtyAttributes;
    std::set<std::string> m_dirtyChunks;
    /** Key -> document text of every node, for .zmetadata. */
    std::map<std::string, std::string> m_documents;
    bool m_documentsChanged = false;
    /** False after load(): m_documents is filled at the first persist(). */
    bool m_documentsBuilt = true;
    /** Exact dataset types kept in .zattrs, applied once all documents are read. */
    std::map<std::string, Datatype> m_keptTypes;
};
} // namespace openPMD::zarr
