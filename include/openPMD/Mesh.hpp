#pragma once

#include "openPMD/MeshRecordComponent.hpp"
#include "openPMD/UnitDimension.hpp"
#include "openPMD/backend/BaseRecord.hpp"

#include <iosfwd>
#include <map>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace openPMD
{
namespace internal
{
class MeshData : public BaseRecordData<MeshRecordComponent>
{
public:
    /** The mesh attributes' defaults (write path). */
    void onLinked() override;
    /** A default replaced or deleted by the user is no longer fitted. */
    void onAttributeChanged(std::string const& key) override;
    /** Fits the untouched defaults to the dimensionality before creation. */
    void flushTree(SeriesData& series) override;
    /**
     * Dimensions of the grid for datasets of `datasetRank` dimensions: one
     * less for thetaMode (its datasets add the mode index).
     */
    std::size_t gridRank(std::size_t datasetRank) const;
    bool isThetaMode() const;

private:
    /**
     * axisLabels, gridSpacing and gridGlobalOffset as long as they hold the
     * library's one-entry defaults: at the first flush they get one entry
     * per dimension of the mesh's datasets, so that the file follows the
     * standard (openPMD-api writes the one-entry values whatever the
     * dimensionality).
     */
    std::set<std::string> m_untouchedDefaults;
    /** Dimensionality of the first declared dataset; 0 if none is. */
    std::size_t declaredDimensionality() const;
};
} // namespace internal

/** A field on a grid: a record of MeshRecordComponents with grid metadata. */
class Mesh : public BaseRecord<MeshRecordComponent>
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T, typename Key, typename Map>
    friend class internal::ContainerData;

public:
    enum class Geometry
    {
        cartesian,
        thetaMode,
        cylindrical,
        spherical,
        other
    };
    enum class DataOrder : char
    {
        C = 'C',
        F = 'F'
    };

    Geometry geometry() const;
    /** The stored string, e.g. "cartesian" or "other:myGrid". */
    std::string geometryString() const;
    /** Stores the geometry's name; Geometry::other is stored as "other". */
    Mesh& setGeometry(Geometry);
    /**
     * A known name selects that geometry; "other" and names starting with
     * "other:" are stored as given, any other name as "other:<name>".
     */
    Mesh& setGeometry(std::string geometry);

    std::string geometryParameters() const;
    Mesh& setGeometryParameters(std::string const&);

    DataOrder dataOrder() const;
    Mesh& setDataOrder(DataOrder);

    std::vector<std::string> axisLabels() const;
    Mesh& setAxisLabels(std::vector<std::string> const&);

    template <typename T>
    std::vector<T> gridSpacing() const
    {
        static_assert(std::is_floating_point_v<T>, "gridSpacing is floating point");
        return attributeAs<std::vector<T>>("gridSpacing");
    }
    template <typename T>
    Mesh& setGridSpacing(std::vector<T> gridSpacing)
    {
        static_assert(std::is_floating_point_v<T>, "gridSpacing is floating point");
        setAttribute("gridSpacing", std::move(gridSpacing));
        return *this;
    }

    std::vector<double> gridGlobalOffset() const;
    Mesh& setGridGlobalOffset(std::vector<double> const&);

    double gridUnitSI() const;
    Mesh& setGridUnitSI(double);

    /** Sets the given powers; the other dimensions keep their values. */
    Mesh& setUnitDimension(std::map<UnitDimension, double> const&);

    template <typename T>
    T timeOffset() const
    {
        static_assert(std::is_floating_point_v<T>, "timeOffset is floating point");
        return attributeAs<T>("timeOffset");
    }
    template <typename T>
    Mesh& setTimeOffset(T timeOffset)
    {
        static_assert(std::is_floating_point_v<T>, "timeOffset is floating point");
        setAttribute("timeOffset", timeOffset);
        return *this;
    }

protected:
    Mesh();
};

std::ostream& operator<<(std::ostream&, Mesh::Geometry);
std::ostream& operator<<(std::ostream&, Mesh::DataOrder);
} // namespace openPMD
