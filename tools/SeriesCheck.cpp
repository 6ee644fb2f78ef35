#include "SeriesCheck.hpp"

#include <openPMD/openPMD.hpp>

#include <algorithm>
#include <regex>
#include <set>

namespace openPMD::tools
{
namespace
{
std::vector<Datatype> const floating = {Datatype::FLOAT, Datatype::DOUBLE,
                                        Datatype::LONG_DOUBLE};
std::vector<Datatype> const floatingVector = {Datatype::VEC_FLOAT, Datatype::VEC_DOUBLE,
                                              Datatype::VEC_LONG_DOUBLE};
std::vector<Datatype> const text = {Datatype::STRING};
std::vector<Datatype> const texts = {Datatype::VEC_STRING};
std::vector<Datatype> const unitDimension = {Datatype::ARR_DBL_7, Datatype::VEC_DOUBLE};
std::vector<Datatype> const unsignedInteger = {Datatype::UINT, Datatype::ULONG,
                                               Datatype::ULONGLONG, Datatype::USHORT,
                                               Datatype::UCHAR};

std::string typeList(std::vector<Datatype> const& types)
{
    std::string s;
    for (auto t : types)
        s += (s.empty() ? "" : " or ") + datatypeToString(t);
    return s;
}

std::string stringOf(Attributable const& a, std::string const& name)
{
    auto const attribute = a.getAttribute(name);
    return attribute.dtype == Datatype::STRING ? attribute.get<std::string>() : "";
}

template <typename T, typename = void>
struct HasSize : std::false_type
{
};
template <typename T>
struct HasSize<T, std::void_t<decltype(std::declval<T const&>().size())>> : std::true_type
{
};

/** Entries of a vector or array attribute; 1 for a scalar or a string. */
std::size_t lengthOf(Attributable const& a, std::string const& name)
{
    return std::visit(
        [](auto const& v) -> std::size_t
        {
            using T = std::decay_t<decltype(v)>;
            if constexpr (HasSize<T>::value && !std::is_same_v<T, std::string>)
                return v.size();
            else
                return 1;
        },
        a.getAttribute(name).getResource());
}
} // namespace

void SeriesCheck::error(std::string path, std::string message)
{
    m_findings.push_back({true, std::move(path), std::move(message)});
}

void SeriesCheck::warning(std::string path, std::string message)
{
    m_findings.push_back({false, std::move(path), std::move(message)});
}

unsigned SeriesCheck::errors() const
{
    unsigned n = 0;
    for (auto const& f : m_findings)
        n += f.error ? 1 : 0;
    return n;
}

nlohmann::json SeriesCheck::json() const
{
    nlohmann::json result = {{"errors", nlohmann::json::array()},
                             {"warnings", nlohmann::json::array()}};
    for (auto const& f : m_findings)
        result[f.error ? "errors" : "warnings"].push_back(
            {{"path", f.path}, {"message", f.message}});
    result["clean"] = errors() == 0;
    return result;
}

bool SeriesCheck::require(Attributable const& object, std::string const& path,
                          std::string const& name, std::vector<Datatype> const& types,
                          bool recommendedOnly)
{
    if (!object.containsAttribute(name))
    {
        std::string const message =
            "attribute '" + name + "' (" + typeList(types) + ") is " +
            (recommendedOnly ? "recommended" : "required") + " but missing";
        recommendedOnly ? warning(path, message) : error(path, message);
        return false;
    }
    Datatype const actual = object.getAttribute(name).dtype;
    if (std::find(types.begin(), types.end(), actual) == types.end())
    {
        error(path, "attribute '" + name + "' has type " + datatypeToString(actual) +
                        ", expected " + typeList(types));
        return false;
    }
    return true;
}

void SeriesCheck::checkName(std::string const& name, std::string const& path)
{
    static std::regex const allowed("[A-Za-z0-9_]+");
    if (!std::regex_match(name, allowed))
        warning(path, "the name '" + name +
                          "' has characters other than letters, digits and '_' "
                          "(openPMD naming rule)");
}

void SeriesCheck::checkRoot(Series& series)
{
    std::string const path = "/";
    if (require(series, path, "openPMD", text))
    {
        std::string const version = stringOf(series, "openPMD");
        if (version != "1.0.0" && version != "1.0.1" && version != "1.1.0")
            error(path, "openPMD is '" + version + "', expected 1.0.0, 1.0.1 or 1.1.0");
    }
    if (require(series, path, "openPMDextension", unsignedInteger))
    {
        auto const extension =
            series.getAttribute("openPMDextension").get<std::uint64_t>();
        m_edpic = (extension & 1u) != 0;
        if (extension > 1)
            warning(path, "openPMDextension " + std::to_string(extension) +
                              " names extensions other than ED-PIC (1), not checked");
    }
    std::string encoding;
    if (require(series, path, "iterationEncoding", text))
    {
        encoding = stringOf(series, "iterationEncoding");
        if (encoding == "variableBased")
            warning(path, "iterationEncoding 'variableBased' is not part of openPMD 1.x");
        else if (encoding != "fileBased" && encoding != "groupBased")
            error(path, "iterationEncoding is '" + encoding +
                            "', expected fileBased or groupBased");
    }
    // Variable-based encoding (openPMD-api's experimental one) drops the
    // iteration level: /data itself is the iteration. openPMD-api 0.16 writes
    // basePath '/data' (or keeps '/data/%T/' when the encoding is set after
    // the constructor; readers strip '/%T/' either way) and iterationFormat
    // '/data', which has no %T.
    m_variableBased = encoding == "variableBased";
    if (require(series, path, "basePath", text))
    {
        std::string const basePath = stringOf(series, "basePath");
        if (m_variableBased && basePath != "/data/%T/" && basePath != "/data")
            error(path, "basePath is '" + basePath +
                            "', expected '/data' or '/data/%T/' (variableBased)");
        else if (!m_variableBased && basePath != "/data/%T/")
            error(path,
                  "basePath is '" + basePath + "', the standard fixes it to '/data/%T/'");
    }
    if (require(series, path, "iterationFormat", text))
    {
        std::string const format = stringOf(series, "iterationFormat");
        static std::regex const iterationPlaceholder(R"(%(0\d+)?T)"); // %T, %06T
        if (m_variableBased && format != "/data")
            error(path, "iterationFormat is '" + format +
                            "', expected '/data' (variableBased: no iteration level)");
        else if (!m_variableBased && !std::regex_search(format, iterationPlaceholder))
            error(path, "iterationFormat '" + format + "' has no %T (or %0NT)");
    }
    for (char const* name : {"author", "software", "softwareVersion", "date"})
        require(series, path, name, text, true);
    if (series.containsAttribute("date") &&
        series.getAttribute("date").dtype == Datatype::STRING)
    {
        static std::regex const format(
            R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4})");
        if (!std::regex_match(stringOf(series, "date"), format))
            error(path, "date '" + stringOf(series, "date") +
                            "' is not in the format YYYY-MM-DD HH:mm:ss tz (e.g. "
                            "2026-01-31 12:00:00 +0100)");
    }
    for (char const* name : {"meshesPath", "particlesPath"})
    {
        if (!series.containsAttribute(name) || !require(series, path, name, text))
            continue;
        std::string const value = stringOf(series, name);
        if (value.empty() || value.back() != '/')
            error(path, std::string(name) + " '" + value + "' must end with '/'");
        else
            (name == std::string("meshesPath") ? m_meshesPath : m_particlesPath) = value;
    }
}

