// ZarrHierarchy::persist(): what a flush point puts into the store.
#include "IO/Zarr/ZarrChunks.hpp"
#include "IO/Zarr/ZarrHierarchy.hpp"
#include "IO/Zarr/ZarrMetadata.hpp"
#include "IO/Zarr/ZarrPaths.hpp"
#include "openPMD/Error.hpp"

namespace openPMD::zarr
{
namespace
{
void putText(KeyValueStore& store, std::string const& key, std::string const& text)
{
    store.put(key, text.data(), text.size());
}
} // namespace

void ZarrHierarchy::persist(bool closing)
{
    persistRemovals();
    persistMetadata();
    persistChunkData();
    persistConsolidated(closing);
    m_store->sync();
}

void ZarrHierarchy::keepDocument(std::string const& key, std::string text)
{
    auto& kept = m_documents[key];
    m_documentsBytes += text.size();
    m_documentsBytes -= kept.size();
    kept = std::move(text);
}

void ZarrHierarchy::persistRemovals()
{
    if (m_clearStore)
    {
        m_store->eraseWithPrefix("");
        m_clearStore = false;
    }
    while (!m_erasures.empty())
    {
        m_store->eraseWithPrefix(m_erasures.back() + "/");
        m_erasures.pop_back();
    }
}

void ZarrHierarchy::persistMetadata()
{
    std::set<std::string> paths = m_dirtyMetadata;
    paths.insert(m_dirtyAttributes.begin(), m_dirtyAttributes.end());
    for (auto const& path : paths)
    {
        persistNode(path, m_dirtyMetadata.count(path) > 0,
                    m_dirtyAttributes.count(path) > 0);
        m_dirtyMetadata.erase(path);
        m_dirtyAttributes.erase(path);
    }
}

void ZarrHierarchy::persistChunkData()
{
    while (!m_dirtyChunks.empty())
    {
        auto const path = *m_dirtyChunks.begin();
        if (auto* node = find(path); node && node->isArray())
            persistChunks(path, *node->array);
        m_dirtyChunks.erase(m_dirtyChunks.begin());
    }
}

void ZarrHierarchy::discardMetadataChanges()
{
    m_clearStore = false;
    m_erasures.clear();
    for (auto const& path : m_dirtyMetadata)
        if (auto* node = find(path); node && node->isArray())
            node->array->storeStale = false; // the other writer erased the old content
    m_dirtyMetadata.clear();
    m_dirtyAttributes.clear();
    m_documentsChanged = false;
    m_documentsBuilt = false; // rebuilt from the model if this writer ever needs them
}

void ZarrHierarchy::persistNode(std::string const& path, bool metadata, bool attributes)
{
    auto* node = find(path);
    if (node == nullptr)
        return; // deleted since
    if (metadata)
    {
        auto const key = documentKey(path, node->isArray() ? ".zarray" : ".zgroup");
        auto text = node->isArray() ? arrayDocument(*node->array) : groupDocument();
        putText(*m_store, key, text);
        if (node->isArray())
            node->array->storeStale = false; // the old content was erased before
        m_changedBytes += text.size();
        if (m_documentsBuilt)
            keepDocument(key, std::move(text));
        m_documentsChanged = true;
    }
    if (attributes)
    {
        auto const key = documentKey(path, ".zattrs");
        auto text = attributesText(path, *node);
        putText(*m_store, key, text);
        m_changedBytes += text.size();
        if (m_documentsBuilt)
            keepDocument(key, std::move(text));
        m_documentsChanged = true;
    }
}

void ZarrHierarchy::persistChunks(std::string const& path, ZarrArray& array)
{
    auto const limit = m_store->maxValueSize();
    while (!array.pending.empty())
    {
        auto it = array.pending.begin();
        auto const encoded = encodeChunk(array.compressor, it->second.data(),
                                         it->second.size(), array.elementSize());
        auto const key = chunkKey(path, it->first, array.separator);
        if (limit != 0 && encoded.size() > limit)
            throw error::WriteError(
                error::AffectedObject::Dataset, "Zarr",
                "chunk '" + key + "' of store '" + m_store->describe() + "' has " +
                    std::to_string(encoded.size()) + " bytes; the store takes at most " +
                    std::to_string(limit) + " (choose smaller chunks)");
        m_store->put(key, encoded.data(), encoded.size());
        array.pending.erase(it);
    }
    array.storeStale = false;
}

void ZarrHierarchy::buildDocuments(std::string const& path, ZarrNode& node)
{
    if (!(node.isArray() && !node.array->problem.empty()))
    {
        keepDocument(documentKey(path, node.isArray() ? ".zarray" : ".zgroup"),
                     node.isArray() ? arrayDocument(*node.array) : groupDocument());
        if (node.attributesProblem.empty())
            keepDocument(documentKey(path, ".zattrs"), attributesText(path, node));
    }
    for (auto& [name, child] : node.children)
        buildDocuments(childPath(path, name), *child);
}

void ZarrHierarchy::persistConsolidated(bool closing)
{
    if (!m_documentsChanged)
        return;
    if (m_consolidated == ConsolidatedPolicy::Never)
    {
        // A .zmetadata of an earlier writer would now be stale.
        m_store->erase(".zmetadata");
        m_documentsChanged = false;
        return;
    }
    if (!m_documentsBuilt)
    {
        m_documents.clear();
        m_documentsBytes = 0;
        buildDocuments("", m_root);
        m_documentsBuilt = true;
    }
    // Rewriting costs the whole metadata: while it is small, or once the
    // changes since the last write are an eighth of it (amortized cost per
    // change), or at closing. Otherwise a stale .zmetadata is removed, so
    // that readers list the store instead of believing it.
    std::size_t const cheap = 1u << 20;
    bool const write = closing || m_consolidated == ConsolidatedPolicy::EveryFlush ||
                       m_documentsBytes <= cheap ||
                       8 * m_changedBytes >= m_documentsBytes;
    if (!write)
    {
        if (m_consolidatedStored)
            m_store->erase(".zmetadata");
        m_consolidatedStored = false;
        return; // m_documentsChanged stays: written later
    }
    std::string text;
    text.reserve(m_documentsBytes + 64 * m_documents.size() + 64);
    text += "{\n    \"metadata\": {";
    bool first = true;
    for (auto const& [key, document] : m_documents)
    {
        text += first ? "\n        " : ",\n        ";
        first = false;
        text += quote(key);
        text += ": ";
        text += document;
    }
    text += "\n    },\n    \"zarr_consolidated_format\": 1\n}";
    putText(*m_store, ".zmetadata", text);
    m_documentsChanged = false;
    m_consolidatedStored = true;
    m_changedBytes = 0;
}
} // namespace openPMD::zarr
