#include "openPMD/Mesh.hpp"
#include "openPMD/Series.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <ostream>

namespace openPMD
{
namespace
{
char const* geometryName(Mesh::Geometry g)
{
    switch (g)
    {
    case Mesh::Geometry::cartesian:
        return "cartesian";
    case Mesh::Geometry::thetaMode:
        return "thetaMode";
    case Mesh::Geometry::cylindrical:
        return "cylindrical";
    case Mesh::Geometry::spherical:
        return "spherical";
    case Mesh::Geometry::other:
        return "other";
    }
    return "other";
}
} // namespace

void internal::MeshData::onLinked()
{
    setAttributeInternal("geometry", std::string("cartesian"));
    setAttributeInternal("dataOrder", std::string("C"));
    setAttributeInternal("axisLabels", std::vector<std::string>{"x"});
    setAttributeInternal("gridSpacing", std::vector<double>{1.0});
    setAttributeInternal("gridGlobalOffset", std::vector<double>{0.0});
    setAttributeInternal("gridUnitSI", 1.0);
    setAttributeInternal("unitDimension", std::array<double, 7>{});
    setAttributeInternal("timeOffset", 0.0f);
    m_untouchedDefaults = {"axisLabels", "gridSpacing", "gridGlobalOffset"};
    auto* series = seriesOrNull();
    if (series != nullptr && series->m_attributes.count("meshesPath") == 0)
    {
        series->setAttributeInternal("meshesPath", std::string("meshes/"));
        series->onAttributeChanged("meshesPath");
        series->markDirty();
    }
}

void internal::MeshData::onAttributeChanged(std::string const& key)
{
    m_untouchedDefaults.erase(key);
}

std::size_t internal::MeshData::declaredDimensionality() const
{
    if (m_scalar)
    {
        return m_dataset ? m_dataset->extent.size() : 0;
    }
    for (auto const& entry : m_components)
    {
        auto const& component = getData(entry.second);
        auto const& data = static_cast<RecordComponentData const&>(component);
        if (data.m_dataset)
        {
            return data.m_dataset->extent.size();
        }
    }
    return 0;
}

namespace
{
/**
 * Conventional names: x, y, z (the fastest index last in C order); r, z
 * for thetaMode.
 */
std::vector<std::string> defaultAxisLabels(std::size_t rank, bool cOrder, bool thetaMode)
{
    std::vector<std::string> labels;
    if (thetaMode && rank == 2)
    {
        labels = {"r", "z"};
        if (!cOrder)
        {
            std::reverse(labels.begin(), labels.end());
        }
        return labels;
    }
    for (std::size_t axis = 0; axis < rank; ++axis)
    {
        labels.push_back(rank <= 3 ? std::string(1, static_cast<char>('x' + axis))
                                   : "x" + std::to_string(axis));
    }
    if (cOrder)
    {
        std::reverse(labels.begin(), labels.end());
    }
    return labels;
}
} // namespace

bool internal::MeshData::isThetaMode() const
{
    auto geometry = m_attributes.find("geometry");
    return geometry != m_attributes.end() && geometry->second.dtype == Datatype::STRING &&
           geometry->second.get<std::string>() == "thetaMode";
}

std::size_t internal::MeshData::gridRank(std::size_t datasetRank) const
{
    return isThetaMode() && datasetRank > 1 ? datasetRank - 1 : datasetRank;
}

void internal::MeshData::flushTree(SeriesData& series)
{
    std::size_t const rank = m_inStorage ? 0 : gridRank(declaredDimensionality());
    if (rank > 1)
    {
        for (auto const& key : m_untouchedDefaults)
        {
            if (key == "axisLabels")
            {
                auto order = m_attributes.find("dataOrder");
                bool const cOrder = order == m_attributes.end() ||
                                    order->second.dtype != Datatype::STRING ||
                                    order->second.get<std::string>() != "F";
                setAttributeInternal(key, defaultAxisLabels(rank, cOrder, isThetaMode()));
            }
            else
            {
                setAttributeInternal(
                    key, std::vector<double>(rank, key == "gridSpacing" ? 1.0 : 0.0));
            }
        }
        m_untouchedDefaults.clear();
    }
    BaseRecordData<MeshRecordComponent>::flushTree(series);
}

Mesh::Mesh() : BaseRecord<MeshRecordComponent>(std::make_shared<internal::MeshData>()) {}

Mesh::Geometry Mesh::geometry() const
{
    std::string const g = geometryString();
    for (auto candidate : {Geometry::cartesian, Geometry::thetaMode,
                           Geometry::cylindrical, Geometry::spherical})
    {
        if (g == geometryName(candidate))
        {
            return candidate;
        }
    }
    return Geometry::other;
}

std::string Mesh::geometryString() const
{
    return attributeAs<std::string>("geometry");
}

Mesh& Mesh::setGeometry(Geometry g)
{
    // Geometry::other is stored as the plain string "other" (as openPMD-api).
    setAttribute("geometry", std::string(geometryName(g)));
    return *this;
}

Mesh& Mesh::setGeometry(std::string geometry)
{
    for (auto candidate : {Geometry::cartesian, Geometry::thetaMode,
                           Geometry::cylindrical, Geometry::spherical})
    {
        if (geometry == geometryName(candidate))
        {
            return setGeometry(candidate);
        }
    }
    if (geometry.rfind("other:", 0) != 0 && geometry != "other")
    {
        geometry = "other:" + geometry;
    }
    setAttribute("geometry", std::move(geometry));
    return *this;
}

std::string Mesh::geometryParameters() const
{
    return attributeAs<std::string>("geometryParameters");
}

Mesh& Mesh::setGeometryParameters(std::string const& p)
{
    setAttribute("geometryParameters", p);
    return *this;
}

Mesh::DataOrder Mesh::dataOrder() const
{
    std::string const order = attributeAs<std::string>("dataOrder");
    if (order == "C" || order == "F")
    {
        return static_cast<DataOrder>(order[0]);
    }
    throw error::ReadError(error::AffectedObject::Attribute,
                           error::Reason::UnexpectedContent, std::nullopt,
                           fmt::format("mesh {}: dataOrder is '{}', expected C or F",
                                       m_attri->where(), order));
}

Mesh& Mesh::setDataOrder(DataOrder order)
{
    setAttribute("dataOrder", std::string(1, static_cast<char>(order)));
    return *this;
}

std::vector<std::string> Mesh::axisLabels() const
{
    return attributeAs<std::vector<std::string>>("axisLabels");
}

Mesh& Mesh::setAxisLabels(std::vector<std::string> const& labels)
{
    setAttribute("axisLabels", labels);
    return *this;
}

std::vector<double> Mesh::gridGlobalOffset() const
{
    return attributeAs<std::vector<double>>("gridGlobalOffset");
}

Mesh& Mesh::setGridGlobalOffset(std::vector<double> const& offset)
{
    setAttribute("gridGlobalOffset", offset);
    return *this;
}

double Mesh::gridUnitSI() const
{
    return attributeAs<double>("gridUnitSI");
}

Mesh& Mesh::setGridUnitSI(double unitSI)
{
    setAttribute("gridUnitSI", unitSI);
    return *this;
}

Mesh& Mesh::setUnitDimension(std::map<UnitDimension, double> const& udim)
{
    mergeUnitDimension(udim);
    return *this;
}

std::ostream& operator<<(std::ostream& os, Mesh::Geometry g)
{
    return os << geometryName(g);
}

std::ostream& operator<<(std::ostream& os, Mesh::DataOrder order)
{
    return os << static_cast<char>(order);
}
} // namespace openPMD