void SeriesCheck::checkRecordComponent(RecordComponent& component,
                                       std::string const& path)
{
    require(component, path, "unitSI",
            {Datatype::DOUBLE, Datatype::FLOAT, Datatype::LONG_DOUBLE});
}

std::optional<std::size_t> SeriesCheck::checkMesh(Mesh& mesh, std::string const& path)
{
    for (auto const& [name, types] :
         std::vector<std::pair<char const*, std::vector<Datatype>>>{
             {"geometry", text},
             {"dataOrder", text},
             {"axisLabels", texts},
             {"gridSpacing", floatingVector},
             {"gridGlobalOffset", floatingVector},
             {"gridUnitSI", floating},
             {"unitDimension", unitDimension},
             {"timeOffset", floating}})
    {
        require(mesh, path, name, types);
    }
    if (mesh.containsAttribute("unitDimension") && lengthOf(mesh, "unitDimension") != 7)
        error(path, "unitDimension has " +
                        std::to_string(lengthOf(mesh, "unitDimension")) +
                        " entries, expected 7");
    if (mesh.containsAttribute("dataOrder") && stringOf(mesh, "dataOrder") != "C" &&
        stringOf(mesh, "dataOrder") != "F")
        error(path,
              "dataOrder is '" + stringOf(mesh, "dataOrder") + "', expected C or F");
    bool thetaMode = false;
    if (mesh.containsAttribute("geometry"))
    {
        std::string const geometry = stringOf(mesh, "geometry");
        thetaMode = geometry == "thetaMode";
        static std::set<std::string> const known = {"cartesian", "thetaMode",
                                                    "cylindrical", "spherical"};
        if (!known.count(geometry) && geometry.rfind("other", 0) != 0)
            error(path, "geometry is '" + geometry +
                            "', expected cartesian, thetaMode, cylindrical, spherical "
                            "or other");
        if (geometry == "thetaMode")
            require(mesh, path, "geometryParameters", text);
    }

    // The dimensions of the simulation, N in the standard: one per axis of
    // the datasets, but for thetaMode, whose datasets are 3-D (mode, r, z)
    // on a 2-D (r, z) grid (openPMD 1.1.0, geometry).
    auto const spatial = [thetaMode](Extent const& extent)
    { return thetaMode && !extent.empty() ? extent.size() - 1 : extent.size(); };
    std::optional<Extent> shape;
    for (auto& [name, component] : mesh)
    {
        std::string const at = mesh.scalar() ? path : path + "/" + name;
        if (!mesh.scalar())
            checkName(name, at);
        checkRecordComponent(component, at);
        require(component, at, "position", floatingVector);
        Extent const extent = component.getExtent();
        if (shape && *shape != extent)
            error(at, "its shape differs from the other components of the mesh");
        shape = extent;
        if (thetaMode && extent.size() != 3)
            error(at, "has " + std::to_string(extent.size()) +
                          " dimensions, a thetaMode component has 3 (mode, r, z)");
        if (component.containsAttribute("position") &&
            lengthOf(component, "position") != spatial(extent))
            error(at, "position has " + std::to_string(lengthOf(component, "position")) +
                          " entries, the mesh has " + std::to_string(spatial(extent)) +
                          " dimensions");
    }
    if (shape)
    {
        for (char const* name : {"axisLabels", "gridSpacing", "gridGlobalOffset"})
        {
            if (mesh.containsAttribute(name) && lengthOf(mesh, name) != spatial(*shape))
                error(path, std::string(name) + " has " +
                                std::to_string(lengthOf(mesh, name)) +
                                " entries, the mesh has " +
                                std::to_string(spatial(*shape)) + " dimensions");
        }
    }
    if (m_edpic)
        require(mesh, path, "fieldSmoothing", text);
    if (!shape)
        return std::nullopt;
    return spatial(*shape);
}

