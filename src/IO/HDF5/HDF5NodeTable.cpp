#include "IO/HDF5/HDF5NodeTable.hpp"
#include "IO/HDF5/HDF5FilePosition.hpp"
#include "openPMD/backend/Writable.hpp"

namespace openPMD::hdf5
{
namespace
{
bool isAtOrBelow(std::string const& path, std::string const& top)
{
    if (top == "/")
    {
        return true;
    }
    return path.compare(0, top.size(), top) == 0 &&
           (path.size() == top.size() || path[top.size()] == '/');
}
} // namespace

NodeTable::~NodeTable()
{
    closeAll();
}

void NodeTable::closeAll() noexcept
{
    // Objects first: a file id closes for real only once its objects are closed.
    m_nodes.clear();
    m_files.clear();
}

File* NodeTable::findFile(std::string const& name)
{
    auto it = m_files.find(name);
    return it == m_files.end() ? nullptr : it->second.get();
}

File& NodeTable::addFile(std::string name, Handle id, bool writable)
{
    auto file = std::make_unique<File>();
    file->name = name;
    file->id = std::move(id);
    file->writable = writable;
    auto& slot = m_files[std::move(name)];
    slot = std::move(file);
    return *slot;
}

std::vector<File*> NodeTable::files()
{
    std::vector<File*> result;
    result.reserve(m_files.size());
    for (auto& entry : m_files)
    {
        result.push_back(entry.second.get());
    }
    return result;
}

Node* NodeTable::find(Writable* writable)
{
    auto it = m_nodes.find(writable);
    return it == m_nodes.end() ? nullptr : &it->second;
}

Node& NodeTable::add(Writable* writable, File& file, std::string path, Node::Kind kind,
                     Writable* parent, Handle object)
{
    Node& node = m_nodes[writable];
    if (node.parent != nullptr)
    {
        if (Node* oldParent = find(node.parent))
        {
            oldParent->children.erase(writable);
        }
    }
    if (node.file != nullptr && node.file != &file)
    {
        node.file->nodes.erase(writable);
    }
    node.file = &file;
    node.path = std::move(path);
    node.kind = kind;
    node.dtype = Datatype::UNDEFINED;
    node.created = false;
    node.members.reset();
    node.releaseHandles();
    node.extent.clear();
    node.object = std::move(object);
    node.parent = parent;
    if (Node* parentNode = parent != nullptr ? find(parent) : nullptr)
    {
        parentNode->children.insert(writable);
    }
    file.nodes.insert(writable);
    writable->abstractFilePosition = std::make_shared<FilePosition>(node.path);
    writable->written = true;
    return node;
}

size_t NodeTable::closeHandles(Writable* writable)
{
    std::vector<Writable*> subtree;
    collectSubtree(writable, subtree);
    for (Writable* member : subtree)
    {
        m_nodes.at(member).releaseHandles();
    }
    return subtree.size();
}

void NodeTable::forgetBelow(Writable* writable, std::string const& path)
{
    Node* node = find(writable);
    if (node == nullptr)
    {
        return;
    }
    std::vector<Writable*> doomed;
    std::vector<Writable*> pending(node->children.begin(), node->children.end());
    while (!pending.empty())
    {
        Writable* current = pending.back();
        pending.pop_back();
        Node const& child = m_nodes.at(current);
        if (isAtOrBelow(child.path, path))
        {
            collectSubtree(current, doomed);
        }
        else if (isAtOrBelow(path, child.path))
        {
            // An ancestor of the deleted object: look further down.
            pending.insert(pending.end(), child.children.begin(), child.children.end());
        }
    }
    for (Writable* member : doomed)
    {
        erase(member, false);
    }
}

File* NodeTable::forget(Writable* writable)
{
    Node* node = find(writable);
    if (node == nullptr)
    {
        return nullptr;
    }
    File* file = node->file;
    // The nodes below go too: their Writables belong to the frontend object
    // being dropped, and a node left behind would be dereferenced (freed) at
    // the file's close. A child the user still holds is registered again
    // when it is created or opened anew.
    std::vector<Writable*> subtree;
    collectSubtree(writable, subtree);
    for (Writable* member : subtree)
    {
        erase(member, false);
    }
    return file->nodes.empty() ? file : nullptr;
}

Handle NodeTable::removeFile(File& file)
{
    std::vector<Writable*> const members(file.nodes.begin(), file.nodes.end());
    for (Writable* member : members)
    {
        erase(member, true);
    }
    auto it = m_files.find(file.name);
    Handle id = std::move(it->second->id);
    m_files.erase(it);
    return id;
}

void NodeTable::erase(Writable* writable, bool resetWritable)
{
    auto it = m_nodes.find(writable);
    if (it == m_nodes.end())
    {
        return;
    }
    Node& node = it->second;
    if (Node* parent = node.parent != nullptr ? find(node.parent) : nullptr)
    {
        parent->children.erase(writable);
    }
    for (Writable* child : node.children)
    {
        m_nodes.at(child).parent = nullptr;
    }
    node.file->nodes.erase(writable);
    if (resetWritable)
    {
        writable->abstractFilePosition.reset();
        writable->written = false;
    }
    m_nodes.erase(it);
}

void NodeTable::collectSubtree(Writable* writable, std::vector<Writable*>& out)
{
    std::vector<Writable*> pending{writable};
    while (!pending.empty())
    {
        Writable* current = pending.back();
        pending.pop_back();
        auto it = m_nodes.find(current);
        if (it == m_nodes.end())
        {
            continue;
        }
        out.push_back(current);
        pending.insert(pending.end(), it->second.children.begin(),
                       it->second.children.end());
    }
}
} // namespace openPMD::hdf5
