// The HDF5 backend under the frontend: what a Series writes is what h5py and
// openPMD-api expect, nothing stays open after close, and files that other
// HDF5 writers produce (or broke) are read or refused clearly.
#include "HDF5TestSupport.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <complex>
#include <fstream>
#include <vector>

using namespace hdf5_test;
using openPMD::Series;

namespace
{
std::string const scripts = HDF5_TEST_SCRIPTS;

void writeSmallSeries(std::string const& file)
{
    Series series(file, Access::CREATE);
    auto iteration = series.iterations[100];
    auto E = iteration.meshes["E"];
    E.setUnitDimension({{UnitDimension::L, 1},
                        {UnitDimension::M, 1},
                        {UnitDimension::T, -3},
                        {UnitDimension::I, -1}});
    E.setAttribute("flag", true);
    E.setAttribute("phase", std::complex<double>(1.5, -2));
    std::vector<double> field{0, 1, 2, 3, 4, 5};
    for (auto const* component : {"x", "y", "z"})
    {
        E[component].resetDataset(Dataset(Datatype::DOUBLE, {2, 3}));
        E[component].storeChunk(field, {0, 0}, {2, 3});
    }
    std::vector<double> x{0.25, 0.5};
    auto position = iteration.particles["e"]["position"]["x"];
    position.resetDataset(Dataset(Datatype::DOUBLE, {2}));
    position.storeChunk(x, {0}, {2});
    iteration.close();
    series.close();
}
} // namespace

TEST_CASE("a Series written to .h5 has the attribute types other tools rely on",
          "[hdf5][series][interop]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("series.h5");
    writeSmallSeries(file);
    CHECK(runPython(scripts + "/check_series_types.py", file) == 0);
}

TEST_CASE("no HDF5 object stays open after Series::close", "[hdf5][series]")
{
    ScratchDirectory scratch;
    long const before = openHDF5Objects();
    writeSmallSeries(scratch.file("closed.h5"));
    CHECK(openHDF5Objects() == before);

    Series read(scratch.file("closed.h5"), Access::READ_ONLY);
    auto data = read.iterations[100].meshes["E"]["y"].loadChunk<double>();
    read.flush();
    CHECK(data.get()[5] == 5.0);
    CHECK(openFileObjects() > 0);
    read.close();
    CHECK(openHDF5Objects() == before);
    CHECK(openFileObjects() == 0);
}

TEST_CASE("an openPMD 1.0.0 file from another writer is read", "[hdf5][series][interop]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("v100.h5");
    REQUIRE(runPython(scripts + "/write_foreign_series.py", "v100 " + file) == 0);

    Series series(file, Access::READ_ONLY);
    CHECK(series.openPMD() == "1.0.0");
    REQUIRE(series.iterations.count(10) == 1);
    auto iteration = series.iterations[10];
    CHECK(iteration.time<float>() == 2.5f);
    CHECK(iteration.dt<double>() == 0.5);
    REQUIRE(iteration.meshes.count("rho") == 1);
    auto rho = iteration.meshes["rho"];
    CHECK(rho.axisLabels() == std::vector<std::string>{"y", "x"});
    CHECK(rho.geometry() == openPMD::Mesh::Geometry::cartesian);
    auto values = rho.loadChunk<double>();
    REQUIRE(iteration.particles.count("e") == 1);
    auto x = iteration.particles["e"]["position"]["x"].loadChunk<float>();
    series.flush();
    for (int i = 0; i < 6; ++i)
    {
        CHECK(values.get()[i] == double(i));
    }
    CHECK(x.get()[0] == 0.5f);
    CHECK(x.get()[1] == 1.5f);
}

TEST_CASE("a string where a number is expected is a clear error", "[hdf5][series][bad]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("string_number.h5");
    REQUIRE(runPython(scripts + "/write_foreign_series.py", "string_number " + file) ==
            0);
    try
    {
        Series series(file, Access::READ_ONLY);
        auto iteration = series.iterations[10];
        (void)iteration.timeUnitSI();
        FAIL("expected an error for the string timeUnitSI");
    }
    catch (openPMD::Error const& e)
    {
        INFO(e.what());
        CHECK_THAT(e.what(), Catch::Contains("timeUnitSI"));
    }
}

TEST_CASE("a truncated or foreign .h5 file is refused with a ReadError",
          "[hdf5][series][bad]")
{
    ScratchDirectory scratch;
    std::string const good = scratch.file("good.h5");
    writeSmallSeries(good);
    std::string const truncated = scratch.file("truncated.h5");
    {
        std::ifstream in(good, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream out(truncated, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 3));
    }
    std::string const foreign = scratch.file("notes.h5");
    std::ofstream(foreign) << "these are notes, not HDF5\n";

    for (auto const& file : {truncated, foreign})
    {
        INFO(file);
        try
        {
            Series series(file, Access::READ_ONLY);
            for (auto& [index, iteration] : series.iterations)
            {
                (void)index;
                iteration.open();
            }
            FAIL("expected a ReadError");
        }
        catch (openPMD::error::ReadError const& e)
        {
            CHECK_THAT(e.what(), Catch::Contains(file));
        }
    }
}

namespace
{
/** Copies the group `from` to `to` in `file` and sets its "time" attribute. */
void copyIteration(hid_t file, char const* from, char const* to, double time)
{
    REQUIRE(H5Ocopy(file, from, file, to, H5P_DEFAULT, H5P_DEFAULT) >= 0);
    // Recreated: HDF5 1.10 cannot rewrite an attribute of a copied group.
    REQUIRE(H5Adelete_by_name(file, to, "time", H5P_DEFAULT) >= 0);
    hid_t const space = H5Screate(H5S_SCALAR);
    hid_t const attribute = H5Acreate_by_name(file, to, "time", H5T_NATIVE_DOUBLE, space,
                                              H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Sclose(space);
    REQUIRE(attribute >= 0);
    REQUIRE(H5Awrite(attribute, H5T_NATIVE_DOUBLE, &time) >= 0);
    H5Aclose(attribute);
}
} // namespace

TEST_CASE("HDF5 iteration groups that are no uint64 or name an index twice",
          "[hdf5][series][bad]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("names.h5");
    {
        Series series(file, Access::CREATE);
        series.iterations[0].setTime(0.0);
        series.iterations[7].setTime(7.0);
        series.close();
    }
    {
        hid_t const h5 = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        REQUIRE(h5 >= 0);
        for (char const* bad :
             {"/data/99999999999999999999", "/data/18446744073709551616", "/data/-3"})
        {
            copyIteration(h5, "/data/7", bad, -5.0);
        }
        copyIteration(h5, "/data/7", "/data/07", -1.0);
        copyIteration(h5, "/data/0", "/data/00", -2.0);
        copyIteration(h5, "/data/7", "/data/0012", 12.0);
        H5Fclose(h5);
    }
    StderrCapture warnings;
    Series series(file, Access::READ_ONLY);
    std::vector<std::uint64_t> indices;
    for (auto const& entry : series.iterations)
    {
        indices.push_back(entry.first);
    }
    CHECK(indices == std::vector<std::uint64_t>{0, 7, 12});
    CHECK(series.iterations[0].time<double>() == 0.0);
    CHECK(series.iterations[7].time<double>() == 7.0);
    CHECK(series.iterations[12].time<double>() == 12.0);
    std::string const text = warnings.text();
    for (char const* name :
         {"'/data/99999999999999999999'", "'/data/18446744073709551616'", "'/data/-3'",
          "'/data/07'", "'/data/00'"})
    {
        CHECK_THAT(text, Catch::Contains(file) && Catch::Contains(name));
    }
}
