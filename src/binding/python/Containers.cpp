#include "Common.hpp"
#include "Mapping.hpp"

#include <cstdint>
#include <string>

namespace openPMD::python
{
bool inReadOnlySeries(Attributable const& object)
{
    try
    {
        return access::readOnly(object.myPath().access);
    }
    catch (Error const&)
    {
        return false; // not part of a (living) Series
    }
}

namespace
{
/**
 * container[key] = value, with the C++ semantics (docs/user-guide.md): the
 * object is filed under `key`; an unwritten object whose old entry was
 * deleted moves there. A misuse (a written object, or one another entry
 * still holds) raises at once and leaves `key` empty.
 */
template <typename Map>
void assignEntry(Map& map, typename Map::key_type const& key,
                 typename Map::mapped_type const& value)
{
    // The C++ semantics of container[key] = handle; at() files the object
    // under the key now, so that a misuse raises here rather than at the
    // next flush.
    map[key] = value;
    try
    {
        map.at(key);
    }
    catch (...)
    {
        map.erase(key); // drops only the reference to the misplaced object
        throw;
    }
}

template <typename Map>
py::class_<Map, Attributable> bindContainer(py::module_& m, char const* name,
                                            char const* doc)
{
    py::class_<Map, Attributable> cls(m, name, doc);
    addMapping<Map>(cls);
    cls.def("__setitem__", &assignEntry<Map>, py::arg("key"), py::arg("value"));
    cls.def("__repr__",
            [name](Map const& map)
            {
                return "<openPMD." + std::string(name) + " with " +
                       std::to_string(map.size()) + " entries>";
            });
    return cls;
}
} // namespace

void initContainers(py::module_& m)
{
    bindContainer<Container<Iteration, std::uint64_t>>(
        m, "Iteration_Container", "The iterations of a Series, by index");
    bindContainer<Container<Mesh>>(m, "Mesh_Container", "The meshes of an iteration");
    bindContainer<Container<ParticleSpecies>>(m, "Particle_Container",
                                              "The particle species of an iteration");
    bindContainer<Container<Record>>(m, "Record_Container", "Records by name");
    bindContainer<Container<PatchRecord>>(m, "Patch_Record_Container",
                                          "Patch records by name");

    py::class_<ParticleSpecies, Container<Record>>(
        m, "ParticleSpecies", "A particle species: its records and particle patches")
        .def(py::init<ParticleSpecies const&>(), py::arg("other"),
             "Another handle on the same object (shares its state, as a copy in C++)")
        .def_property_readonly("particle_patches", [](ParticleSpecies const& species)
                               { return species.particlePatches; })
        .def("__repr__",
             [](ParticleSpecies const& species)
             {
                 return "<openPMD.ParticleSpecies at '" + species.myPath().openPMDPath() +
                        "' with " + std::to_string(species.size()) + " records>";
             });
    m.attr("Particle_Species") = m.attr("ParticleSpecies");

    py::class_<ParticlePatches, Container<PatchRecord>>(
        m, "Particle_Patches", "Patches of a species: offset, extent, numParticles...")
        .def_property_readonly("num_patches", &ParticlePatches::numPatches);
}
} // namespace openPMD::python
