// Read the series that 3_write_serial wrote and check its values.
//
// Usage: 2_read_serial [directory] [extension]   (default: . json)

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <string>

using namespace openPMD;

int main(int argc, char* argv[])
{
    std::string const dir = argc > 1 ? argv[1] : ".";
    std::string const ext = argc > 2 ? argv[2] : "json";

    Series series = Series(dir + "/serial_write." + ext, Access::READ_ONLY);
    std::cout << "Read a Series with openPMD standard version " << series.openPMD()
              << " and " << series.iterations.size() << " iteration(s)\n";
    helper::listSeries(series);

    Iteration i = series.iterations[1];
    MeshRecordComponent rho = i.meshes["rho"][MeshRecordComponent::SCALAR];
    Extent extent = rho.getExtent();
    std::cout << "rho is " << extent[0] << "x" << extent[1] << " of " << rho.getDatatype()
              << '\n';
    auto rho_data = rho.loadChunk<double>();
    auto Ey = i.meshes["E"]["y"].loadChunk<float>({1, 1}, {1, 1});
    ParticleSpecies electrons = i.particles["electrons"];
    auto x = electrons["position"]["x"].loadChunk<double>();
    auto offset = electrons["positionOffset"]["x"].loadChunk<double>();
    auto weighting = electrons["weighting"].loadChunk<double>();
    series.flush(); // the buffers are filled here

    int failures = 0;
    for (size_t k = 0; k < extent[0] * extent[1]; ++k)
    {
        failures += rho_data.get()[k] != static_cast<double>(k);
    }
    failures += Ey.get()[0] != 1.5f;
    double const positions[] = {0.1, 0.2, 0.3, 0.4};
    for (size_t k = 0; k < 4; ++k)
    {
        failures += x.get()[k] != positions[k];
        failures += offset.get()[k] != 0.0;
        failures += weighting.get()[k] != 1.0;
    }
    failures += i.time<double>() != 0.5;
    series.close();
    if (failures != 0)
    {
        std::cerr << failures << " values differ from what 3_write_serial wrote\n";
        return 1;
    }
    std::cout << "All values as written\n";
    return 0;
}