void SeriesCheck::checkEdpicMeshes(Attributable const& meshes, std::string const& path,
                                   std::optional<std::size_t> dimensions)
{
    // ED-PIC 1.1.0: attributes of the group meshesPath, not of each mesh.
    for (char const* name : {"fieldSolver", "currentSmoothing", "chargeCorrection"})
        require(meshes, path, name, text);
    for (char const* name : {"fieldBoundary", "particleBoundary"})
    {
        if (require(meshes, path, name, texts) && dimensions &&
            lengthOf(meshes, name) != 2 * *dimensions)
            error(path, std::string("ED-PIC: ") + name + " has " +
                            std::to_string(lengthOf(meshes, name)) +
                            " entries, expected 2 per dimension of the meshes (" +
                            std::to_string(*dimensions) + ")");
    }
}

void SeriesCheck::checkSpecies(ParticleSpecies& species, std::string const& path)
{
    for (char const* required : {"position", "positionOffset"})
    {
        if (!species.contains(required))
            error(path, std::string("record '") + required + "' is required but missing");
    }
    if (m_edpic)
    {
        for (char const* name : {"particleShape"})
            require(species, path, name, floating);
        for (char const* name : {"currentDeposition", "particlePush",
                                 "particleInterpolation", "particleSmoothing"})
            require(species, path, name, text);
    }
    std::optional<std::uint64_t> count;
    std::string countFrom;
    for (auto& [name, record] : species)
    {
        std::string const at = path + "/" + name;
        checkName(name, at);
        require(record, at, "unitDimension", unitDimension);
        require(record, at, "timeOffset", floating);
        if (record.containsAttribute("unitDimension") &&
            lengthOf(record, "unitDimension") != 7)
            error(at, "unitDimension has " +
                          std::to_string(lengthOf(record, "unitDimension")) +
                          " entries, expected 7");
        if (m_edpic)
        {
            require(record, at, "macroWeighted", {Datatype::UINT});
            require(record, at, "weightingPower", floating);
        }
        for (auto& [componentName, component] : record)
        {
            std::string const componentPath =
                record.scalar() ? at : at + "/" + componentName;
            checkRecordComponent(component, componentPath);
            Extent const extent = component.getExtent();
            if (extent.size() != 1)
                error(componentPath,
                      "a particle record component must be 1-dimensional, has " +
                          std::to_string(extent.size()) + " dimensions");
            else if (count && *count != extent[0])
                error(componentPath, "has " + std::to_string(extent[0]) + " particles, " +
                                         countFrom + " has " + std::to_string(*count));
            else if (!count)
            {
                count = extent[0];
                countFrom = componentPath;
            }
        }
    }
    if (!species.particlePatches.empty())
    {
        std::vector<std::string> positionComponents;
        if (species.contains("position"))
            for (auto const& entry : species["position"])
                positionComponents.push_back(entry.first);
        checkPatches(species.particlePatches, path + "/particlePatches",
                     positionComponents, count);
    }
}

