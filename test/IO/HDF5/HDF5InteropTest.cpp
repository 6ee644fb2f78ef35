// Files exchanged with h5py (/usr/bin/python3): the attribute types other
// tools rely on, and the layouts other codes write.
#include "HDF5TestSupport.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <complex>

using namespace hdf5_test;

namespace
{
std::string const scripts = HDF5_TEST_SCRIPTS;

template <typename T>
std::shared_ptr<T> buffer(std::initializer_list<T> values)
{
    auto data = std::shared_ptr<T>(new T[values.size()], std::default_delete<T[]>());
    std::copy(values.begin(), values.end(), data.get());
    return data;
}

template <typename T>
void write(Session& session, Writable& dataset, Extent extent, std::shared_ptr<T> data)
{
    Parameter<Operation::WRITE_DATASET> p;
    p.offset = Offset(extent.size(), 0);
    p.extent = std::move(extent);
    p.dtype = determineDatatype<T>();
    p.data = std::move(data);
    session.run(&dataset, p);
}
} // namespace

TEST_CASE("HDF5 files we write have the types h5py and openPMD-api expect",
          "[hdf5][interop]")
{
    ScratchDirectory scratch;
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root, iteration, mesh, x, y, z;
        session.createFile(root, "ours.h5");
        session.writeAttribute(root, "openPMD", std::string("1.1.0"));
        session.writeAttribute(root, "basePath", std::string("/data/%T/"));
        session.writeAttribute(root, "openPMDextension", 0u);
        session.createPath(iteration, root, "data/100");
        session.writeAttribute(iteration, "time", 0.0);
        session.createPath(mesh, iteration, "meshes/E");
        session.writeAttribute(mesh, "axisLabels", std::vector<std::string>{"x", "yy"});
        session.writeAttribute(mesh, "geometry", std::string("cartesian"));
        session.writeAttribute(mesh, "unitDimension",
                               std::array<double, 7>{1, 1, -3, -1, 0, 0, 0});
        session.writeAttribute(mesh, "timeOffset", 0.f);
        session.writeAttribute(mesh, "count", 42u);
        session.writeAttribute(mesh, "gridSpacing", std::vector<double>{0.5, 0.25});
        session.writeAttribute(mesh, "flag", true);
        session.writeAttribute(mesh, "phase", std::complex<double>(1.5, -2));
        session.createDataset(x, mesh, "x", Datatype::DOUBLE, {2, 3});
        write(session, x, {2, 3}, buffer<double>({0, 1, 2, 3, 4, 5}));
        session.createPath(y, mesh, "y");
        session.writeAttribute(y, "shape", std::vector<unsigned long>{2, 3});
        session.createDataset(z, mesh, "z", Datatype::CFLOAT, {2});
        write(session, z, {2}, buffer<std::complex<float>>({{1, 2}, {3, -4}}));
        session.closeFile(root);
    }
    CHECK(runPython(scripts + "/check_written_types.py", scratch.file("ours.h5")) == 0);
}

TEST_CASE("HDF5 files h5py writes are read", "[hdf5][interop]")
{
    ScratchDirectory scratch;
    REQUIRE(runPython(scripts + "/write_foreign_layouts.py", scratch.file("theirs.h5")) ==
            0);
    Session session(scratch.path(), Access::READ_ONLY);
    Writable root, data, mesh, x, y, w;
    session.openFile(root, "theirs.h5");

    auto const check = [&](std::string const& name, Datatype dtype)
    {
        Attribute a = session.readAttribute(root, name);
        INFO(name << " read as " << a.dtype);
        CHECK(isSame(a.dtype, dtype));
        return a;
    };
    CHECK(check("openPMD", Datatype::STRING).get<std::string>() == "1.1.0");
    CHECK(check("fixed", Datatype::STRING).get<std::string>() == "fixed");
    CHECK(check("labels", Datatype::VEC_STRING).get<std::vector<std::string>>() ==
          std::vector<std::string>{"a", "bc", ""});
    CHECK(check("short", Datatype::SHORT).get<short>() == -5);
    CHECK(check("u64", Datatype::ULONG).get<unsigned long>() == (1UL << 63) + 1);
    CHECK(check("i8", Datatype::CHAR).get<char>() == -7);
    CHECK(check("u8s", Datatype::VEC_UCHAR).get<std::vector<unsigned char>>() ==
          std::vector<unsigned char>{1, 2, 255});
    CHECK(check("flag", Datatype::BOOL).get<bool>());
    CHECK(check("flags", Datatype::VEC_UCHAR).get<std::vector<unsigned char>>() ==
          std::vector<unsigned char>{1, 0, 1});
    CHECK(check("c64", Datatype::CFLOAT).get<std::complex<float>>() ==
          std::complex<float>(1, -1));
    CHECK(check("f32s", Datatype::VEC_FLOAT).get<std::vector<float>>() ==
          std::vector<float>{0.5f, 1.5f});
}

TEST_CASE("HDF5 datasets and groups h5py writes are read", "[hdf5][interop]")
{
    ScratchDirectory scratch;
    REQUIRE(runPython(scripts + "/write_foreign_layouts.py", scratch.file("theirs.h5")) ==
            0);
    Session session(scratch.path(), Access::READ_ONLY);
    Writable root, data, mesh, x, y, w;
    session.openFile(root, "theirs.h5");
    session.openPath(data, root, "data");
    Parameter<Operation::LIST_PATHS> list;
    session.run(&data, list);
    CHECK(*list.paths == std::vector<std::string>{"100", "7"});

    session.openPath(mesh, data, "100/meshes/B");
    Attribute const unitDimension = session.readAttribute(mesh, "unitDimension");
    CHECK(unitDimension.dtype == Datatype::ARR_DBL_7);
    CHECK(unitDimension.get<std::array<double, 7>>() ==
          std::array<double, 7>{0, 1, -2, -1, 0, 0, 0});

    Parameter<Operation::LIST_DATASETS> datasets;
    session.run(&mesh, datasets);
    CHECK(*datasets.datasets == std::vector<std::string>{"w", "x", "y"});

    auto const [xType, xExtent] = session.openDataset(x, mesh, "x");
    CHECK(xType == Datatype::INT); // big-endian on disk, native in memory
    REQUIRE(xExtent == Extent{3, 2});
    auto xs = std::shared_ptr<int>(new int[6], std::default_delete<int[]>());
    Parameter<Operation::READ_DATASET> read;
    read.offset = {0, 0};
    read.extent = {3, 2};
    read.dtype = Datatype::INT;
    read.data = xs;
    session.run(&x, read);
    for (int i = 0; i < 6; ++i)
    {
        CHECK(xs.get()[i] == i);
    }

    auto const [yType, yExtent] = session.openDataset(y, mesh, "y");
    CHECK(yType == Datatype::FLOAT);
    CHECK(yExtent == Extent{5});

    auto const [wType, wExtent] = session.openDataset(w, mesh, "w");
    CHECK(isSame(wType, Datatype::LONGLONG));
    auto ws =
        std::shared_ptr<long long>(new long long[2], std::default_delete<long long[]>());
    read.offset = {0};
    read.extent = {2};
    read.dtype = Datatype::LONGLONG;
    read.data = ws;
    session.run(&w, read);
    CHECK(ws.get()[0] == -1);
    CHECK(ws.get()[1] == (1LL << 40));
    Parameter<Operation::AVAILABLE_CHUNKS> chunks;
    session.run(&w, chunks);
    CHECK(chunks.chunks->size() == 2);
}
