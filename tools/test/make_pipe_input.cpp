// Writes the input series of the openpmd-pipe tests: one attribute of each
// of the 38 attribute types, a component of each of the 17 dataset types
// written in two chunks, a constant and an empty component, a particle
// species, two iterations; optionally a large dataset (for the memory test).
//
// Usage: make_pipe_input SERIES [large dataset MiB [iterations]]

#include <openPMD/openPMD.hpp>

#include <algorithm>
#include <array>
#include <complex>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
template <typename T>
std::vector<T> values(std::size_t n, int seed)
{
    std::vector<T> v(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        auto const x = static_cast<int>(i) + seed;
        if constexpr (std::is_same_v<T, std::complex<float>> ||
                      std::is_same_v<T, std::complex<double>> ||
                      std::is_same_v<T, std::complex<long double>>)
            v[i] = T(typename T::value_type(x) / 4, typename T::value_type(-x));
        else if constexpr (std::is_floating_point_v<T>)
            v[i] = T(x) / T(8);
        else
            v[i] = static_cast<T>('a' + x % 26);
    }
    return v;
}

/** The data of a chunk, owned by the Series until it is flushed. */
template <typename T>
std::shared_ptr<T> shared(typename std::vector<T>::const_iterator begin,
                          typename std::vector<T>::const_iterator end)
{
    std::shared_ptr<T> data(new T[static_cast<std::size_t>(end - begin)],
                            std::default_delete<T[]>());
    std::copy(begin, end, data.get());
    return data;
}

template <typename T>
void component(Mesh& mesh, std::string const& name, int seed)
{
    auto c = mesh[name];
    c.resetDataset(Dataset(determineDatatype<T>(), {6}));
    auto data = values<T>(6, seed);
    c.storeChunk(shared<T>(data.begin(), data.begin() + 2), {0}, {2});
    c.storeChunk(shared<T>(data.begin() + 2, data.end()), {2}, {4});
}

template <typename T>
void attribute(Attributable& a, std::string const& name, int seed)
{
    auto const v = values<T>(3, seed);
    a.setAttribute(name, v[0]);
    a.setAttribute("vec_" + name, v);
}

/** Calls f(T{}, name) for the 17 numeric types (dataset types). */
template <typename F>
void forEachNumericType(F&& f)
{
    f(char{}, "char");
    f(static_cast<unsigned char>(0), "uchar");
    f(static_cast<signed char>(0), "schar");
    f(short{}, "short");
    f(int{}, "int");
    f(long{}, "long");
    f(0LL, "longlong");
    f(static_cast<unsigned short>(0), "ushort");
    f(0U, "uint");
    f(0UL, "ulong");
    f(0ULL, "ulonglong");
    f(float{}, "float");
    f(double{}, "double");
    f(0.0L, "longdouble");
    f(std::complex<float>{}, "cfloat");
    f(std::complex<double>{}, "cdouble");
    f(std::complex<long double>{}, "clongdouble");
}

