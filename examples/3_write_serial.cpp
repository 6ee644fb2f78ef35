// Write a small openPMD series: a scalar mesh, a vector mesh with a
// constant component, and particles. Written the way openPMD-api user code
// is written, so it also checks source compatibility.
//
// Usage: 3_write_serial [output directory] [extension]   (default: . json)

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

using namespace openPMD;

int main(int argc, char* argv[])
{
    std::string const dir = argc > 1 ? argv[1] : ".";
    std::string const ext = argc > 2 ? argv[2] : "json";
    size_t const size = 3;

    // Extents and data of a 3x3 field of doubles.
    std::vector<double> global_data(size * size);
    std::iota(global_data.begin(), global_data.end(), 0.0);

    Series series = Series(dir + "/serial_write." + ext, Access::CREATE);
    series.setAuthor("libopenPMD example");
    std::cout << "Created an empty " << series.iterationEncoding() << " Series\n";

    Iteration iteration = series.iterations[1];
    iteration.setTime(0.5).setDt(0.25);

    MeshRecordComponent rho = iteration.meshes["rho"][MeshRecordComponent::SCALAR];
    Datatype datatype = determineDatatype<double>();
    Extent extent = {size, size};
    Dataset dataset = Dataset(datatype, extent);
    rho.resetDataset(dataset);
    rho.storeChunk(global_data, {0, 0}, {size, size});

    Mesh E = iteration.meshes["E"];
    E.setAxisLabels({"y", "x"}).setGridSpacing(std::vector<double>{1.0, 1.0});
    E.setUnitDimension({{UnitDimension::M, 1},
                        {UnitDimension::L, 1},
                        {UnitDimension::I, -1},
                        {UnitDimension::T, -3}});
    E["x"].resetDataset(Dataset(Datatype::FLOAT, {size, size}));
    auto view = E["x"].storeChunk<float>({0, 0}, {size, size}); // span API
    auto span = view.currentBuffer();
    for (size_t i = 0; i < span.size(); ++i)
    {
        span[i] = static_cast<float>(i) * 0.5f;
    }
    E["y"].resetDataset(Dataset(Datatype::FLOAT, {size, size}));
    E["y"].makeConstant(1.5f);

    ParticleSpecies electrons = iteration.particles["electrons"];
    std::shared_ptr<double> x(new double[4]{0.1, 0.2, 0.3, 0.4},
                              [](double const* p) { delete[] p; });
    electrons["position"]["x"].resetDataset(Dataset(Datatype::DOUBLE, {4}));
    electrons["position"]["x"].storeChunk(x, {0}, {4});
    // openPMD requires positionOffset beside position; constant records have
    // one (equal) value per particle, so their shape is the particle count.
    electrons["positionOffset"]["x"].resetDataset(Dataset(Datatype::DOUBLE, {4}));
    electrons["positionOffset"]["x"].makeConstant(0.0);
    electrons["weighting"][RecordComponent::SCALAR].resetDataset(
        Dataset(Datatype::DOUBLE, {4}));
    electrons["weighting"][RecordComponent::SCALAR].makeConstant(1.0);

    series.flush(); // data leaves the buffers here
    std::cout << "Wrote iteration 1 of '" << series.name() << "' with backend "
              << series.backend() << '\n';
    iteration.close();
    series.close();
    return 0;
}
