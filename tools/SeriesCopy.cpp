#include "SeriesCopy.hpp"
#include "ChunkPlan.hpp"

#include <openPMD/openPMD.hpp>

#include <algorithm>
#include <memory>

namespace openPMD::tools
{
namespace
{

struct CopyPiece
{
    static constexpr char const* errorMsg = "openpmd-pipe (copying a chunk)";

    /** A rank without a piece in this round still takes part in the flushes. */
    template <typename T>
    static void call(RecordComponent& from, RecordComponent& to, Series& in, Series& out,
                     ChunkInfo const* piece)
    {
        std::shared_ptr<T> data;
        if (piece)
            data = from.loadChunk<T>(piece->offset, piece->extent);
        in.flush();
        if (piece)
            to.storeChunk(data, piece->offset, piece->extent);
        out.flush(); // the buffer goes now: memory stays within the budget
    }
};

struct CopyConstant
{
    static constexpr char const* errorMsg = "openpmd-pipe (copying a constant)";

    template <typename T>
    static void call(RecordComponent& from, RecordComponent& to, Series& in)
    {
        Extent const extent = from.getExtent();
        Offset const origin(extent.size(), 0);
        Extent const one(extent.size(), 1);
        auto value = from.loadChunk<T>(origin, one);
        in.flush();
        to.makeConstant(*value);
    }
};

using ComponentCopy = std::function<void(RecordComponent&, RecordComponent&)>;

template <typename Record>
void copyRecord(Record& from, Record& to, ComponentCopy const& component)
{
    copyAttributes(from, to);
    for (auto& [name, fromComponent] : from)
    {
        auto& toComponent = to[name];
        copyAttributes(fromComponent, toComponent);
        component(fromComponent, toComponent);
    }
}
} // namespace

bool isLayoutAttribute(std::string const& name)
{
    return name == "iterationEncoding" || name == "iterationFormat";
}

void copyAttributes(Attributable const& from, Attributable& to)
{
    for (auto const& name : from.attributes())
    {
        auto const attribute = from.getAttribute(name);
        std::visit([&](auto const& value) { to.setAttribute(name, value); },
                   attribute.getResource());
    }
}

SeriesCopy::SeriesCopy(Series& in, Series& out, std::size_t budgetBytes,
                       Progress progress, int rank, int ranks)
    : m_in(in), m_out(out), m_budget(budgetBytes), m_progress(std::move(progress)),
      m_rank(rank), m_ranks(std::max(ranks, 1))
{
}

void SeriesCopy::copySeriesAttributes()
{
    for (auto const& name : m_in.attributes())
    {
        if (isLayoutAttribute(name))
            continue;
        auto const attribute = m_in.getAttribute(name);
        std::visit([&](auto const& value) { m_out.setAttribute(name, value); },
                   attribute.getResource());
    }
}

void SeriesCopy::copyComponent(RecordComponent& from, RecordComponent& to)
{
    Datatype const dtype = from.getDatatype();
    Extent const extent = from.getExtent();
    if (from.empty())
    {
        to.makeEmpty(dtype, static_cast<std::uint8_t>(extent.size()));
        return;
    }
    to.resetDataset(Dataset(dtype, extent));
    if (from.constant())
    {
        switchDatasetType<CopyConstant>(dtype, from, to, m_in);
        return;
    }
    auto const elementSize = toBytes(dtype);
    std::vector<ChunkInfo> pieces;
    for (auto const& chunk : from.availableChunks())
    {
        auto split = splitToBudget(chunk, elementSize, m_budget);
        pieces.insert(pieces.end(), split.begin(), split.end());
    }
    // Round by round: each rank one piece, then the collective flushes.
    auto const ranks = static_cast<std::size_t>(m_ranks);
    for (std::size_t first = 0; first < pieces.size(); first += ranks)
    {
        std::size_t const mine = first + static_cast<std::size_t>(m_rank);
        switchDatasetType<CopyPiece>(dtype, from, to, m_in, m_out,
                                     mine < pieces.size() ? &pieces[mine] : nullptr);
        for (std::size_t i = first; i < std::min(first + ranks, pieces.size()); ++i)
            m_bytesDone += elementCount(pieces[i].extent) * elementSize;
        if (m_progress)
            m_progress(m_bytesDone);
    }
}

void SeriesCopy::copyIteration(std::uint64_t index)
{
    auto& from = m_in.iterations[index];
    auto& to = m_out.iterations[index];
    copyAttributes(from, to);
    auto const component = [this](RecordComponent& f, RecordComponent& t)
    { copyComponent(f, t); };
    for (auto& [name, mesh] : from.meshes)
    {
        copyRecord(mesh, to.meshes[name], component);
    }
    for (auto& [name, species] : from.particles)
    {
        auto& toSpecies = to.particles[name];
        copyAttributes(species, toSpecies);
        for (auto& [recordName, record] : species)
        {
            copyRecord(record, toSpecies[recordName], component);
        }
        if (!species.particlePatches.empty())
        {
            copyAttributes(species.particlePatches, toSpecies.particlePatches);
            for (auto& [patchName, patchRecord] : species.particlePatches)
                copyRecord(patchRecord, toSpecies.particlePatches[patchName], component);
        }
    }
    to.close();
    from.close();
}

std::uint64_t SeriesCopy::dataBytes(Iteration& iteration)
{
    std::uint64_t bytes = 0;
    auto const add = [&bytes](RecordComponent& c)
    {
        if (!c.constant() && !c.empty())
            bytes += elementCount(c.getExtent()) * toBytes(c.getDatatype());
    };
    for (auto& [name, mesh] : iteration.meshes)
        for (auto& [c, component] : mesh)
            add(component);
    for (auto& [name, species] : iteration.particles)
    {
        for (auto& [r, record] : species)
            for (auto& [c, component] : record)
                add(component);
        for (auto& [r, patchRecord] : species.particlePatches)
            for (auto& [c, component] : patchRecord)
                add(component);
    }
    return bytes;
}
} // namespace openPMD::tools