namespace
{
struct LoadCounts
{
    static constexpr char const* errorMsg = "openpmd-check (patch counts)";

    template <typename T>
    static std::vector<std::uint64_t> call(RecordComponent& component)
    {
        std::vector<std::uint64_t> result;
        if constexpr (std::is_integral_v<T>)
        {
            auto data = component.loadChunk<T>();
            component.seriesFlush();
            Extent const extent = component.getExtent();
            for (std::uint64_t i = 0; i < (extent.empty() ? 0 : extent[0]); ++i)
                result.push_back(static_cast<std::uint64_t>(data.get()[i]));
        }
        return result;
    }
};
} // namespace

void SeriesCheck::checkPatches(ParticlePatches& patches, std::string const& path,
                               std::vector<std::string> const& positionComponents,
                               std::optional<std::uint64_t> particles)
{
    std::optional<std::uint64_t> numPatches;
    std::string numPatchesFrom;
    for (auto& [name, record] : patches)
    {
        std::string const at = path + "/" + name;
        bool const counts = name == "numParticles" || name == "numParticlesOffset";
        if (!counts && name != "offset" && name != "extent")
            warning(at, "not a patch record of the standard (numParticles, "
                        "numParticlesOffset, offset, extent)");
        if (!counts)
            require(record, at, "unitDimension", unitDimension, true);
        for (auto& [componentName, component] : record)
        {
            std::string const componentPath =
                record.scalar() ? at : at + "/" + componentName;
            if (!counts)
                require(component, componentPath, "unitSI", floating, true);
            Extent const extent = component.getExtent();
            if (extent.size() != 1)
            {
                error(componentPath,
                      "a patch record component must be 1-dimensional, has " +
                          std::to_string(extent.size()) + " dimensions");
                continue;
            }
            if (numPatches && *numPatches != extent[0])
                error(componentPath, "has " + std::to_string(extent[0]) + " patches, " +
                                         numPatchesFrom + " has " +
                                         std::to_string(*numPatches));
            else if (!numPatches)
            {
                numPatches = extent[0];
                numPatchesFrom = componentPath;
            }
        }
        if (counts && !record.scalar())
            error(at, "must be a scalar record (one count per patch)");
        else if (counts && std::find(unsignedInteger.begin(), unsignedInteger.end(),
                                     record.getDatatype()) == unsignedInteger.end())
            error(at, std::string("has type ") + datatypeToString(record.getDatatype()) +
                          ", expected an unsigned integer (the standard says uint64)");
        if (!counts && !positionComponents.empty())
        {
            std::vector<std::string> components;
            for (auto const& entry : record)
                components.push_back(entry.first);
            if (components != positionComponents)
                error(at, "its components differ from those of the record position");
        }
    }
    for (char const* required :
         {"numParticles", "numParticlesOffset", "offset", "extent"})
    {
        if (!patches.contains(required))
            error(path,
                  std::string("patch record '") + required + "' is required but missing");
    }
    // Each patch lies within the species' particles.
    if (!particles || !patches.contains("numParticles") ||
        !patches.contains("numParticlesOffset"))
        return;
    auto& numParticles = patches["numParticles"];
    auto& numParticlesOffset = patches["numParticlesOffset"];
    if (!numParticles.scalar() || !numParticlesOffset.scalar())
        return;
    auto const sizes = switchDatasetType<LoadCounts>(
        numParticles.getDatatype(), static_cast<RecordComponent&>(numParticles));
    auto const offsets =
        switchDatasetType<LoadCounts>(numParticlesOffset.getDatatype(),
                                      static_cast<RecordComponent&>(numParticlesOffset));
    for (std::size_t i = 0; i < std::min(sizes.size(), offsets.size()); ++i)
    {
        if (offsets[i] > *particles || sizes[i] > *particles - offsets[i])
        {
            error(path, "patch " + std::to_string(i) + " holds particles " +
                            std::to_string(offsets[i]) + " to " +
                            std::to_string(offsets[i] + sizes[i]) + ", the species has " +
                            std::to_string(*particles));
            return;
        }
    }
}

