// Open a series read-only and walk it: iterations, meshes, particle species,
// records and components with their datatype, extent and attributes.
//
// Usage: 6_dump_filebased_series [extension] [series path]
//   Without a series path it first writes a small file-based series
//   dump_%T.<extension> (default extension: json), dumps it and checks it.

#include <openPMD/openPMD.hpp>

#include <complex>
#include <cstdint>
#include <iostream>
#include <string>
#include <type_traits>
#include <vector>

using namespace openPMD;

namespace
{
template <typename T>
void printValue(std::ostream& out, T const& value)
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        out << '"' << value << '"';
    }
    else if constexpr (std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
                       std::is_same_v<T, unsigned char>)
    {
        out << static_cast<int>(value);
    }
    else if constexpr (std::is_arithmetic_v<T>)
    {
        out << value;
    }
    else if constexpr (std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>> ||
                       std::is_same_v<T, std::complex<long double>>)
    {
        out << value;
    }
    else // std::vector or std::array
    {
        out << '[';
        char const* separator = "";
        for (auto const& element : value)
        {
            out << separator;
            printValue(out, element);
            separator = ", ";
        }
        out << ']';
    }
}

void printAttributes(Attributable const& object, std::string const& indent)
{
    for (auto const& name : object.attributes())
    {
        Attribute const attribute = object.getAttribute(name);
        std::cout << indent << "@" << name << " (" << attribute.dtype << ") = ";
        std::visit([](auto const& value) { printValue(std::cout, value); },
                   attribute.getResource());
        std::cout << '\n';
    }
}

void printComponent(std::string const& name, RecordComponent const& component,
                    std::string const& indent)
{
    std::cout << indent << name << ": " << component.getDatatype() << " [";
    char const* separator = "";
    for (auto extent : component.getExtent())
    {
        std::cout << separator << extent;
        separator = " x ";
    }
    std::cout << "]" << (component.constant() ? " constant" : "") << '\n';
    printAttributes(component, indent + "  ");
}

/** A mesh, a particle record or a patch record: a scalar or its components. */
template <typename AnyRecord>
void printRecord(std::string const& name, AnyRecord const& record,
                 std::string const& indent)
{
    if (record.scalar())
    {
        printComponent(name + " (scalar)", record.at(RecordComponent::SCALAR), indent);
        return;
    }
    std::cout << indent << name << '\n';
    printAttributes(record, indent + "  ");
    for (auto const& [componentName, component] : record)
    {
        printComponent(componentName, component, indent + "  ");
    }
}

int dump(std::string const& path)
{
    Series series(path, Access::READ_ONLY);
    std::cout << "Series " << path << ": openPMD " << series.openPMD() << ", "
              << series.iterationEncoding() << ", " << series.iterations.size()
              << " iteration(s)\n";
    printAttributes(series, "  ");
    for (auto const& [index, iteration] : series.iterations)
    {
        std::cout << "iteration " << index << '\n';
        printAttributes(iteration, "  ");
        for (auto const& [meshName, mesh] : iteration.meshes)
        {
            printRecord("mesh " + meshName, mesh, "  ");
        }
        for (auto const& [speciesName, species] : iteration.particles)
        {
            std::cout << "  species " << speciesName << '\n';
            for (auto const& [recordName, record] : species)
            {
                printRecord(recordName, record, "    ");
            }
            for (auto const& [patchName, patch] : species.particlePatches)
            {
                printRecord("patch " + patchName, patch, "    ");
            }
        }
    }
    return static_cast<int>(series.iterations.size());
}

/** A small file-based series to dump when none is given. */
void writeSample(std::string const& path)
{
    Series series(path, Access::CREATE);
    for (uint64_t index : {100, 200})
    {
        Iteration it = series.iterations[index];
        it.setTime(static_cast<double>(index));
        std::vector<float> rho{1.f, 2.f, 3.f, 4.f};
        it.meshes["rho"].resetDataset(Dataset(Datatype::FLOAT, {2, 2}));
        it.meshes["rho"].storeChunk(rho);
        // Ten particles, all records constant (each species needs position
        // and positionOffset).
        ParticleSpecies e = it.particles["e"];
        e["weighting"].resetDataset(Dataset(Datatype::DOUBLE, {10}));
        e["weighting"].makeConstant(0.5);
        e["position"]["x"].resetDataset(Dataset(Datatype::DOUBLE, {10}));
        e["position"]["x"].makeConstant(0.25);
        e["positionOffset"]["x"].resetDataset(Dataset(Datatype::DOUBLE, {10}));
        e["positionOffset"]["x"].makeConstant(1.0);
        it.close();
    }
}
} // namespace

int main(int argc, char* argv[])
{
    std::string const ext = argc > 1 ? argv[1] : "json";
    if (argc > 2)
    {
        try
        {
            dump(argv[2]);
        }
        catch (Error const& e) // e.g. no such file, or not an openPMD series
        {
            std::cerr << e.what() << '\n';
            return 1;
        }
        return 0;
    }
    std::string const path = "dump_%T." + ext;
    writeSample(path);
    int const iterations = dump(path);
    Series check(path, Access::READ_ONLY);
    auto rho = check.iterations[200].meshes["rho"].loadChunk<float>();
    ParticleSpecies e = check.iterations[100].particles["e"];
    auto position = e["position"]["x"].loadChunk<double>();
    auto offset = e["positionOffset"]["x"].loadChunk<double>();
    check.flush();
    if (iterations != 2 || rho.get()[3] != 4.f ||
        check.iterations[100].time<double>() != 100.0 || position.get()[9] != 0.25 ||
        offset.get()[9] != 1.0 || e["weighting"].getExtent() != Extent{10})
    {
        std::cerr << "the sample series did not read back as written\n";
        return 1;
    }
    return 0;
}
