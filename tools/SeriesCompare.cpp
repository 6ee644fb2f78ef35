#include "SeriesCompare.hpp"
#include "AttributeJSON.hpp"
#include "ChunkPlan.hpp"
#include "SeriesCopy.hpp"

#include <openPMD/openPMD.hpp>

#include <cmath>
#include <complex>
#include <type_traits>

namespace openPMD::tools
{
namespace
{

/**
 * The same type, or two that some format cannot tell apart because they are
 * the same in memory: HDF5 stores LONG and LONGLONG (and their unsigned and
 * vector forms) as one 64-bit type, CHAR and SCHAR as one signed byte, and
 * an ARR_DBL_7 other than unitDimension as seven doubles.
 */
bool sameStoredType(Datatype a, Datatype b)
{
    auto const canonical = [](Datatype t)
    {
        switch (t)
        {
        case Datatype::LONGLONG:
            return sizeof(long) == sizeof(long long) ? Datatype::LONG : t;
        case Datatype::ULONGLONG:
            return sizeof(long) == sizeof(long long) ? Datatype::ULONG : t;
        case Datatype::VEC_LONGLONG:
            return sizeof(long) == sizeof(long long) ? Datatype::VEC_LONG : t;
        case Datatype::VEC_ULONGLONG:
            return sizeof(long) == sizeof(long long) ? Datatype::VEC_ULONG : t;
        case Datatype::SCHAR:
            return std::is_signed_v<char> ? Datatype::CHAR : t;
        case Datatype::VEC_SCHAR:
            return std::is_signed_v<char> ? Datatype::VEC_CHAR : t;
        case Datatype::ARR_DBL_7:
            return Datatype::VEC_DOUBLE;
        default:
            return t;
        }
    };
    return canonical(a) == canonical(b);
}

template <typename T>
bool sameValue(T const& a, T const& b)
{
    if constexpr (std::is_floating_point_v<T>)
        return a == b || (std::isnan(a) && std::isnan(b));
    else if constexpr (std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>> ||
                       std::is_same_v<T, std::complex<long double>>)
        return sameValue(a.real(), b.real()) && sameValue(a.imag(), b.imag());
    else
        return a == b;
}

struct ComparePiece
{
    static constexpr char const* errorMsg = "openpmd-pipe --verify";