void SeriesCheck::checkIteration(Iteration& iteration, std::string const& path)
{
    for (char const* name : {"time", "dt", "timeUnitSI"})
        require(iteration, path, name, floating);
    std::optional<std::size_t> dimensions;
    for (auto& [name, mesh] : iteration.meshes)
    {
        std::string const at = path + "/" + m_meshesPath + name;
        checkName(name, at);
        auto const meshDimensions = checkMesh(mesh, at);
        if (!dimensions)
            dimensions = meshDimensions;
    }
    if (m_edpic && !iteration.meshes.empty())
        checkEdpicMeshes(iteration.meshes,
                         path + "/" + m_meshesPath.substr(0, m_meshesPath.size() - 1),
                         dimensions);
    for (auto& [name, species] : iteration.particles)
    {
        std::string const at = path + "/" + m_particlesPath + name;
        checkName(name, at);
        checkSpecies(species, at);
    }
}

SeriesCheck::SeriesCheck(Series& series, IterationSelection const& selection)
{
    checkRoot(series);
    for (auto& [index, iteration] : series.iterations)
    {
        if (!selection.contains(index))
            continue;
        // Variable-based: the one group /data holds each iteration in turn.
        std::string const path =
            m_variableBased ? std::string("/data") : "/data/" + std::to_string(index);
        try
        {
            checkIteration(iteration, path);
        }
        catch (Error const& e)
        {
            error(path, std::string("cannot be read: ") + e.what());
        }
    }
}
} // namespace openPMD::tools
