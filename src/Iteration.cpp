#include "openPMD/Iteration.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/Series.hpp"

#include <fmt/format.h>

namespace openPMD
{
namespace internal
{
IterationData::IterationData()
    : m_meshes(std::make_shared<ContainerData<Mesh>>()),
      m_particles(std::make_shared<ContainerData<ParticleSpecies>>()),
      m_fileRoot(static_cast<AttributableData*>(this)),
      m_dataGroup(static_cast<AttributableData*>(this))
{
    m_meshes->linkTo(*this, "meshes");
    m_particles->linkTo(*this, "particles");
}

IterationData::~IterationData()
{
    orphan(*m_meshes);
    orphan(*m_particles);
}

void IterationData::onLinked()
{
    auto const index = auxiliary::parseIterationIndex(m_name);
    if (!index)
    {
        throw error::Internal(
            fmt::format("iteration named '{}' is not an index", m_name));
    }
    m_index = *index;
    setAttributeInternal("time", 0.0);
    setAttributeInternal("dt", 1.0);
    setAttributeInternal("timeUnitSI", 1.0);
    if (auto* series = seriesOrNull())
    {
        placeInStorage(*series);
        if (series->m_encoding == IterationEncoding::variableBased)
        {
            setAttributeInternal("snapshot", static_cast<unsigned long long>(m_index));
        }
    }
}

void IterationData::forEachChild(std::function<void(AttributableData&)> const& visit)
{
    visit(*m_meshes);
    visit(*m_particles);
}

namespace
{
/** Releases the entries of a meshes/particles container and empties it. */
template <typename Data>
void releaseEntries(Data& container, AbstractIOHandler* handler)
{
    container.deregisterSubtree(handler, true);
    for (auto& entry : container.m_container)
    {
        // A handle the user still holds outlives the container's link.
        AttributableData::orphan(getData(entry.second));
    }
    container.m_container.clear();
    container.m_attributes.clear();
}
} // namespace

void IterationData::releaseContent(AbstractIOHandler* handler)
{
    releaseEntries(*m_meshes, handler);
    releaseEntries(*m_particles, handler);
    if (handler != nullptr && m_inStorage)
    {
        // The iteration stays (closed), but the backend may forget its node.
        handler->enqueue(IOTask(&m_writable, Parameter<Operation::DEREGISTER>{}));
    }
}

void IterationData::placeInStorage(SeriesData& series)
{
    switch (series.m_encoding)
    {
    case IterationEncoding::fileBased:
        m_filename = series.iterationFilename(m_index);
        m_dataGroup.parent = &m_fileRoot;
        m_writable.parent = &m_dataGroup;
        break;
    case IterationEncoding::variableBased:
        m_writable.parent = &series.m_writable;
        break;
    case IterationEncoding::groupBased:
        m_writable.parent = &series.m_iterations->m_writable;
        break;
    }
}

void IterationData::notifyParent()
{
    if (auto* series = seriesOrNull())
    {
        series->m_dirtyIterations.insert(m_index);
    }
}

void IterationData::ensureLoaded()
{
    if (m_parsed || m_parsing)
    {
        return;
    }
    if (m_closed)
    {
        throw error::WrongAPIUsage(fmt::format(
            "Iteration {} was closed before it was read; closed iterations cannot be "
            "read again",
            m_index));
    }
    auto& series = this->series();
    series.readIteration(*this);
}

void IterationData::flushTree(SeriesData& series)
{
    auto& handler = series.handler();
    if (access::write(series.m_access))
    {
        bool const fileBased = series.m_encoding == IterationEncoding::fileBased;
        if (fileBased && !m_fileOpen)
        {
            handler.enqueue(
                IOTask(&m_fileRoot, Parameter<Operation::CREATE_FILE>{m_filename}));
            handler.enqueue(
                IOTask(&m_dataGroup, Parameter<Operation::CREATE_PATH>{"data"}));
            m_fileOpen = true;
        }
        if (fileBased && m_rootVersionWritten != series.m_rootVersion)
        {
            series.writeRootAttributes(m_fileRoot);
            m_rootVersionWritten = series.m_rootVersion;
        }
        if (!m_inStorage)
        {
            bool const variable = series.m_encoding == IterationEncoding::variableBased;
            handler.enqueue(IOTask(&m_writable, Parameter<Operation::CREATE_PATH>{
                                                    variable ? "data" : m_name}));
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
    if (m_closeFilePending && m_fileOpen)
    {
        // A close that a failed flush dropped.
        handler.enqueue(IOTask(&m_fileRoot, Parameter<Operation::CLOSE_FILE>{}));
        m_fileOpen = false;
    }
    m_closeFilePending = false;
}

namespace
{
/** The group named by the root attribute `attribute` ("fields/" -> "fields"). */
std::string groupNameFrom(SeriesData const& series, char const* attribute,
                          std::string fallback)
{
    auto it = series.m_attributes.find(attribute);
    if (it == series.m_attributes.end() || it->second.dtype != Datatype::STRING)
    {
        return fallback;
    }
    std::string name = it->second.get<std::string>();
    while (!name.empty() && name.back() == '/')
    {
        name.pop_back();
    }
    return name.empty() ? fallback : name;
}
} // namespace

void IterationData::flushChildren(SeriesData& series)
{
    // The groups are named by meshesPath / particlesPath (set before the
    // first flush), as readers look for them there.
    if (access::write(series.m_access))
    {
        if (!m_meshes->m_inStorage)
        {
            m_meshes->m_name = groupNameFrom(series, "meshesPath", "meshes");
        }
        if (!m_particles->m_inStorage)
        {
            m_particles->m_name = groupNameFrom(series, "particlesPath", "particles");
        }
    }
    for (AttributableData* child : {static_cast<AttributableData*>(m_meshes.get()),
                                    static_cast<AttributableData*>(m_particles.get())})
    {
        if (child->m_dirtySelf || child->m_dirtySubtree)
        {
            child->flushTree(series);
        }
    }
}
} // namespace internal

Iteration::Iteration() : Iteration(std::make_shared<internal::IterationData>()) {}

Iteration::Iteration(std::shared_ptr<internal::IterationData> data)
    : Attributable(data), meshes(data->m_meshes), particles(data->m_particles)
{
}

double Iteration::timeUnitSI() const
{
    return attributeAs<double>("timeUnitSI");
}

Iteration& Iteration::setTimeUnitSI(double unitSI)
{
    setAttribute("timeUnitSI", unitSI);
    return *this;
}

Iteration& Iteration::close(bool flush)
{
    auto& data = it();
    if (data.m_closed)
    {
        return *this;
    }
    auto& series = data.series();
    // The iteration's changes and its close are queued together; with
    // flush = false they run at the next flush point.
    series.queueChanges(data.m_index);
    auto& handler = series.handler();
    if (series.m_encoding == IterationEncoding::fileBased)
    {
        if (data.m_fileOpen)
        {
            handler.enqueue(IOTask(&data.m_fileRoot, Parameter<Operation::CLOSE_FILE>{}));
            data.m_fileOpen = false;
        }
    }
    else if (data.m_inStorage)
    {
        handler.enqueue(IOTask(&data.m_writable, Parameter<Operation::CLOSE_PATH>{}));
    }
    data.m_closed = true;
    series.m_closedToRelease.push_back(data.m_index);
    if (flush)
    {
        series.runQueued(series.userFlushParams());
    }
    return *this;
}

Iteration& Iteration::open()
{
    auto& data = it();
    if (data.m_closed)
    {
        throw error::WrongAPIUsage(
            fmt::format("Iteration {} was closed; closed iterations cannot be reopened",
                        data.m_index));
    }
    data.ensureLoaded();
    return *this;
}

bool Iteration::closed() const
{
    return it().m_closed;
}

bool Iteration::closedByWriter() const
{
    return it().m_closed;
}
} // namespace openPMD
