// Chunking, compression and resizable datasets: the layout HDF5 stores is
// checked with the HDF5 C API (H5Pget_layout, H5Pget_chunk, H5Pget_filter2).
#include "HDF5TestSupport.hpp"

#include "openPMD/Error.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <cstdlib>
#include <numeric>

using namespace hdf5_test;

namespace
{
/** What the file says about one dataset's storage. */
struct StoredLayout
{
    H5D_layout_t layout = H5D_LAYOUT_ERROR;
    std::vector<hsize_t> chunk;
    std::vector<hsize_t> maxDims;
    std::vector<H5Z_filter_t> filters;
    std::vector<std::vector<unsigned>> filterValues;
};

StoredLayout inspect(std::string const& file, std::string const& dataset)
{
    StoredLayout result;
    hid_t const f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(f >= 0);
    hid_t const d = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    hid_t const plist = H5Dget_create_plist(d);
    hid_t const space = H5Dget_space(d);
    int const rank = H5Sget_simple_extent_ndims(space);
    result.maxDims.resize(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space, nullptr, result.maxDims.data());
    result.layout = H5Pget_layout(plist);
    if (result.layout == H5D_CHUNKED)
    {
        result.chunk.resize(static_cast<size_t>(rank));
        H5Pget_chunk(plist, rank, result.chunk.data());
    }
    int const filters = H5Pget_nfilters(plist);
    for (int i = 0; i < filters; ++i)
    {
        unsigned flags = 0;
        size_t count = 8;
        std::vector<unsigned> values(count);
        char name[64];
        unsigned config = 0;
        result.filters.push_back(H5Pget_filter2(plist, static_cast<unsigned>(i), &flags,
                                                &count, values.data(), sizeof name, name,
                                                &config));
        values.resize(count);
        result.filterValues.push_back(values);
    }
    H5Sclose(space);
    H5Pclose(plist);
    H5Dclose(d);
    H5Fclose(f);
    return result;
}

/** Creates one dataset with `options` in a new file and closes the file. */
void createOne(ScratchDirectory const& scratch, std::string const& options,
               Extent extent = {64, 32}, std::string const& seriesOptions = "{}",
               Datatype dtype = Datatype::DOUBLE)
{
    Session session(scratch.path(), Access::CREATE, seriesOptions);
    Writable root, dataset;
    session.createFile(root, "layout.h5");
    session.createDataset(dataset, root, "x", dtype, extent, options);
    session.closeFile(root);
}
} // namespace

TEST_CASE("HDF5 fixed-size datasets are contiguous by default", "[hdf5][options]")
{
    ScratchDirectory scratch;
    createOne(scratch, "{}");
    auto const stored = inspect(scratch.file("layout.h5"), "x");
    CHECK(stored.layout == H5D_CONTIGUOUS);
    CHECK(stored.filters.empty());
    CHECK(stored.maxDims == std::vector<hsize_t>{64, 32});
}

TEST_CASE("HDF5 chunks option: auto, explicit, none", "[hdf5][options]")
{
    ScratchDirectory scratch;
    SECTION("auto")
    {
        createOne(scratch, R"({"hdf5": {"dataset": {"chunks": "auto"}}})", {512, 512});
        auto const stored = inspect(scratch.file("layout.h5"), "x");
        REQUIRE(stored.layout == H5D_CHUNKED);
        // 512*512 doubles = 2 MiB: halved once to stay within 1 MiB.
        CHECK(stored.chunk == std::vector<hsize_t>{256, 512});
    }
    SECTION("explicit")
    {
        createOne(scratch, R"({"hdf5": {"dataset": {"chunks": [8, 16]}}})");
        auto const stored = inspect(scratch.file("layout.h5"), "x");
        REQUIRE(stored.layout == H5D_CHUNKED);
        CHECK(stored.chunk == std::vector<hsize_t>{8, 16});
    }
    SECTION("none")
    {
        createOne(scratch, R"({"hdf5": {"dataset": {"chunks": "none"}}})");
        CHECK(inspect(scratch.file("layout.h5"), "x").layout == H5D_CONTIGUOUS);
    }
    SECTION("handler-wide default from the Series options")
    {
        createOne(scratch, "{}", {64, 32},
                  R"({"hdf5": {"dataset": {"chunks": [4, 4]}}})");
        auto const stored = inspect(scratch.file("layout.h5"), "x");
        REQUIRE(stored.layout == H5D_CHUNKED);
        CHECK(stored.chunk == std::vector<hsize_t>{4, 4});
    }
    SECTION("OPENPMD_HDF5_CHUNKS=auto sets the default, JSON overrides it")
    {
        ::setenv("OPENPMD_HDF5_CHUNKS", "auto", 1);
        createOne(scratch, "{}");
        CHECK(inspect(scratch.file("layout.h5"), "x").layout == H5D_CHUNKED);
        createOne(scratch, R"({"hdf5": {"dataset": {"chunks": "none"}}})");
        CHECK(inspect(scratch.file("layout.h5"), "x").layout == H5D_CONTIGUOUS);
        ::unsetenv("OPENPMD_HDF5_CHUNKS");
    }
}