void writeIteration(Iteration it, int seed, std::size_t largeMiB)
{
    it.setTime(0.5 * seed).setDt(0.25);
    forEachNumericType([&](auto zero, char const* name)
                       { attribute<decltype(zero)>(it, name, seed); });
    it.setAttribute("string", std::string("text ") + std::to_string(seed));
    it.setAttribute("vec_string", std::vector<std::string>{"a", "bc", ""});
    it.setAttribute("arr_dbl_7", std::array<double, 7>{1, 0, -2, 0, 0, 0, 0.5});
    it.setAttribute("bool", seed % 2 == 0);

    Mesh m = it.meshes["types"];
    forEachNumericType([&](auto zero, char const* name)
                       { component<decltype(zero)>(m, name, seed); });

    // 2-D meshes: labels, spacing, offset and position per dimension
    // (openpmd-check finds the series clean).
    for (char const* name : {"rho", "none"})
    {
        Mesh mesh = it.meshes[name];
        mesh.setAxisLabels({"y", "x"})
            .setGridSpacing(std::vector<double>{1.0, 0.5})
            .setGridGlobalOffset({0.0, -1.0});
        mesh[RecordComponent::SCALAR].setPosition(std::vector<double>{0.5, 0.5});
    }
    auto rho = it.meshes["rho"][RecordComponent::SCALAR];
    rho.resetDataset(Dataset(Datatype::FLOAT, {3, 4}));
    rho.makeConstant(1.5f);
    auto none = it.meshes["none"][RecordComponent::SCALAR];
    none.makeEmpty<double>(2);

    auto e = it.particles["electrons"];
    for (char const* axis : {"x", "y"})
    {
        e["position"][axis].resetDataset(Dataset(Datatype::DOUBLE, {5}));
        auto const position = values<double>(5, seed);
        e["position"][axis].storeChunk(shared<double>(position.begin(), position.end()),
                                       {0}, {5});
        e["positionOffset"][axis].resetDataset(Dataset(Datatype::DOUBLE, {5}));
        e["positionOffset"][axis].makeConstant(0.0);
    }
    e["weighting"].resetDataset(Dataset(Datatype::DOUBLE, {5}));
    e["weighting"].makeConstant(2.5);
    // Two patches: particles 0-2 and 3-4.
    auto& patches = e.particlePatches;
    patches["numParticles"][RecordComponent::SCALAR].resetDataset(
        Dataset(Datatype::ULONGLONG, {2}));
    patches["numParticlesOffset"][RecordComponent::SCALAR].resetDataset(
        Dataset(Datatype::ULONGLONG, {2}));
    patches["numParticles"][RecordComponent::SCALAR].store<unsigned long long>(0, 3);
    patches["numParticles"][RecordComponent::SCALAR].store<unsigned long long>(1, 2);
    patches["numParticlesOffset"][RecordComponent::SCALAR].store<unsigned long long>(0,
                                                                                     0);
    patches["numParticlesOffset"][RecordComponent::SCALAR].store<unsigned long long>(1,
                                                                                     3);
    for (char const* bound : {"offset", "extent"})
    {
        patches[bound].setUnitDimension({{UnitDimension::L, 1}});
        for (char const* axis : {"x", "y"})
        {
            patches[bound][axis].resetDataset(Dataset(Datatype::DOUBLE, {2}));
            patches[bound][axis].store<double>(0, bound[0] == 'o' ? 0.0 : 0.5);
            patches[bound][axis].store<double>(1, bound[0] == 'o' ? 0.5 : 0.5 + seed);
        }
    }

    if (largeMiB > 0)
    {
        // Rows of 1 MiB: the pipe must copy it within a smaller budget.
        std::size_t const row = (std::size_t(1) << 20) / sizeof(double);
        auto big = it.meshes["large"];
        big.resetDataset(Dataset(Datatype::DOUBLE, {largeMiB, row}));
        std::vector<double> data(largeMiB * row);
        std::iota(data.begin(), data.end(), 0.0);
        big.storeChunk(data, {0, 0}, {largeMiB, row});
        it.seriesFlush();
    }
}
} // namespace

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        std::cerr << "usage: make_pipe_input SERIES [large dataset MiB [iterations]]\n";
        return 64;
    }
    std::size_t const largeMiB = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 0;
    int const largeIterations = argc > 3 ? std::atoi(argv[3]) : 1;
    try
    {
        Series series(argv[1], Access::CREATE);
        series.setAuthor("openpmd-pipe test");
        series.setAttribute("comment", std::string("made by make_pipe_input"));
        if (largeMiB == 0)
        {
            writeIteration(series.iterations[100], 1, 0);
            writeIteration(series.iterations[200], 2, 0);
        }
        for (int i = 0; largeMiB > 0 && i < largeIterations; ++i)
        {
            writeIteration(series.iterations[100 + i], 1 + i, largeMiB);
            series.iterations[100 + i].close();
        }
        series.close();
    }
    catch (std::exception const& e)
    {
        std::cerr << "make_pipe_input: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
