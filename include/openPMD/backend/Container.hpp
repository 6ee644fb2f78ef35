#pragma once

#include "openPMD/Error.hpp"
#include "openPMD/auxiliary/IterationIndex.hpp"
#include "openPMD/backend/Attributable.hpp"

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace openPMD
{
namespace internal
{
/** Storage name of a container key: the string itself, or the decimal number. */
inline std::string keyToString(std::string const& key)
{
    return key;
}
template <typename Key, typename = std::enable_if_t<std::is_integral_v<Key>>>
std::string keyToString(Key key)
{
    return std::to_string(key);
}

/** A group of named children of one type, e.g. the meshes of an iteration. */
template <typename T, typename Key = std::string, typename Map = std::map<Key, T>>
class ContainerData : public AttributableData
{
public:
    ~ContainerData() override
    {
        for (auto& entry : m_container)
        {
            orphan(getData(entry.second));
        }
    }

    Map m_container;
    /**
     * Whether an entry may take an object that the user assigned to it
     * (`container[key] = handle`, see reconcile()). Iterations may not: their
     * key is their index, fixed when they are created.
     */
    bool m_adoptsEntries = true;

    /**
     * Makes the object of entry `key` the child `key` of this container.
     * `container[key] = handle` replaces the handle in the entry, so an
     * entry may hold an object linked elsewhere or nowhere; such an object
     * moves to `key` if it belongs nowhere (e.g. it was erased from here
     * before it was written), or if it is linked here under a name whose
     * entry no longer holds it, and it was not written.
     * @throws error::WrongAPIUsage if the object is another entry's too, in
     *         another container, or was written under another name.
     */
    void reconcile(Key const& key, T& entry)
    {
        AttributableData& child = getData(entry);
        if (isEntry(child, key))
        {
            return;
        }
        bool const heldElsewhere = child.m_parent == this && holds(child.m_name, child);
        adoptEntry(*this, keyToString(key), child, m_adoptsEntries && !heldElsewhere);
    }

    /**
     * The key a child's name stands for. Iterations read from a file may be
     * named "0012" for index 12; a name that is no index has no key.
     */
    static std::optional<Key> keyOf(std::string const& name)
    {
        if constexpr (std::is_integral_v<Key>)
        {
            auto const index = auxiliary::parseIterationIndex(name);
            return index ? std::optional<Key>(static_cast<Key>(*index)) : std::nullopt;
        }
        else
        {
            return name;
        }
    }

    /** Whether `child` is linked here as the entry `key`. */
    bool isEntry(AttributableData const& child, Key const& key) const
    {
        return child.m_parent == this && keyOf(child.m_name) == key;
    }

    /** Whether the entry named `name` holds `child`. */
    bool holds(std::string const& name, AttributableData const& child) const
    {
        auto const key = keyOf(name);
        if (!key)
        {
            return false;
        }
        auto it = m_container.find(*key);
        return it != m_container.end() && &getData(it->second) == &child;
    }

    void forEachChild(std::function<void(AttributableData&)> const& visit) override
    {
        for (auto& entry : m_container)
        {
            visit(getData(entry.second));
        }
    }

    AttributableData* readChild(std::string const& name) override
    {
        auto const key = keyOf(name);
        if (!key)
        {
            // Callers pass names checked with parseIterationIndex.
            throw error::Internal("readChild: '" + name + "' is not an index");
        }
        auto& inserted = m_container.emplace(*key, T{}).first->second;
        AttributableData& child = getData(inserted);
        child.linkTo(*this, name);
        child.m_dirtySelf = false;
        child.m_inStorage = true;
        return &child;
    }

    /** Whether there is something to store (groups without content are not created). */
    virtual bool hasContent() const { return !m_container.empty(); }

    /** Flush the dirty children (children only reached through a dirty subtree). */
    void flushTree(SeriesData& series) override
    {
        if (m_dirtySubtree)
        {
            // Entries the user assigned to: placed before anything is queued.
            for (auto& entry : m_container)
            {
                reconcile(entry.first, entry.second);
            }
        }
        if (!hasContent() && !m_inStorage)
        {
            // Groups without content are not created (e.g. no particles).
            m_dirtySelf = false;
            m_dirtySubtree = false;
            return;
        }
        AttributableData::flushTree(series);
    }

protected:
    void flushChildren(SeriesData& series) override
    {
        for (auto& entry : m_container)
        {
            AttributableData& child = getData(entry.second);
            if (child.m_dirtySelf || child.m_dirtySubtree)
            {
                child.flushTree(series);
            }
        }
    }
};
} // namespace internal

/**
 * A map of named (or numbered) children with the std::map interface, which
 * is itself an object with attributes (a group in storage).
 *
 * operator[] creates and links a new child in writable Series; in read-only
 * Series a missing key is a std::out_of_range (as in openPMD-api), whose
 * message names the container's path and the key. erase() removes the
 * child; its deletion in storage happens at the next flush point.
 */
template <typename T, typename Key = std::string, typename Map = std::map<Key, T>>
class Container : public Attributable
{
    static_assert(std::is_base_of_v<Attributable, T>,
                  "Container holds frontend objects (Attributable)");

public:
    using Data = internal::ContainerData<T, Key, Map>;
    using key_type = typename Map::key_type;
    using mapped_type = typename Map::mapped_type;
    using value_type = typename Map::value_type;
    using size_type = typename Map::size_type;
    using difference_type = typename Map::difference_type;
    using allocator_type = typename Map::allocator_type;
    using reference = typename Map::reference;
    using const_reference = typename Map::const_reference;
    using pointer = typename Map::pointer;
    using const_pointer = typename Map::const_pointer;
    using iterator = typename Map::iterator;
    using const_iterator = typename Map::const_iterator;
    using reverse_iterator = typename Map::reverse_iterator;
    using const_reverse_iterator = typename Map::const_reverse_iterator;

    Container() : Attributable(std::make_shared<Data>()) {}
    explicit Container(std::shared_ptr<Data> data) : Attributable(std::move(data)) {}

    iterator begin() { return loaded().begin(); }
    const_iterator begin() const { return loaded().begin(); }
    const_iterator cbegin() const { return loaded().cbegin(); }
    iterator end() { return loaded().end(); }
    const_iterator end() const { return loaded().end(); }
    const_iterator cend() const { return loaded().cend(); }
    reverse_iterator rbegin() { return loaded().rbegin(); }
    const_reverse_iterator rbegin() const { return loaded().rbegin(); }
    reverse_iterator rend() { return loaded().rend(); }
    const_reverse_iterator rend() const { return loaded().rend(); }

    bool empty() const { return loaded().empty(); }
    size_type size() const { return loaded().size(); }

    /**
     * The child `key`, created (and linked into the tree) if missing.
     * @throws std::out_of_range if missing in a read-only Series.
     */
    mapped_type& operator[](key_type const& key)
    {
        auto& map = loaded();
        if (auto it = map.find(key); it != map.end())
        {
            data().reconcile(key, it->second);
            return it->second;
        }
        return createChild(key);
    }

    /** @throws std::out_of_range naming the path and the key if missing. */
    mapped_type& at(key_type const& key)
    {
        auto& entry = findOrThrow(key);
        data().reconcile(key, entry);
        return entry;
    }
    mapped_type const& at(key_type const& key) const
    {
        auto& entry = findOrThrow(key);
        data().reconcile(key, entry);
        return entry;
    }

    iterator find(key_type const& key) { return loaded().find(key); }
    const_iterator find(key_type const& key) const { return loaded().find(key); }
    size_type count(key_type const& key) const { return loaded().count(key); }
    bool contains(key_type const& key) const { return loaded().count(key) != 0; }

    /** Removes the child; deleted from storage at the next flush. */
    size_type erase(key_type const& key)
    {
        auto& map = loaded();
        auto it = map.find(key);
        if (it == map.end())
        {
            return 0;
        }
        erase(it);
        return 1;
    }
    iterator erase(iterator it)
    {
        requireWritable("Container::erase");
        auto& child = internal::getData(it->second);
        // An entry that was assigned an object placed elsewhere (see
        // ContainerData::reconcile) only drops that reference.
        if (data().isEntry(child, it->first))
        {
            internal::scheduleDeletion(data(), child);
        }
        return loaded().erase(it);
    }

    /** Removes all children (deleted from storage at the next flush). */
    void clear()
    {
        requireWritable("Container::clear");
        auto& map = loaded();
        for (auto& entry : map)
        {
            auto& child = internal::getData(entry.second);
            if (data().isEntry(child, entry.first))
            {
                internal::scheduleDeletion(data(), child);
            }
        }
        map.clear();
    }

    /**
     * Adds a child (shares its state). Only an object that belongs nowhere
     * yet can be added: one object in two places of the tree would be two
     * storage nodes with one state.
     * @throws error::WrongAPIUsage for an object of a Series (or one erased
     *         from it after it was stored).
     */
    std::pair<iterator, bool> insert(value_type const& value)
    {
        auto& map = loaded();
        if (map.count(value.first) != 0)
        {
            return {map.find(value.first), false};
        }
        requireWritable("Container::insert");
        auto& child = internal::getData(value.second);
        std::string const name = internal::keyToString(value.first);
        if (child.m_parent != nullptr || child.m_inStorage)
        {
            internal::throwAlreadyPlaced(data(), name, child);
        }
        auto result = map.insert(value);
        child.linkTo(data(), name);
        child.onLinked();
        child.markDirty();
        return result;
    }
    template <typename... Args>
    std::pair<iterator, bool> emplace(Args&&... args)
    {
        return insert(value_type(std::forward<Args>(args)...));
    }

    void swap(Container& other) { std::swap(m_attri, other.m_attri); }

protected:
    Data& data() const { return static_cast<Data&>(*m_attri); }
    Map& loaded() const
    {
        m_attri->ensureLoaded();
        return data().m_container;
    }

    mapped_type& findOrThrow(key_type const& key) const
    {
        auto& map = loaded();
        auto it = map.find(key);
        if (it == map.end())
        {
            internal::throwMissingKey(data(), internal::keyToString(key));
        }
        return it->second;
    }

    mapped_type& createChild(key_type const& key)
    {
        std::string const name = internal::keyToString(key);
        internal::requireInsertable(data(), name);
        T child;
        auto& inserted = data().m_container.emplace(key, std::move(child)).first->second;
        internal::getData(inserted).linkTo(data(), name);
        internal::getData(inserted).onLinked();
        internal::getData(inserted).markDirty();
        return inserted;
    }
};
} // namespace openPMD