TEST_CASE("HDF5 compression options set the filters", "[hdf5][options]")
{
    ScratchDirectory scratch;
    SECTION("deflate with shuffle")
    {
        createOne(
            scratch,
            R"({"hdf5": {"dataset": {"compression": {"type": "deflate", "level": 5}}}})");
        auto const stored = inspect(scratch.file("layout.h5"), "x");
        CHECK(stored.layout == H5D_CHUNKED);
        REQUIRE(stored.filters ==
                std::vector<H5Z_filter_t>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE});
        REQUIRE(!stored.filterValues[1].empty());
        CHECK(stored.filterValues[1][0] == 5);
    }
    SECTION("deflate without shuffle, with checksum")
    {
        createOne(scratch,
                  R"({"hdf5": {"dataset": {"checksum": true,
                "compression": {"type": "deflate", "level": 9, "shuffle": false}}}})");
        auto const stored = inspect(scratch.file("layout.h5"), "x");
        CHECK(stored.filters ==
              std::vector<H5Z_filter_t>{H5Z_FILTER_DEFLATE, H5Z_FILTER_FLETCHER32});
    }
    SECTION("szip")
    {
        createOne(
            scratch,
            R"({"hdf5": {"dataset": {"compression": {"type": "szip", "pixels_per_block": 8,
                "shuffle": false}}}})");
        auto const stored = inspect(scratch.file("layout.h5"), "x");
        CHECK(stored.filters == std::vector<H5Z_filter_t>{H5Z_FILTER_SZIP});
    }
    SECTION("handler-wide compression, switched off for one dataset")
    {
        std::string const series =
            R"({"hdf5": {"dataset": {"compression": {"type": "deflate"}}}})";
        createOne(scratch, "{}", {64, 32}, series);
        CHECK(inspect(scratch.file("layout.h5"), "x").filters.size() == 2);
        createOne(scratch, R"({"hdf5": {"dataset": {"compression": {"type": "none"}}}})",
                  {64, 32}, series);
        auto const stored = inspect(scratch.file("layout.h5"), "x");
        CHECK(stored.filters.empty());
        CHECK(stored.layout == H5D_CONTIGUOUS);
    }
}

TEST_CASE("HDF5 compressed datasets round-trip", "[hdf5][options]")
{
    ScratchDirectory scratch;
    size_t const n = 100 * 100;
    auto values = std::shared_ptr<float>(new float[n], std::default_delete<float[]>());
    for (size_t i = 0; i < n; ++i)
    {
        values.get()[i] = static_cast<float>(i % 17) * 0.5f;
    }
    std::string const options =
        GENERATE(std::string(R"({"compression": {"type": "deflate", "level": 3}})"),
                 std::string(R"({"compression": {"type": "szip"}, "checksum": true})"));
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root, dataset;
        session.createFile(root, "compressed.h5");
        session.createDataset(dataset, root, "x", Datatype::FLOAT, {100, 100},
                              R"({"hdf5": {"dataset": )" + options + "}}");
        Parameter<Operation::WRITE_DATASET> write;
        write.offset = {0, 0};
        write.extent = {100, 100};
        write.dtype = Datatype::FLOAT;
        write.data = values;
        session.run(&dataset, write);
        session.closeFile(root);
    }
    // Repetitive data compresses: the file is smaller than the raw data alone.
    CHECK(std::filesystem::file_size(scratch.file("compressed.h5")) < n * sizeof(float));
    Session session(scratch.path(), Access::READ_ONLY);
    Writable root, dataset;
    session.openFile(root, "compressed.h5");
    session.openDataset(dataset, root, "x");
    auto read = std::shared_ptr<float>(new float[n], std::default_delete<float[]>());
    Parameter<Operation::READ_DATASET> p;
    p.offset = {0, 0};
    p.extent = {100, 100};
    p.dtype = Datatype::FLOAT;
    p.data = read;
    session.run(&dataset, p);
    CHECK(std::equal(read.get(), read.get() + n, values.get()));
}

