#pragma once

#include "openPMD/Error.hpp"
#include "openPMD/RecordComponent.hpp"
#include "openPMD/UnitDimension.hpp"

#include <array>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace openPMD
{
namespace internal
{
/** Throws error::WrongAPIUsage for mixing scalar and named components. */
[[noreturn]] void throwScalarMix(AttributableData const& record, std::string const& key);

/**
 * A record: a component (used when the record is scalar) with named
 * components. The scalar entry in m_components refers back to this object
 * without owning it (no reference cycle).
 */
template <typename T_elem>
class BaseRecordData : public T_elem::DataType
{
public:
    BaseRecordData() { this->m_isRecord = true; }
    ~BaseRecordData() override
    {
        for (auto& entry : m_components)
        {
            if (entry.first != RecordComponent::SCALAR)
            {
                AttributableData::orphan(getData(entry.second));
            }
        }
    }

    std::map<std::string, T_elem> m_components;

    void becomeScalar() override;

    /**
     * Makes the object of component `key` the child `key` of this record
     * (`record[key] = component` replaces the handle; see
     * ContainerData::reconcile for the rules).
     */
    void reconcile(std::string const& key, T_elem& entry)
    {
        AttributableData& child = getData(entry);
        if (key == RecordComponent::SCALAR ||
            (child.m_parent == this && child.m_name == key))
        {
            return;
        }
        bool heldElsewhere = false;
        if (child.m_parent == this)
        {
            auto it = m_components.find(child.m_name);
            heldElsewhere = it != m_components.end() && &getData(it->second) == &child;
        }
        adoptEntry(*this, key, child, !heldElsewhere);
    }

    void forEachChild(std::function<void(AttributableData&)> const& visit) override
    {
        for (auto& entry : m_components)
        {
            if (entry.first != RecordComponent::SCALAR) // the record itself
            {
                visit(getData(entry.second));
            }
        }
    }

    AttributableData* readChild(std::string const& name) override
    {
        auto& inserted = m_components.emplace(name, T_elem{}).first->second;
        AttributableData& child = getData(inserted);
        child.linkTo(*this, name);
        child.m_dirtySelf = false;
        child.m_inStorage = true;
        return &child;
    }

    std::vector<std::pair<std::string, RecordComponentData*>> components() override
    {
        std::vector<std::pair<std::string, RecordComponentData*>> result;
        if (this->m_scalar)
        {
            return result;
        }
        result.reserve(m_components.size());
        for (auto& entry : m_components)
        {
            reconcile(entry.first, entry.second);
        }
        for (auto& entry : m_components)
        {
            result.emplace_back(
                entry.first, &static_cast<RecordComponentData&>(getData(entry.second)));
        }
        return result;
    }
};
} // namespace internal

/**
 * A record: a map of components ("x", "y", "z"), or a scalar record that is
 * itself its only component (key RecordComponent::SCALAR). Calling a
 * component method (resetDataset, makeConstant, storeChunk ...) on the record
 * itself makes it scalar.
 */
template <typename T_elem>
class BaseRecord : public T_elem
{
    template <typename T, typename Key, typename Map>
    friend class Container;

public:
    using Data = internal::BaseRecordData<T_elem>;
    using Map = std::map<std::string, T_elem>;
    using key_type = std::string;
    using mapped_type = T_elem;
    using value_type = typename Map::value_type;
    using size_type = typename Map::size_type;
    using iterator = typename Map::iterator;
    using const_iterator = typename Map::const_iterator;

    /**
     * The component `key`, created if missing; SCALAR makes the record
     * scalar and returns the record itself.
     * @throws error::WrongAPIUsage when mixing SCALAR and named components.
     * @throws std::out_of_range if missing in a read-only Series.
     */
    T_elem& operator[](std::string const& key);
    T_elem& at(std::string const& key)
    {
        auto& entry = findOrThrow(key);
        brd().reconcile(key, entry);
        return entry;
    }
    T_elem const& at(std::string const& key) const
    {
        auto& entry = findOrThrow(key);
        brd().reconcile(key, entry);
        return entry;
    }

    iterator begin() { return loaded().begin(); }
    const_iterator begin() const { return loaded().begin(); }
    iterator end() { return loaded().end(); }
    const_iterator end() const { return loaded().end(); }
    iterator find(std::string const& key) { return loaded().find(key); }
    const_iterator find(std::string const& key) const { return loaded().find(key); }
    size_type count(std::string const& key) const { return loaded().count(key); }
    bool contains(std::string const& key) const { return count(key) != 0; }
    size_type size() const { return loaded().size(); }
    /** No components at all (a scalar record has one). */
    bool empty() const { return loaded().empty(); }
    /** Removes a component; deleted from storage at the next flush. */
    size_type erase(std::string const& key);

    /** Whether the record is its own (only) component. */
    bool scalar() const { return brd().m_scalar; }

    /** Powers of the seven SI base units (L, M, T, I, theta, N, J). */
    std::array<double, 7> unitDimension() const
    {
        return this->template attributeAs<std::array<double, 7>>("unitDimension");
    }

protected:
    explicit BaseRecord(std::shared_ptr<Data> data) : T_elem(std::move(data)) {}

    Data& brd() const { return static_cast<Data&>(*this->m_attri); }
    Map& loaded() const
    {
        this->m_attri->ensureLoaded();
        return brd().m_components;
    }
    T_elem& findOrThrow(std::string const& key) const
    {
        auto& map = loaded();
        auto it = map.find(key);
        if (it == map.end())
        {
            internal::throwMissingKey(brd(), key);
        }
        return it->second;
    }
    /** Merge powers of units into unitDimension. */
    void mergeUnitDimension(std::map<UnitDimension, double> const& udim);
};

namespace internal
{
template <typename T_elem>
void BaseRecordData<T_elem>::becomeScalar()
{
    if (this->m_scalar)
    {
        return;
    }
    if (!m_components.empty())
    {
        throwScalarMix(*this, RecordComponent::SCALAR);
    }
    this->m_scalar = true;
    // Non-owning handle (aliasing an empty owner): the record owns itself.
    std::shared_ptr<typename T_elem::DataType> self(
        std::shared_ptr<typename T_elem::DataType>{}, this);
    m_components.emplace(RecordComponent::SCALAR, T_elem(self));
    this->markDirty();
}
} // namespace internal

template <typename T_elem>
T_elem& BaseRecord<T_elem>::operator[](std::string const& key)
{
    auto& map = loaded();
    if (key == RecordComponent::SCALAR)
    {
        if (!brd().m_scalar)
        {
            internal::requireInsertable(brd(), key);
            this->requireWritable("BaseRecord::operator[]");
            brd().becomeScalar();
        }
        return *this;
    }
    if (auto it = map.find(key); it != map.end())
    {
        brd().reconcile(key, it->second);
        return it->second;
    }
    if (brd().m_scalar)
    {
        internal::throwScalarMix(brd(), key);
    }
    internal::requireInsertable(brd(), key);
    this->requireWritable("BaseRecord::operator[]");
    T_elem child;
    auto& inserted = map.emplace(key, std::move(child)).first->second;
    auto& childData = internal::getData(inserted);
    childData.linkTo(brd(), key);
    childData.onLinked();
    childData.markDirty();
    return inserted;
}

template <typename T_elem>
auto BaseRecord<T_elem>::erase(std::string const& key) -> size_type
{
    auto& map = loaded();
    auto it = map.find(key);
    if (it == map.end())
    {
        return 0;
    }
    this->requireWritable("BaseRecord::erase");
    if (key == RecordComponent::SCALAR)
    {
        throw error::WrongAPIUsage("BaseRecord::erase: the scalar component of '" +
                                   brd().path() + "' cannot be erased; erase the record");
    }
    auto& child = internal::getData(it->second);
    if (child.m_parent == &brd() && child.m_name == key)
    {
        internal::scheduleDeletion(brd(), child);
    }
    map.erase(it);
    return 1;
}

template <typename T_elem>
void BaseRecord<T_elem>::mergeUnitDimension(std::map<UnitDimension, double> const& udim)
{
    std::array<double, 7> dims{};
    if (this->containsAttribute("unitDimension"))
    {
        dims = unitDimension();
    }
    for (auto const& [dim, power] : udim)
    {
        dims[static_cast<size_t>(dim)] = power;
    }
    this->setAttribute("unitDimension", dims);
}
} // namespace openPMD
