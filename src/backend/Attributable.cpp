#include "openPMD/backend/Attributable.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/RecordComponent.hpp"
#include "openPMD/Series.hpp"
#include "openPMD/auxiliary/Path.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <stdexcept>

namespace openPMD
{
namespace internal
{
AttributableData::AttributableData() : m_writable(this) {}

AttributableData::~AttributableData() = default;

void AttributableData::markDirty()
{
    m_dirtySelf = true;
    notifyParent();
}

void AttributableData::markSubtreeDirty()
{
    if (m_dirtySubtree)
    {
        return; // the ancestors know already
    }
    m_dirtySubtree = true;
    notifyParent();
}

void AttributableData::notifyParent()
{
    if (m_parent != nullptr)
    {
        m_parent->markSubtreeDirty();
    }
}

void AttributableData::ensureLoaded()
{
    requireNotReleased("access");
    if (m_parent != nullptr)
    {
        m_parent->ensureLoaded();
    }
}

void AttributableData::linkTo(AttributableData& parent, std::string name)
{
    m_parent = &parent;
    m_name = std::move(name);
    m_writable.parent = &parent.m_writable;
}

void AttributableData::deregisterSubtree(AbstractIOHandler* handler, bool release)
{
    forEachChild([handler, release](AttributableData& child)
                 { child.deregisterSubtree(handler, release); });
    if (release)
    {
        m_released = true;
    }
    if (handler != nullptr && m_inStorage)
    {
        // Queued before any new node can be created at the same address.
        handler->enqueue(IOTask(&m_writable, Parameter<Operation::DEREGISTER>{}));
    }
}

void AttributableData::orphan(AttributableData& child)
{
    child.m_parent = nullptr;
    child.m_writable.parent = nullptr;
}

std::string AttributableData::path() const
{
    std::vector<std::string const*> names;
    for (auto const* node = this; node != nullptr && node->m_parent != nullptr;
         node = node->m_parent)
    {
        names.push_back(&node->m_name);
    }
    std::string result;
    for (auto it = names.rbegin(); it != names.rend(); ++it)
    {
        result += '/';
        result += **it;
    }
    return result.empty() ? "/" : result;
}

SeriesData* AttributableData::seriesOrNull() const
{
    auto* node = const_cast<AttributableData*>(this);
    while (node->m_parent != nullptr)
    {
        node = node->m_parent;
    }
    return node->asSeries();
}

SeriesData& AttributableData::series() const
{
    auto* series = seriesOrNull();
    if (series == nullptr || series->m_closed)
    {
        throw error::WrongAPIUsage(fmt::format(
            "'{}' belongs to no open Series (it was closed or destroyed)", path()));
    }
    return *series;
}

void AttributableData::requireNotReleased(char const* what) const
{
    if (m_released)
    {
        // Released nodes are cut from the tree: the name is all that is left.
        throw error::WrongAPIUsage(fmt::format(
            "{}: '{}' belonged to an iteration that was closed; its content was "
            "released (closed iterations cannot be modified or read again)",
            what, m_name));
    }
}

void AttributableData::requireOpenIteration(char const* what) const
{
    requireNotReleased(what);
    for (auto const* node = this; node != nullptr; node = node->m_parent)
    {
        if (node->isClosedIteration())
        {
            throw error::WrongAPIUsage(fmt::format(
                "{}: '{}' belongs to an iteration that was closed (closed iterations "
                "cannot be modified or read again)",
                what, path()));
        }
    }
}

void AttributableData::setAttributeInternal(std::string const& key, Attribute value)
{
    m_attributes.insert_or_assign(key, std::move(value));
    m_changedAttributes.insert(key);
    m_deletedAttributes.erase(key);
}

void AttributableData::flushAttributes(AbstractIOHandler& handler)
{
    for (auto const& name : m_deletedAttributes)
    {
        handler.enqueue(IOTask(&m_writable, Parameter<Operation::DELETE_ATT>{name}));
    }
    m_deletedAttributes.clear();
    for (auto const& name : m_changedAttributes)
    {
        auto it = m_attributes.find(name);
        if (it == m_attributes.end())
        {
            continue;
        }
        Parameter<Operation::WRITE_ATT> param;
        param.name = name;
        param.value = it->second;
        handler.enqueue(IOTask(&m_writable, std::move(param)));
    }
    m_changedAttributes.clear();
}

void AttributableData::flushTree(SeriesData& series)
{
    auto& handler = series.handler();
    bool const writing = access::write(series.m_access);
    if (writing)
    {
        for (auto const& [name, isDataset] : m_pendingDeletions)
        {
            if (isDataset)
            {
                handler.enqueue(
                    IOTask(&m_writable, Parameter<Operation::DELETE_DATASET>{name}));
            }
            else
            {
                handler.enqueue(
                    IOTask(&m_writable, Parameter<Operation::DELETE_PATH>{name}));
            }
        }
        m_pendingDeletions.clear();
        if (!m_inStorage)
        {
            handler.enqueue(
                IOTask(&m_writable, Parameter<Operation::CREATE_PATH>{m_name}));
            m_inStorage = true;
        }
        flushAttributes(handler);
    }
    m_dirtySelf = false;
    if (m_dirtySubtree)
    {
        m_dirtySubtree = false;
        flushChildren(series);
    }
}

void requireInsertable(AttributableData const& container, std::string const& key)
{
    auto* series = container.seriesOrNull();
    if (series != nullptr && access::readOnly(series->m_access))
    {
        throwMissingKey(container, key);
    }
    if (char const* why = auxiliary::unsafeNameReason(key);
        why != nullptr && key != RecordComponent::SCALAR)
    {
        throw error::WrongAPIUsage(fmt::format(
            "{}: cannot create an entry named '{}': {}", container.where(), key, why));
    }
}

void throwMissingKey(AttributableData const& container, std::string const& key)
{
    auto* series = container.seriesOrNull();
    std::string const file =
        series == nullptr ? std::string("no Series")
                          : fmt::format("the Series '{}/{}{}'", series->m_directory,
                                        series->m_name, series->m_extension);
    bool const readOnly = series != nullptr && access::readOnly(series->m_access);
    throw std::out_of_range(
        fmt::format("'{}' has no entry '{}' in {}{}", container.path(), key, file,
                    readOnly ? " (opened read-only, so entries cannot be created)" : ""));
}

void throwAlreadyPlaced(AttributableData const& container, std::string const& key,
                        AttributableData const& child)
{
    throw error::WrongAPIUsage(fmt::format(
        "Container::insert: cannot add '{}' to '{}': the object {}; create the "
        "entry with operator[] and copy what it needs",
        key, container.path(),
        child.m_parent != nullptr ? fmt::format("is '{}' already", child.path())
                                  : std::string("was stored under another name")));
}

void adoptEntry(AttributableData& container, std::string const& name,
                AttributableData& child, bool mayMove)
{
    bool const placedElsewhere =
        child.m_parent != nullptr && child.m_parent != &container;
    if (!mayMove || placedElsewhere || child.m_inStorage || child.m_released ||
        child.asSeries() != nullptr)
    {
        std::string where;
        if (child.m_released)
        {
            where = "belonged to an iteration that was closed";
        }
        else if (child.m_parent != nullptr)
        {
            where = fmt::format("is '{}'", child.path());
        }
        else if (child.m_inStorage)
        {
            where = fmt::format("was written as '{}' and erased", child.m_name);
        }
        else
        {
            where = "cannot move to another key (an iteration keeps the index it "
                    "was created with)";
        }
        throw error::WrongAPIUsage(fmt::format(
            "'{}/{}' was assigned an object that {}: one object cannot be stored "
            "under two names (erase the other entry first, or create the entry with "
            "operator[] and copy what it needs)",
            container.path() == "/" ? "" : container.path(), name, where));
    }
    child.linkTo(container, name);
    child.markDirty();
}

void AttributableData::recordErasedChild(AttributableData& child)
{
    m_pendingDeletions.emplace_back(child.m_name, child.storedAsDataset());
}

void scheduleDeletion(AttributableData& container, AttributableData& child)
{
    if (child.existsInStorage())
    {
        container.recordErasedChild(child);
        container.markDirty();
        if (auto* series = container.seriesOrNull(); series && series->m_handler)
        {
            // Queued now, so that a node later created at the same address
            // is not confused with this one by the backend. The whole
            // subtree: its Writables go away with the child.
            child.deregisterSubtree(series->m_handler.get(), false);
        }
    }
    AttributableData::orphan(child);
}
} // namespace internal

Attributable::Attributable() : m_attri(std::make_shared<internal::AttributableData>()) {}

Attributable::Attributable(std::shared_ptr<internal::AttributableData> data)
    : m_attri(std::move(data))
{
}

void Attributable::requireWritable(char const* what) const
{
    m_attri->requireNotReleased(what);
    auto* series = m_attri->seriesOrNull();
    if (series == nullptr)
    {
        return; // not part of a Series yet: nothing to protect
    }
    if (series->m_closed)
    {
        throw error::WrongAPIUsage(fmt::format(
            "{}: '{}' belongs to a Series that was closed", what, m_attri->path()));
    }
    if (access::readOnly(series->m_access))
    {
        throw error::WrongAPIUsage(
            fmt::format("{}: '{}' belongs to the read-only Series '{}'", what,
                        m_attri->path(), series->m_name));
    }
    m_attri->requireOpenIteration(what);
}

bool Attributable::setAttributeImpl(std::string const& key, Attribute value)
{
    requireWritable("setAttribute");
    if (key.empty())
    {
        throw error::WrongAPIUsage(
            fmt::format("setAttribute: empty attribute name on '{}'", m_attri->path()));
    }
    // An iteration not read yet (READ_WRITE) is opened first: its node must
    // exist in the backend, and reading it later would drop this change.
    m_attri->ensureLoaded();
    bool const existed = m_attri->m_attributes.count(key) != 0;
    m_attri->setAttributeInternal(key, std::move(value));
    m_attri->onAttributeChanged(key);
    m_attri->markDirty();
    return existed;
}

bool Attributable::setAttribute(std::string const& key, char const value[])
{
    return setAttributeImpl(key, Attribute(std::string(value)));
}

Attribute Attributable::getAttribute(std::string const& key) const
{
    m_attri->ensureLoaded();
    auto it = m_attri->m_attributes.find(key);
    if (it == m_attri->m_attributes.end())
    {
        throw error::NoSuchAttribute(
            fmt::format("{} has no attribute '{}'", m_attri->where(), key));
    }
    return it->second;
}

void Attributable::throwWrongAttributeType(std::string const& key,
                                           error::IllegalConversion const& e) const
{
    std::string reason = e.what();
    std::string const prefix = "Illegal conversion: ";
    if (reason.compare(0, prefix.size(), prefix) == 0)
    {
        reason.erase(0, prefix.size());
    }
    auto const where = myPath();
    throw error::IllegalConversion(fmt::format("attribute '{}' of '{}' in '{}': {}", key,
                                               m_attri->path(), where.filePath(),
                                               reason));
}

bool Attributable::deleteAttribute(std::string const& key)
{
    requireWritable("deleteAttribute");
    m_attri->ensureLoaded();
    if (m_attri->m_attributes.erase(key) == 0)
    {
        return false;
    }
    m_attri->m_changedAttributes.erase(key);
    m_attri->m_deletedAttributes.insert(key);
    m_attri->onAttributeChanged(key);
    m_attri->markDirty();
    return true;
}

std::vector<std::string> Attributable::attributes() const
{
    m_attri->ensureLoaded();
    std::vector<std::string> names;
    names.reserve(m_attri->m_attributes.size());
    for (auto const& entry : m_attri->m_attributes)
    {
        names.push_back(entry.first);
    }
    return names;
}

size_t Attributable::numAttributes() const
{
    m_attri->ensureLoaded();
    return m_attri->m_attributes.size();
}

bool Attributable::containsAttribute(std::string const& key) const
{
    m_attri->ensureLoaded();
    return m_attri->m_attributes.count(key) != 0;
}

std::string Attributable::comment() const
{
    return attributeAs<std::string>("comment");
}

Attributable& Attributable::setComment(std::string const& comment)
{
    setAttribute("comment", comment);
    return *this;
}

void Attributable::seriesFlush(std::string backendConfig)
{
    auto& series = m_attri->series();
    series.flush(series.userFlushParams(std::move(backendConfig)));
}

void Attributable::iterationFlush(std::string backendConfig)
{
    auto& series = m_attri->series();
    auto const params = series.userFlushParams(std::move(backendConfig));
    for (auto* node = m_attri.get(); node != nullptr; node = node->m_parent)
    {
        if (auto* iteration = dynamic_cast<internal::IterationData*>(node))
        {
            series.flush(params, iteration->m_index);
            return;
        }
    }
    throw error::WrongAPIUsage(
        fmt::format("iterationFlush: '{}' is not inside an iteration", m_attri->path()));
}

std::string Attributable::MyPath::filePath() const
{
    return directory + "/" + seriesName + seriesExtension;
}

std::string Attributable::MyPath::openPMDPath() const
{
    std::string result;
    for (auto const& g : group)
    {
        result += "/" + g;
    }
    return result.empty() ? "/" : result;
}

namespace internal
{
std::string AttributableData::filePath() const
{
    auto* series = seriesOrNull();
    if (series == nullptr)
    {
        return "";
    }
    if (series->m_encoding == IterationEncoding::fileBased && series->m_pattern)
    {
        for (auto const* node = this; node != nullptr; node = node->m_parent)
        {
            if (auto const* it = dynamic_cast<IterationData const*>(node))
            {
                std::string const name =
                    it->m_filename.empty() ? series->m_pattern->filename(it->m_index, "")
                                           : it->m_filename;
                return series->m_directory + "/" + name;
            }
        }
    }
    return series->m_directory + "/" + series->m_name + series->m_extension;
}

std::string AttributableData::where() const
{
    return fmt::format("'{}' in '{}'", path(), filePath());
}
} // namespace internal

Attributable::MyPath Attributable::myPath() const
{
    MyPath result;
    std::vector<std::string> groups;
    internal::IterationData const* iteration = nullptr;
    for (auto const* node = m_attri.get(); node != nullptr && node->m_parent != nullptr;
         node = node->m_parent)
    {
        groups.push_back(node->m_name);
        if (iteration == nullptr)
        {
            iteration = dynamic_cast<internal::IterationData const*>(node);
        }
    }
    result.group.assign(groups.rbegin(), groups.rend());
    if (auto* series = m_attri->seriesOrNull())
    {
        result.directory = series->m_directory;
        result.access = series->m_access;
        result.seriesExtension = series->m_extension;
        result.seriesName = series->m_name;
        if (series->m_encoding == IterationEncoding::fileBased && iteration != nullptr &&
            series->m_pattern)
        {
            result.seriesName = series->m_pattern->filename(iteration->m_index, "");
        }
        if (series->m_encoding == IterationEncoding::variableBased &&
            result.group.size() >= 2)
        {
            result.group.erase(result.group.begin() + 1); // no iteration level
        }
    }
    return result;
}

void Attributable::touch()
{
    requireWritable("touch");
    m_attri->ensureLoaded();
    for (auto const& entry : m_attri->m_attributes)
    {
        m_attri->m_changedAttributes.insert(entry.first);
    }
    m_attri->markDirty();
}
} // namespace openPMD
