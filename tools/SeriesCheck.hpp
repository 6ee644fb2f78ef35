#pragma once

// openpmd-check: a series against the openPMD standard 1.0.x/1.1.0 and the
// ED-PIC extension (docs/tools.md lists the rules).

#include "IterationSelection.hpp"

#include <openPMD/Series.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace openPMD::tools
{
class SeriesCheck
{
public:
    struct Finding
    {
        bool error; // else a warning
        std::string path;
        std::string message;
    };

    /** Checks the series and the selected iterations. */
    SeriesCheck(Series&, IterationSelection const&);

    std::vector<Finding> const& findings() const { return m_findings; }
    unsigned errors() const;
    nlohmann::json json() const;

private:
    void error(std::string path, std::string message);
    void warning(std::string path, std::string message);

    /** Present with one of `types`; an error (or a warning) otherwise. */
    bool require(Attributable const&, std::string const& path, std::string const& name,
                 std::vector<Datatype> const& types, bool recommendedOnly = false);
    void checkRoot(Series&);
    void checkIteration(Iteration&, std::string const& path);
    /** The mesh's dimensions of the simulation (none without components). */
    std::optional<std::size_t> checkMesh(Mesh&, std::string const& path);
    /** ED-PIC's attributes of the group meshesPath (`dimensions`: of its meshes). */
    void checkEdpicMeshes(Attributable const& meshes, std::string const& path,
                          std::optional<std::size_t> dimensions);
    void checkSpecies(ParticleSpecies&, std::string const& path);
    /** particlePatches of a species with `particles` particles (if known). */
    void checkPatches(ParticlePatches&, std::string const& path,
                      std::vector<std::string> const& positionComponents,
                      std::optional<std::uint64_t> particles);
    void checkRecordComponent(RecordComponent&, std::string const& path);
    void checkName(std::string const& name, std::string const& path);

    bool m_edpic = false;
    /** iterationEncoding variableBased: no iteration level below /data. */
    bool m_variableBased = false;
    /** The series' meshesPath and particlesPath, for the paths in findings. */
    std::string m_meshesPath = "meshes/", m_particlesPath = "particles/";
    std::vector<Finding> m_findings;
};
} // namespace openPMD::tools
