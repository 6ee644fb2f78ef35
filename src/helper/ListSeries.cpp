#include "openPMD/helper/ListSeries.hpp"
#include "openPMD/Error.hpp"

#include <set>
#include <string>

namespace openPMD::helper
{
namespace
{
std::string optionalAttribute(Attributable const& object, char const* name)
{
    if (!object.containsAttribute(name))
    {
        return "unknown";
    }
    return object.getAttribute(name).get<std::string>();
}
} // namespace

std::ostream& listSeries(Series& series, bool longer, std::ostream& out)
{
    out << "openPMD series: " << series.name() << '\n'
        << "openPMD standard: " << series.openPMD() << '\n'
        << "openPMD extensions: " << series.openPMDextension() << "\n\n";
    out << "data author: " << optionalAttribute(series, "author") << '\n'
        << "data created: " << optionalAttribute(series, "date") << '\n'
        << "data backend: " << series.backend() << '\n'
        << "generating machine: " << optionalAttribute(series, "machine") << '\n'
        << "generating software: " << optionalAttribute(series, "software")
        << " (version: " << optionalAttribute(series, "softwareVersion") << ")\n"
        << "generating software dependencies: "
        << optionalAttribute(series, "softwareDependencies") << "\n\n";

    out << "number of iterations: " << series.iterations.size() << " ("
        << series.iterationEncoding() << ")\n";
    if (series.iterations.empty())
    {
        return out;
    }
    out << "  all iterations:";
    for (auto const& entry : series.iterations)
    {
        out << ' ' << entry.first;
    }
    out << "\n\n";

    std::set<std::string> meshes;
    std::set<std::string> species;
    for (auto& [index, iteration] : series.iterations)
    {
        if (longer)
        {
            out << "iteration " << index << ":\n";
        }
        for (auto const& mesh : iteration.meshes)
        {
            meshes.insert(mesh.first);
            if (longer)
                out << "  mesh " << mesh.first << '\n';
        }
        for (auto const& s : iteration.particles)
        {
            species.insert(s.first);
            if (longer)
                out << "  particle species " << s.first << '\n';
        }
    }
    out << "number of meshes: " << meshes.size() << '\n';
    for (auto const& name : meshes)
        out << "  " << name << '\n';
    out << "number of particle species: " << species.size() << '\n';
    for (auto const& name : species)
        out << "  " << name << '\n';
    return out;
}
} // namespace openPMD::helper