    /** Index of the first differing element in the piece, or -1. */
    template <typename T>
    static long long call(RecordComponent& expected, RecordComponent& actual,
                          Series& expectedSeries, Series& actualSeries,
                          ChunkInfo const& piece)
    {
        auto a = expected.loadChunk<T>(piece.offset, piece.extent);
        auto b = actual.loadChunk<T>(piece.offset, piece.extent);
        expectedSeries.flush();
        actualSeries.flush();
        std::uint64_t const n = elementCount(piece.extent);
        for (std::uint64_t i = 0; i < n; ++i)
        {
            if (!sameValue(a.get()[i], b.get()[i]))
                return static_cast<long long>(i);
        }
        return -1;
    }
};

/**
 * The value as JSON, with characters as their numbers: CHAR and SCHAR may
 * come back as each other (sameStoredType), and JSON shows only CHAR as text.
 */
nlohmann::json comparable(Attribute const& attribute)
{
    nlohmann::json value = attributeValueToJSON(attribute);
    auto const number = [](nlohmann::json& v)
    {
        if (v.is_string() && v.get<std::string>().size() == 1)
            v = static_cast<int>(static_cast<signed char>(v.get<std::string>()[0]));
    };
    if (attribute.dtype == Datatype::CHAR)
        number(value);
    else if (attribute.dtype == Datatype::VEC_CHAR)
        for (auto& element : value)
            number(element);
    return value;
}

std::string text(Extent const& e)
{
    std::string s = "[";
    for (std::size_t i = 0; i < e.size(); ++i)
        s += (i ? "," : "") + std::to_string(e[i]);
    return s + "]";
}
} // namespace

SeriesCompare::SeriesCompare(Series& expected, Series& actual, std::size_t budgetBytes)
    : m_expected(expected), m_actual(actual),
      m_budget(std::max<std::size_t>(budgetBytes / 2, 1))
{
}

void SeriesCompare::compareAttributes(Attributable const& expected,
                                      Attributable const& actual,
                                      std::string const& where)
{
    for (auto const& name : expected.attributes())
    {
        if (where == "/" && isLayoutAttribute(name))
            continue;
        if (!actual.containsAttribute(name))
        {
            m_differences.push_back(where + ": attribute '" + name + "' is missing");
            continue;
        }
        auto const a = expected.getAttribute(name);
        auto const b = actual.getAttribute(name);
        if (!sameStoredType(a.dtype, b.dtype))
            m_differences.push_back(where + ": attribute '" + name + "' has type " +
                                    datatypeToString(b.dtype) + ", expected " +
                                    datatypeToString(a.dtype));
        else if (comparable(a) != comparable(b))
            m_differences.push_back(where + ": attribute '" + name + "' is " +
                                    attributeValueToJSON(b).dump() + ", expected " +
                                    attributeValueToJSON(a).dump());
    }
    for (auto const& name : actual.attributes())
    {
        if (!expected.containsAttribute(name) &&
            !(where == "/" && isLayoutAttribute(name)))
            m_differences.push_back(where + ": attribute '" + name + "' is extra");
    }
}

void SeriesCompare::compareComponent(RecordComponent& expected, RecordComponent& actual,
                                     std::string const& where)
{
    compareAttributes(expected, actual, where);
    if (!sameStoredType(expected.getDatatype(), actual.getDatatype()) ||
        expected.getExtent() != actual.getExtent() ||
        expected.constant() != actual.constant() || expected.empty() != actual.empty())
    {
        m_differences.push_back(
            where + ": is " + datatypeToString(actual.getDatatype()) + " " +
            text(actual.getExtent()) + (actual.constant() ? " constant" : "") +
            ", expected " + datatypeToString(expected.getDatatype()) + " " +
            text(expected.getExtent()) + (expected.constant() ? " constant" : ""));
        return;
    }
    if (expected.empty())
        return;
    Extent const extent = expected.getExtent();
    ChunkInfo whole(Offset(extent.size(), 0), extent);
    if (expected.constant())
        whole.extent = Extent(extent.size(), 1); // one value says it all
    for (auto const& piece :
         splitToBudget(whole, toBytes(expected.getDatatype()), m_budget))
    {
        long long const at = switchDatasetType<ComparePiece>(
            expected.getDatatype(), expected, actual, m_expected, m_actual, piece);
        if (at >= 0)
        {
            m_differences.push_back(where + ": values differ in the chunk at " +
                                    text(piece.offset) + " of extent " +
                                    text(piece.extent) + " (element " +
                                    std::to_string(at) + " of it)");
            return;
        }
    }
}

template <typename Record>
void SeriesCompare::compareRecord(Record& expected, Record& actual,
                                  std::string const& where)
{
    compareAttributes(expected, actual, where);
    for (auto& [name, component] : expected)
    {
        if (!actual.contains(name))
        {
            m_differences.push_back(where + "/" + name + ": missing");
            continue;
        }
        compareComponent(component, actual[name], where + "/" + name);
    }
}

void SeriesCompare::comparePatches(ParticlePatches& expected, ParticlePatches& actual,
                                   std::string const& where)
{
    if (expected.empty() != actual.empty())
    {
        m_differences.push_back(where +
                                (expected.empty() ? ": unexpected" : ": missing"));
        return;
    }
    if (expected.empty())
        return;
    compareAttributes(expected, actual, where);
    for (auto& [name, record] : expected)
    {
        if (!actual.contains(name))
            m_differences.push_back(where + " record " + name + ": missing");
        else
            compareRecord(record, actual[name], where + " record " + name);
    }
}

void SeriesCompare::compareSeriesAttributes()
{
    compareAttributes(m_expected, m_actual, "/");
}

void SeriesCompare::compareIteration(std::uint64_t index)
{
    std::string const where = "iteration " + std::to_string(index);
    if (!m_actual.iterations.contains(index))
    {
        m_differences.push_back(where + ": missing");
        return;
    }
    auto& e = m_expected.iterations[index];
    auto& a = m_actual.iterations[index];
    compareAttributes(e, a, where);
    for (auto& [name, mesh] : e.meshes)
    {
        if (!a.meshes.contains(name))
            m_differences.push_back(where + " mesh " + name + ": missing");
        else
            compareRecord(mesh, a.meshes[name], where + " mesh " + name);
    }
    for (auto& [name, species] : e.particles)
    {
        if (!a.particles.contains(name))
        {
            m_differences.push_back(where + " species " + name + ": missing");
            continue;
        }
        auto& actualSpecies = a.particles[name];
        compareAttributes(species, actualSpecies, where + " species " + name);
        for (auto& [recordName, record] : species)
        {
            std::string const at = where + " species " + name + " record " + recordName;
            if (!actualSpecies.contains(recordName))
                m_differences.push_back(at + ": missing");
            else
                compareRecord(record, actualSpecies[recordName], at);
        }
        comparePatches(species.particlePatches, actualSpecies.particlePatches,
                       where + " species " + name + " particlePatches");
    }
}
} // namespace openPMD::tools
