// Writes stand-ins for the sample series that openPMD-api's reading examples
// open (they download theirs; this machine has no network): a file-based
// series ../samples/git-sample/data%T.<ext> with iterations 100, 200, 300
// (meshes E/{x,y,z} and rho, species electrons with charge, mass and
// position/{x,y,z}) and ../samples/git-sample/thetaMode/data%T.<ext> with
// iteration 500 (meshes E/{r,t,z} in thetaMode, modes × r × z).
//
// Usage: make_sample_series <ext>...   (e.g. h5 json)

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <memory>
#include <numeric>
#include <vector>

using namespace openPMD;

namespace
{
std::shared_ptr<double[]> ramp(std::size_t count, double start)
{
    std::shared_ptr<double[]> values(new double[count]);
    std::iota(values.get(), values.get() + count, start);
    return values;
}

void writeCartesian(std::string const& ext)
{
    Series series("../samples/git-sample/data%T." + ext, Access::CREATE);
    series.setAuthor("libopenPMD make_sample_series");
    Extent const cells{6, 5, 4};
    std::size_t const cellCount = 6 * 5 * 4;
    std::size_t const particleCount = 8;
    for (std::uint64_t index : {100, 200, 300})
    {
        Iteration it = series.iterations[index];
        it.setTime(index * 0.5).setDt(0.5).setTimeUnitSI(1.0e-15);

        Mesh E = it.meshes["E"];
        E.setAxisLabels({"x", "y", "z"});
        E.setGridSpacing(std::vector<double>{1.0, 1.0, 1.0});
        E.setGridGlobalOffset({0.0, 0.0, 0.0});
        E.setUnitDimension({{UnitDimension::M, 1},
                            {UnitDimension::L, 1},
                            {UnitDimension::T, -3},
                            {UnitDimension::I, -1}});
        int axis = 0;
        for (char const* name : {"x", "y", "z"})
        {
            MeshRecordComponent component = E[name];
            component.resetDataset(Dataset(Datatype::DOUBLE, cells));
            component.storeChunk(ramp(cellCount, 1000.0 * axis + index), {0, 0, 0},
                                 cells);
            component.setPosition(std::vector<double>{0.5, 0.5, 0.5});
            ++axis;
        }
        MeshRecordComponent rho = it.meshes["rho"][MeshRecordComponent::SCALAR];
        rho.resetDataset(Dataset(Datatype::DOUBLE, cells));
        rho.storeChunk(ramp(cellCount, -1.0 * index), {0, 0, 0}, cells);

        ParticleSpecies electrons = it.particles["electrons"];
        auto charge = electrons["charge"][RecordComponent::SCALAR];
        charge.resetDataset(Dataset(Datatype::DOUBLE, {particleCount}));
        charge.makeConstant(-1.602176634e-19);
        auto mass = electrons["mass"][RecordComponent::SCALAR];
        mass.resetDataset(Dataset(Datatype::DOUBLE, {particleCount}));
        mass.makeConstant(9.1093837015e-31);
        for (char const* name : {"x", "y", "z"})
        {
            auto position = electrons["position"][name];
            position.resetDataset(Dataset(Datatype::DOUBLE, {particleCount}));
            position.storeChunk(ramp(particleCount, 0.25), {0}, {particleCount});
            auto offset = electrons["positionOffset"][name];
            offset.resetDataset(Dataset(Datatype::INT, {particleCount}));
            offset.makeConstant(0);
        }
        it.close();
    }
    series.close();
}

void writeThetaMode(std::string const& ext)
{
    Series series("../samples/git-sample/thetaMode/data%T." + ext, Access::CREATE);
    std::uint64_t const modes = 3; // m = 0 and the real/imaginary parts of m = 1
    std::uint64_t const r = 4;
    std::uint64_t const z = 7;
    Iteration it = series.iterations[500];
    Mesh E = it.meshes["E"];
    E.setGeometry(Mesh::Geometry::thetaMode);
    E.setGeometryParameters("m=1;imag=+");
    E.setAxisLabels({"r", "z"});
    E.setGridSpacing(std::vector<double>{1.0, 1.0});
    E.setGridGlobalOffset({0.0, 0.0});
    int axis = 0;
    for (char const* name : {"r", "t", "z"})
    {
        MeshRecordComponent component = E[name];
        component.resetDataset(Dataset(Datatype::DOUBLE, {modes, r, z}));
        component.storeChunk(ramp(modes * r * z, 100.0 * axis), {0, 0, 0}, {modes, r, z});
        component.setPosition(std::vector<double>{0.5, 0.5});
        ++axis;
    }
    it.close();
    series.close();
}
} // namespace

int main(int argc, char* argv[])
{
    if (argc < 2)
    {
        std::cerr << "usage: " << argv[0] << " <extension>...\n";
        return 2;
    }
    for (int arg = 1; arg < argc; ++arg)
    {
        writeCartesian(argv[arg]);
        writeThetaMode(argv[arg]);
    }
    return 0;
}
