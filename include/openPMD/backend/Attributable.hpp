#pragma once

#include "openPMD/Error.hpp"
#include "openPMD/IO/Access.hpp"
#include "openPMD/backend/Attribute.hpp"
#include "openPMD/backend/Writable.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace openPMD
{
class AbstractIOHandler;
class Series;
class Attributable;
template <typename T, typename Key, typename Map>
class Container;

namespace internal
{
class SeriesData;

/**
 * The shared state behind every frontend handle: one storage node, its
 * attributes and what changed since the last flush.
 *
 * Dirty tracking: `m_dirtySelf` means this node must be created or has
 * changed attributes; `m_dirtySubtree` means some descendant is dirty. Marking
 * a node dirty walks up the parent chain only until an ancestor is already
 * marked, so a flush visits only dirty subtrees and marking is O(depth).
 */
class AttributableData
{
public:
    AttributableData();
    virtual ~AttributableData();
    AttributableData(AttributableData const&) = delete;
    AttributableData& operator=(AttributableData const&) = delete;

    /** This node in the storage tree (frontendObject points back here). */
    Writable m_writable;
    std::map<std::string, Attribute> m_attributes;
    /** Attributes set since the last flush. */
    std::set<std::string> m_changedAttributes;
    /** Attributes deleted since the last flush (a DELETE_ATT is due). */
    std::set<std::string> m_deletedAttributes;

    /**
     * The node this one sits in. Not owning (parents own children); a parent
     * that goes away resets it in its children, so it never dangles.
     */
    AttributableData* m_parent = nullptr;
    /** Name of the node in its parent (the storage path segment). */
    std::string m_name;

    bool m_dirtySelf = true;
    bool m_dirtySubtree = false;
    /** A create/open task was queued for the node. */
    bool m_inStorage = false;
    /**
     * The node was part of a closed iteration whose content was released:
     * it is no longer in the tree, and every use is an error.
     */
    bool m_released = false;

    /** Mark this node changed, and its ancestors as having a changed child. */
    void markDirty();
    /** Mark that a descendant changed. */
    void markSubtreeDirty();
    /** Tell the parent that this subtree is dirty (iterations tell the Series). */
    virtual void notifyParent();

    /**
     * Read the node lazily if it is not yet parsed (read modes).
     * @throws error::WrongAPIUsage for a released node.
     */
    virtual void ensureLoaded();
    /** Calls `visit` on every child node (container entries, components ...). */
    virtual void forEachChild(std::function<void(AttributableData&)> const& /*visit*/) {}

    /** Called after the node was put into its parent by the user (write path). */
    virtual void onLinked() {}
    /** Called after the attribute `key` was set or deleted (by the user). */
    virtual void onAttributeChanged(std::string const& /*key*/) {}

    /** Make this node a child `name` of `parent` (same Series). */
    void linkTo(AttributableData& parent, std::string name);

    /** Path from the Series root, e.g. "/data/100/meshes/E". */
    std::string path() const;
    /** The file the object is stored in (directory/name), "" without a Series. */
    std::string filePath() const;
    /** "'<path>' in '<file>'", for error messages about stored objects. */
    std::string where() const;

    /** The Series (found at the root), or error::WrongAPIUsage if it is gone. */
    SeriesData& series() const;
    /** Null if the node belongs to no (living) Series. */
    SeriesData* seriesOrNull() const;
    /** Non-null on the Series root. */
    virtual SeriesData* asSeries() { return nullptr; }
    /** Forget a child that outlives this node (called from destructors). */
    static void orphan(AttributableData& child);

    /**
     * Queue DEREGISTER for this node and every node below it that is in
     * storage, children first: the frontend is about to drop them, and a
     * backend must not keep (and later walk) nodes whose Writables are gone.
     * With `release`, the nodes are also marked released (closed iterations).
     */
    void deregisterSubtree(AbstractIOHandler* handler, bool release);

    /** True only for an Iteration that was closed. */
    virtual bool isClosedIteration() const { return false; }
    /** Throws error::WrongAPIUsage if the node is inside a closed iteration. */
    void requireOpenIteration(char const* what) const;
    /** Throws error::WrongAPIUsage if the node was released (see m_released). */
    void requireNotReleased(char const* what) const;

    /** Store an attribute value without the read-only check (parsers, defaults). */
    void setAttributeInternal(std::string const& key, Attribute value);
    /** Queue WRITE_ATT / DELETE_ATT for what changed; clears the lists. */
    void flushAttributes(AbstractIOHandler& handler);

    /** Whether the node is a dataset in storage (else a group). */
    virtual bool storedAsDataset() const { return false; }
    /**
     * Queue the tasks that bring storage up to date with this node and its
     * dirty descendants, then mark them clean. Default: a group.
     */
    virtual void flushTree(SeriesData& series);

    /**
     * Read path: create the child `name` found in storage (clean, in storage).
     * Null if this kind of node has no children of that name.
     */
    virtual AttributableData* readChild(std::string const& /*name*/) { return nullptr; }

    /** Children removed by the user: (name, was a dataset) still to delete. */
    std::vector<std::pair<std::string, bool>> m_pendingDeletions;

    /**
     * Whether the node exists in storage, opened or not (an iteration listed
     * in a file but not read yet exists there without being opened).
     */
    virtual bool existsInStorage() const { return m_inStorage; }
    /**
     * The user erased `child`, which exists in storage: remember what to
     * delete at the next flush (default: its group or dataset).
     */
    virtual void recordErasedChild(AttributableData& child);

protected:
    /** Flush the dirty children (containers, records, iterations). */
    virtual void flushChildren(SeriesData&) {}
};

/** The shared state of a handle (for the library's own templates). */
AttributableData& getData(Attributable const&);

/**
 * Throws std::out_of_range (openPMD-api's documented error) if a new child
 * `key` may not be added because the Series is read-only.
 */
void requireInsertable(AttributableData const& container, std::string const& key);
/** Throws std::out_of_range naming the container's path, the key and the file. */
[[noreturn]] void throwMissingKey(AttributableData const& container,
                                  std::string const& key);
/** error::WrongAPIUsage: `child` cannot be inserted as `key`, it is placed already. */
[[noreturn]] void throwAlreadyPlaced(AttributableData const& container,
                                     std::string const& key,
                                     AttributableData const& child);
/**
 * `container[name] = handle` put `child` into the entry `name`: make it the
 * child `name` of `container`. It moves there if `mayMove` and it belongs
 * nowhere (e.g. it was erased before it was written) or to `container` under
 * an entry that no longer holds it, and was not written.
 * @throws error::WrongAPIUsage otherwise (it is in two entries, in another
 *         container, or was written under another name).
 */
void adoptEntry(AttributableData& container, std::string const& name,
                AttributableData& child, bool mayMove);
/** Queue the storage deletion of a child at the next flush (if it was stored). */
void scheduleDeletion(AttributableData& container, AttributableData& child);
} // namespace internal

/**
 * Base of every frontend object that has attributes: a handle on shared
 * state (copies share the object).
 *
 * Setting and deleting attributes never touches storage: the changes are
 * written at the next flush point (Series::flush, Iteration::close,
 * Series::close or destruction).
 */
class Attributable
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    friend class Series;
    friend internal::AttributableData& internal::getData(Attributable const&);

public:
    Attributable();
    explicit Attributable(std::shared_ptr<internal::AttributableData>);
    virtual ~Attributable() = default;

    Attributable(Attributable const&) = default;
    Attributable(Attributable&&) = default;
    Attributable& operator=(Attributable const&) = default;
    Attributable& operator=(Attributable&&) = default;

    /**
     * Set (or overwrite) an attribute; T is any attribute type (see Datatype).
     * @return true if an existing attribute was overwritten.
     * @throws error::WrongAPIUsage in a read-only Series.
     */
    template <typename T>
    bool setAttribute(std::string const& key, T value)
    {
        return setAttributeImpl(key, Attribute(std::move(value)));
    }
    /** A string literal is stored as STRING. */
    bool setAttribute(std::string const& key, char const value[]);

    /** @throws error::NoSuchAttribute if there is none of that name. */
    Attribute getAttribute(std::string const& key) const;
    /**
     * Remove an attribute; storage is updated at the next flush point.
     * @return true if it existed.
     */
    bool deleteAttribute(std::string const& key);
    /** The names of all attributes, sorted. */
    std::vector<std::string> attributes() const;
    size_t numAttributes() const;
    bool containsAttribute(std::string const& key) const;

    /** The "comment" attribute. */
    std::string comment() const;
    Attributable& setComment(std::string const& comment);

    /** Flush the whole Series this object belongs to. */
    void seriesFlush(std::string backendConfig = "{}");
    /** Flush only the iteration this object belongs to (and the Series root). */
    void iterationFlush(std::string backendConfig = "{}");

    /** Where the object is stored. */
    struct MyPath
    {
        std::string directory;
        std::string seriesName;
        std::string seriesExtension;
        /** Group names from the file root down to the object. */
        std::vector<std::string> group;
        Access access = Access::READ_ONLY;

        /** directory + seriesName + seriesExtension. */
        std::string filePath() const;
        /** The group path, e.g. "/data/100/meshes/E". */
        std::string openPMDPath() const;
    };
    MyPath myPath() const;

    /** Mark the object as changed (its attributes are rewritten at the next flush). */
    void touch();

protected:
    bool setAttributeImpl(std::string const& key, Attribute value);
    internal::AttributableData& attri() const { return *m_attri; }
    /** Throws error::WrongAPIUsage if the Series is read-only. */
    void requireWritable(char const* what) const;

    /**
     * getAttribute(key).get<T>(), with an error that names the attribute,
     * the object and the file when the stored type does not convert to T.
     */
    template <typename T>
    T attributeAs(std::string const& key) const
    {
        Attribute const attribute = getAttribute(key);
        try
        {
            return attribute.get<T>();
        }
        catch (error::IllegalConversion const& e)
        {
            throwWrongAttributeType(key, e);
        }
    }
    [[noreturn]] void throwWrongAttributeType(std::string const& key,
                                              error::IllegalConversion const&) const;

    std::shared_ptr<internal::AttributableData> m_attri;
};

inline internal::AttributableData& internal::getData(Attributable const& a)
{
    return *a.m_attri;
}
} // namespace openPMD