TEST_CASE("HDF5 resizable datasets grow, fixed ones refuse", "[hdf5][options]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, growing, fixed;
    session.createFile(root, "grow.h5");
    session.createDataset(growing, root, "growing", Datatype::INT, {0},
                          R"({"resizable": true})");
    session.createDataset(fixed, root, "fixed", Datatype::INT, {4});

    for (int step = 1; step <= 3; ++step)
    {
        Parameter<Operation::EXTEND_DATASET> extend;
        extend.extent = {static_cast<std::uint64_t>(step * 10)};
        session.run(&growing, extend);
        auto data = std::shared_ptr<int>(new int[10], std::default_delete<int[]>());
        std::iota(data.get(), data.get() + 10, step * 100);
        Parameter<Operation::WRITE_DATASET> write;
        write.offset = {static_cast<std::uint64_t>((step - 1) * 10)};
        write.extent = {10};
        write.dtype = Datatype::INT;
        write.data = data;
        session.run(&growing, write);
    }
    Parameter<Operation::EXTEND_DATASET> tooBig;
    tooBig.extent = {8};
    try
    {
        session.run(&fixed, tooBig);
        FAIL("a fixed dataset grew");
    }
    catch (error::WrongAPIUsage const& e)
    {
        std::string const what = e.what();
        CHECK(what.find("/fixed") != std::string::npos);
        CHECK(what.find("resizable") != std::string::npos);
    }
    Parameter<Operation::EXTEND_DATASET> shrink;
    shrink.extent = {5};
    CHECK_THROWS_AS(session.run(&growing, shrink), error::WrongAPIUsage);
    session.closeFile(root);

    auto const stored = inspect(scratch.file("grow.h5"), "growing");
    CHECK(stored.layout == H5D_CHUNKED);
    CHECK(stored.maxDims == std::vector<hsize_t>{H5S_UNLIMITED});
    // Grown along the first dimension to 64 KiB: 16384 ints.
    CHECK(stored.chunk == std::vector<hsize_t>{16384});

    Session reader(scratch.path(), Access::READ_ONLY);
    Writable readRoot, readGrowing;
    reader.openFile(readRoot, "grow.h5");
    auto const [dtype, extent] = reader.openDataset(readGrowing, readRoot, "growing");
    REQUIRE(extent == Extent{30});
    auto data = std::shared_ptr<int>(new int[30], std::default_delete<int[]>());
    Parameter<Operation::READ_DATASET> read;
    read.offset = {0};
    read.extent = {30};
    read.dtype = dtype;
    read.data = data;
    reader.run(&readGrowing, read);
    for (int i = 0; i < 30; ++i)
    {
        CHECK(data.get()[i] == (i / 10 + 1) * 100 + i % 10);
    }
}

TEST_CASE("HDF5 dataset options that contradict each other are schema errors",
          "[hdf5][options]")
{
    ScratchDirectory scratch;
    auto const rejects = [&](std::string const& options, Extent extent = {8, 8})
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root, dataset;
        session.createFile(root, "bad.h5");
        CHECK_THROWS_AS(
            session.createDataset(dataset, root, "x", Datatype::DOUBLE, extent, options),
            error::BackendConfigSchema);
    };
    rejects(R"({"resizable": true, "hdf5": {"dataset": {"chunks": "none"}}})");
    rejects(R"({"hdf5": {"dataset": {"chunks": [2, 2, 2]}}})");
    rejects(R"({"hdf5": {"dataset": {"chunks": [16, 2]}}})");
    rejects(R"({"hdf5": {"dataset": {"chunks": [0, 2]}}})");
    rejects(R"({"hdf5": {"dataset": {"chunks": "sometimes"}}})");
    rejects(
        R"({"hdf5": {"dataset": {"compression": {"type": "deflate", "level": 12}}}})");
    rejects(R"({"hdf5": {"dataset": {"compression": {"type": "lz4"}}}})");
    rejects(R"({"hdf5": {"dataset": {"compression": "deflate"}}})");
    rejects(R"({"resizable": "yes"})");
    rejects(R"({"resizable": true})", Extent{});
    CHECK_THROWS_AS(Session(scratch.path(), Access::CREATE,
                            R"({"hdf5": {"dataset": {"chunks": 5}}})"),
                    error::BackendConfigSchema);
}

TEST_CASE("HDF5 unknown option keys are reported", "[hdf5][options]")
{
    ScratchDirectory scratch;
    StderrCapture capture;
    {
        Session session(scratch.path(), Access::CREATE,
                        R"({"hdf5": {"no_such_key": 1}})");
        Writable root, dataset;
        session.createFile(root, "keys.h5");
        session.createDataset(
            dataset, root, "x", Datatype::DOUBLE, {4},
            R"({"hdf5": {"dataset": {"chunkz": "auto"}}, "json": {"anything": 1}})");
    }
    std::string const text = capture.text();
    CHECK(text.find("no_such_key") != std::string::npos);
    CHECK(text.find("chunkz") != std::string::npos);
    // Other backends' sections are theirs to check.
    CHECK(text.find("anything") == std::string::npos);
}

TEST_CASE("HDF5 per-flush options are checked", "[hdf5][options]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root;
    session.createFile(root, "flush.h5");
    StderrCapture capture;
    FlushParams params;
    params.flushLevel = FlushLevel::UserFlush;
    params.backendConfig = R"({"hdf5": {"independent_stores": false}, "json": {}})";
    session.handler().flush(params).get();
    std::string const text = capture.text();
    // Serial HDF5 has no per-flush keys: this one (MPI only) is reported.
    CHECK(text.find("independent_stores") != std::string::npos);
    params.backendConfig = R"({"hdf5": 3})";
    CHECK_THROWS_AS(session.handler().flush(params).get(), error::BackendConfigSchema);
    // HDF5's error printing is the user's again after the failed flush.
    H5E_auto2_t printer = nullptr;
    void* data = nullptr;
    H5Eget_auto2(H5E_DEFAULT, &printer, &data);
    CHECK(printer != nullptr);
}
