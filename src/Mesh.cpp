#include "openPMD/Mesh.hpp"
#include "openPMD/Series.hpp"

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
    auto* series = seriesOrNull();
    if (series != nullptr && series->m_attributes.count("meshesPath") == 0)
    {
        series->setAttributeInternal("meshesPath", std::string("meshes/"));
        series->onAttributeChanged();
        series->markDirty();
    }
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
