#include "IO/Zarr/ZarrHierarchy.hpp"
#include "IO/Zarr/ZarrMetadata.hpp"
#include "IO/Zarr/ZarrPaths.hpp"
#include "openPMD/Error.hpp"

#include <iostream>

namespace openPMD::zarr
{
namespace
{
constexpr char const* consolidatedKey = ".zmetadata";

std::string textOf(std::vector<std::byte> const& bytes)
{
    return std::string(reinterpret_cast<char const*>(bytes.data()), bytes.size());
}
} // namespace

ZarrHierarchy::ZarrHierarchy(std::unique_ptr<KeyValueStore> store,
                             ConsolidatedPolicy consolidated)
    : m_store(std::move(store)), m_consolidated(consolidated)
{
}

bool ZarrHierarchy::exists(KeyValueStore& store)
{
    return store.contains(".zgroup");
}

void ZarrHierarchy::startEmpty(bool replace)
{
    m_clearStore = replace;
    m_dirtyMetadata.insert("");
    m_dirtyAttributes.insert("");
    m_documentsChanged = true;
}

void ZarrHierarchy::load()
{
    if (!exists(*m_store))
    {
        bool const empty = m_store->list("").empty();
        throw error::ReadError(
            error::AffectedObject::File,
            empty ? error::Reason::NotFound : error::Reason::UnexpectedContent, "Zarr",
            "store '" + m_store->describe() +
                (empty
                     ? "' holds no hierarchy: expected a Zarr v2 group with key '.zgroup'"
                     : "' has no key '.zgroup': expected a Zarr v2 hierarchy (a root "
                       "group)"));
    }
    m_documentsBuilt = false;
    std::optional<std::vector<std::byte>> consolidated;
    if (m_consolidated != ConsolidatedPolicy::Never)
        consolidated = m_store->get(consolidatedKey);
    bool loaded = false;
    if (consolidated)
    {
        try
        {
            auto const document = parseDocument(textOf(*consolidated));
            auto const& metadata = document.at("metadata");
            if (!metadata.is_object())
                throw std::invalid_argument("\"metadata\" is no object");
            loadConsolidated(metadata);
            loaded = true;
        }
        catch (std::exception const& e)
        {
            std::cerr << "[libopenPMD Zarr] ignoring '.zmetadata' of store '"
                      << m_store->describe() << "' (" << e.what()
                      << "); reading every metadata key instead\n";
            m_root = ZarrNode();
            m_keptTypes.clear();
        }
    }
    if (!loaded)
        loadByListing();
    for (auto const& [path, dtype] : m_keptTypes)
    {
        auto* node = find(path);
        if (node && node->isArray() && isSame(node->array->dtype, dtype))
            node->array->dtype = dtype;
    }
    m_keptTypes.clear();
}

void ZarrHierarchy::loadConsolidated(Json const& metadata)
{
    for (auto const& [key, document] : metadata.items())
        addDocument(key, document);
}

void ZarrHierarchy::loadByListing()
{
    for (auto const& key : m_store->list(""))
    {
        auto const name =
            key.substr(key.rfind('/') == std::string::npos ? 0 : key.rfind('/') + 1);
        if (name != ".zgroup" && name != ".zarray" && name != ".zattrs")
            continue;
        auto const value = m_store->get(key);
        if (!value)
            continue; // removed meanwhile
        Json document;
        try
        {
            document = parseDocument(textOf(*value));
        }
        catch (std::exception const& e)
        {
            // Kept as a problem of the node: the rest stays readable.
            auto& node = nodeForDocument(
                key == name ? "" : key.substr(0, key.size() - name.size() - 1));
            std::string const problem = "malformed JSON in key '" + key + "' of store '" +
                                        m_store->describe() + "': " + e.what();
            if (name == ".zattrs")
                node.attributesProblem = problem;
            else if (name == ".zarray")
            {
                node.array = std::make_unique<ZarrArray>();
                node.array->problem = problem;
            }
            continue;
        }
        addDocument(key, document);
    }
}

ZarrNode& ZarrHierarchy::nodeForDocument(std::string const& path)
{
    ZarrNode* node = &m_root;
    for (auto const& segment : splitPath(path))
    {
        auto& child = node->children[segment];
        if (!child)
            child = std::make_unique<ZarrNode>();
        node = child.get();
    }
    return *node;
}

void ZarrHierarchy::addDocument(std::string const& key, Json const& document)
{
    auto const slash = key.rfind('/');
    std::string const name = slash == std::string::npos ? key : key.substr(slash + 1);
    std::string const path = slash == std::string::npos ? "" : key.substr(0, slash);
    if (name != ".zgroup" && name != ".zarray" && name != ".zattrs")
        return;
    if (!path.empty() && !unsafeNameReason(path).empty())
        return; // no node can have that name
    auto& node = nodeForDocument(path);
    if (name == ".zarray")
    {
        node.array = std::make_unique<ZarrArray>();
        readArrayDocument(document, *node.array);
        if (!node.array->problem.empty())
            node.array->problem = "key '" + key + "' of store '" + m_store->describe() +
                                  "': " + node.array->problem;
    }
    else if (name == ".zattrs")
    {
        try
        {
            AttributeExtras extras;
            node.attributes = decodeAttributesDocument(document, extras);
            if (extras.datasetType)
                m_keptTypes[path] = *extras.datasetType;
        }
        catch (std::exception const& e)
        {
            node.attributesProblem = "key '" + key + "' of store '" +
                                     m_store->describe() + "': " + e.what() +
                                     " (expected a JSON object of attributes)";
        }
    }
}

ZarrNode* ZarrHierarchy::find(std::string const& path)
{
    ZarrNode* node = &m_root;
    for (auto const& segment : splitPath(path))
    {
        auto it = node->children.find(segment);
        if (it == node->children.end())
            return nullptr;
        node = it->second.get();
    }
    return node;
}

ZarrNode& ZarrHierarchy::makeGroups(std::string const& path)
{
    ZarrNode* node = &m_root;
    std::string current;
    for (auto const& segment : splitPath(path))
    {
        current = childPath(current, segment);
        auto& child = node->children[segment];
        if (!child)
        {
            child = std::make_unique<ZarrNode>();
            markMetadata(current);
            markAttributes(current);
        }
        else if (child->isArray())
            throw error::WriteError(error::AffectedObject::Group, "Zarr",
                                    "cannot create group " + describe(path) + ": " +
                                        describe(current) +
                                        " is an array, expected a group or nothing");
        node = child.get();
    }
    return *node;
}

ZarrNode& ZarrHierarchy::makeArray(std::string const& path,
                                   std::unique_ptr<ZarrArray> array)
{
    auto* parent = find(parentPath(path));
    auto const name = splitPath(path).back();
    if (parent->children.count(name))
        remove(path);
    auto& node = parent->children[name];
    node = std::make_unique<ZarrNode>();
    array->storeStale = true;
    node->array = std::move(array);
    markMetadata(path);
    // The xarray dimension names of an array depend on its siblings' names.
    auto const container = parentPath(path);
    for (auto const& [sibling, child] : parent->children)
        if (child->isArray())
            markAttributes(childPath(container, sibling));
    return *node;
}

void ZarrHierarchy::remove(std::string const& path)
{
    auto* parent = find(parentPath(path));
    if (parent)
        parent->children.erase(splitPath(path).back());
    m_erasures.push_back(path);
    auto const prefix = path + "/";
    auto it = m_documents.lower_bound(prefix);
    while (it != m_documents.end() && it->first.compare(0, prefix.size(), prefix) == 0)
    {
        m_documentsBytes -= it->second.size();
        it = m_documents.erase(it);
    }
    m_documentsChanged = true;
}

void ZarrHierarchy::markMetadata(std::string const& path)
{
    m_dirtyMetadata.insert(path);
}

void ZarrHierarchy::markAttributes(std::string const& path)
{
    m_dirtyAttributes.insert(path);
}

void ZarrHierarchy::markChunks(std::string const& path)
{
    m_dirtyChunks.insert(path);
}

bool ZarrHierarchy::hasChanges() const
{
    return m_clearStore || !m_erasures.empty() || !m_dirtyMetadata.empty() ||
           !m_dirtyAttributes.empty() || !m_dirtyChunks.empty() || m_documentsChanged;
}

std::string ZarrHierarchy::describe(std::string const& path) const
{
    return "'/" + path + "' in store '" + m_store->describe() + "'";
}

std::string ZarrHierarchy::attributesText(std::string const& path, ZarrNode const& node)
{
    AttributeExtras extras;
    if (node.isArray() && node.array->problem.empty())
    {
        extras.datasetType = node.array->dtype;
        extras.arrayDimensions = arrayDimensions(
            splitPath(path), node, path.empty() ? nullptr : find(parentPath(path)));
    }
    return attributesDocument(node.attributes, extras);
}
} // namespace openPMD::zarr
