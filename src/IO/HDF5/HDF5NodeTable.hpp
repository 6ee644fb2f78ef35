#pragma once

#include "IO/HDF5/HDF5File.hpp"
#include "IO/HDF5/HDF5Node.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace openPMD
{
class Writable;
}

namespace openPMD::hdf5
{
/**
 * The open files and the nodes registered in them, mirrored as a tree so that
 * closing a group can release the handles below it and closing a file can
 * forget exactly its nodes.
 *
 * A Writable is dereferenced only while it is registered: DEREGISTER removes
 * it first, so a destroyed Writable is never touched.
 */
class NodeTable
{
public:
    NodeTable() = default;
    NodeTable(NodeTable const&) = delete;
    NodeTable& operator=(NodeTable const&) = delete;
    /** Releases every handle (closeAll). */
    ~NodeTable();

    /** Forgets every node and file and releases their ids, files last; never throws. */
    void closeAll() noexcept;

    File* findFile(std::string const& name);
    File& addFile(std::string name, Handle id, bool writable);
    /** All open files, in name order. */
    std::vector<File*> files();

    /** The node of `writable`; null if it is not registered. */
    Node* find(Writable* writable);

    /**
     * Registers `writable` as the object `path` of `file` below `parent`
     * (replacing an earlier registration, whose children stay attached), and
     * marks the Writable written with its file position.
     */
    Node& add(Writable* writable, File& file, std::string path, Node::Kind kind,
              Writable* parent, Handle object);

    /**
     * Closes the object handles of `writable` and of every node below it.
     * @return how many nodes that was
     */
    size_t closeHandles(Writable* writable);

    /**
     * Forgets the nodes below `writable` (not itself) whose object lies at or
     * under `path`: their objects were deleted from the file.
     */
    void forgetBelow(Writable* writable, std::string const& path);

    /**
     * Forgets a node and every node below it (DEREGISTER).
     * @return its file if it has no nodes left.
     */
    File* forget(Writable* writable);

    /**
     * Forgets every node of `file` (their Writables lose their file position),
     * removes the file and hands back its id for the caller to close.
     */
    Handle removeFile(File& file);

private:
    void erase(Writable* writable, bool resetWritable);
    void collectSubtree(Writable* writable, std::vector<Writable*>& out);

    std::unordered_map<Writable*, Node> m_nodes;
    std::map<std::string, std::unique_ptr<File>> m_files;
};
} // namespace openPMD::hdf5
