// Files, groups, listing, deletion, availableChunks and handle lifetime.
#include "HDF5TestSupport.hpp"

#include "openPMD/Error.hpp"
#include "openPMD/config.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <algorithm>

using namespace hdf5_test;

namespace
{
std::vector<std::string> listPaths(Session& session, Writable& node)
{
    Parameter<Operation::LIST_PATHS> p;
    session.run(&node, p);
    return *p.paths;
}

std::vector<std::string> listDatasets(Session& session, Writable& node)
{
    Parameter<Operation::LIST_DATASETS> p;
    session.run(&node, p);
    return *p.datasets;
}

void writeBlock(Session& session, Writable& dataset, Offset offset, Extent extent)
{
    size_t n = 1;
    for (auto e : extent)
    {
        n *= e;
    }
    auto data = std::shared_ptr<double>(new double[n], std::default_delete<double[]>());
    std::fill(data.get(), data.get() + n, 1.5);
    Parameter<Operation::WRITE_DATASET> p;
    p.offset = std::move(offset);
    p.extent = std::move(extent);
    p.dtype = Datatype::DOUBLE;
    p.data = data;
    session.run(&dataset, p);
}

ChunkTable availableChunks(Session& session, Writable& dataset)
{
    Parameter<Operation::AVAILABLE_CHUNKS> p;
    session.run(&dataset, p);
    return *p.chunks;
}
} // namespace

TEST_CASE("HDF5 groups and datasets are listed sorted and deleted", "[hdf5][structure]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, data, it10, it2, meshes, e, rho, x, y;
    session.createFile(root, "tree.h5");
    session.createPath(data, root, "data");
    session.createPath(it10, data, "10");
    session.createPath(it2, data, "2");
    session.createPath(meshes, it2, "meshes");
    session.createPath(e, meshes, "E");
    session.createDataset(rho, meshes, "rho", Datatype::FLOAT, {2, 2});
    session.createDataset(x, e, "x", Datatype::FLOAT, {2});
    session.createDataset(y, e, "y", Datatype::FLOAT, {2});
    // CREATE_PATH of an existing group reuses it.
    Writable again;
    session.createPath(again, data, "2");

    CHECK(listPaths(session, data) == std::vector<std::string>{"10", "2"});
    CHECK(listPaths(session, meshes) == std::vector<std::string>{"E"});
    CHECK(listDatasets(session, meshes) == std::vector<std::string>{"rho"});
    CHECK(listDatasets(session, e) == std::vector<std::string>{"x", "y"});

    Parameter<Operation::DELETE_DATASET> deleteDataset;
    deleteDataset.name = "y";
    session.run(&e, deleteDataset);
    CHECK(listDatasets(session, e) == std::vector<std::string>{"x"});

    Parameter<Operation::DELETE_PATH> deletePath;
    deletePath.path = "10";
    session.run(&data, deletePath);
    CHECK(listPaths(session, data) == std::vector<std::string>{"2"});
    deletePath.path = "2/meshes";
    session.run(&data, deletePath);
    CHECK(listPaths(session, it2).empty());

    deletePath.path = "does/not/exist";
    CHECK_THROWS_AS(session.run(&data, deletePath), error::WriteError);
    // A dataset is not deleted as a group.
    Writable other;
    session.createDataset(other, data, "values", Datatype::INT, {1});
    deletePath.path = "values";
    CHECK_THROWS_AS(session.run(&data, deletePath), error::WriteError);
    // A group cannot be created where a dataset is.
    Writable clash;
    CHECK_THROWS_AS(session.createPath(clash, data, "values"), error::WriteError);
}

TEST_CASE("HDF5 file access modes", "[hdf5][structure]")
{
    ScratchDirectory scratch;
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root;
        session.createFile(root, "sub/dir/modes.h5"); // directories are created
        session.writeAttribute(root, "first", 1);
        session.closeFile(root);
    }
    SECTION("APPEND keeps what exists")
    {
        Session session(scratch.path(), Access::APPEND);
        Writable root;
        session.createFile(root, "sub/dir/modes.h5");
        session.writeAttribute(root, "second", 2);
        CHECK(session.readAttribute(root, "first").get<int>() == 1);
    }
    SECTION("APPEND creates what is missing")
    {
        Session session(scratch.path(), Access::APPEND);
        Writable root;
        session.createFile(root, "new.h5");
        CHECK(std::filesystem::exists(scratch.file("new.h5")));
    }
    SECTION("CREATE replaces")
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root;
        session.createFile(root, "sub/dir/modes.h5");
        Parameter<Operation::LIST_ATTS> list;
        session.run(&root, list);
        CHECK(list.attributes->empty());
    }
    SECTION("READ_WRITE opens for writing, a missing file is a ReadError")
    {
        Session session(scratch.path(), Access::READ_WRITE);
        Writable root, missing;
        session.openFile(root, "sub/dir/modes.h5");
        session.writeAttribute(root, "second", 2);
        CHECK(session.readAttribute(root, "second").get<int>() == 2);
        try
        {
            session.openFile(missing, "missing.h5");
            FAIL("opened a missing file");
        }
        catch (error::ReadError const& e)
        {
            CHECK(e.reason == error::Reason::NotFound);
            CHECK(std::string(e.what()).find("missing.h5") != std::string::npos);
        }
    }
    SECTION("READ_ONLY refuses to write")
    {
        Session session(scratch.path(), Access::READ_ONLY);
        Writable root, other;
        session.openFile(root, "sub/dir/modes.h5");
        CHECK_THROWS_AS(session.writeAttribute(root, "second", 2), error::WrongAPIUsage);
        CHECK_THROWS_AS(session.createFile(other, "other.h5"), error::WrongAPIUsage);
        CHECK(session.readAttribute(root, "first").get<int>() == 1);
    }
    SECTION("CHECK_FILE and DELETE_FILE")
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root;
        Parameter<Operation::CHECK_FILE> check;
        check.name = "sub/dir/modes.h5";
        session.run(&root, check);
        CHECK(*check.fileExists == Parameter<Operation::CHECK_FILE>::FileExists::Yes);
        Parameter<Operation::DELETE_FILE> remove;
        remove.name = "sub/dir/modes.h5";
        session.run(&root, remove);
        session.run(&root, check);
        CHECK(*check.fileExists == Parameter<Operation::CHECK_FILE>::FileExists::No);
        CHECK_THROWS_AS(session.run(&root, remove), error::ReadError);
    }
}

TEST_CASE("HDF5 availableChunks reports the chunks on disk", "[hdf5][chunks]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, chunked, edges, contiguous;
    session.createFile(root, "chunks.h5");
    session.createDataset(chunked, root, "chunked", Datatype::DOUBLE, {4, 4},
                          R"({"hdf5": {"dataset": {"chunks": [2, 2]}}})");
    CHECK(availableChunks(session, chunked).empty());
    writeBlock(session, chunked, {0, 0}, {2, 2});
    writeBlock(session, chunked, {2, 2}, {2, 2});
    auto table = availableChunks(session, chunked);
    std::sort(table.begin(), table.end(),
              [](auto const& a, auto const& b) { return a.offset < b.offset; });
    CHECK(table ==
          ChunkTable{WrittenChunkInfo({0, 0}, {2, 2}), WrittenChunkInfo({2, 2}, {2, 2})});

    // Chunks at the edge are clipped to the extent.
    session.createDataset(edges, root, "edges", Datatype::DOUBLE, {5, 3},
                          R"({"hdf5": {"dataset": {"chunks": [2, 2]}}})");
    writeBlock(session, edges, {0, 0}, {5, 3});
    auto const all = availableChunks(session, edges);
    CHECK(all.size() == 6);
    CHECK(std::find(all.begin(), all.end(), WrittenChunkInfo({4, 2}, {1, 1})) !=
          all.end());

    session.createDataset(contiguous, root, "contiguous", Datatype::DOUBLE, {3, 7});
    CHECK(availableChunks(session, contiguous) ==
          ChunkTable{WrittenChunkInfo({0, 0}, {3, 7})});
}

TEST_CASE("HDF5 handles are cached while open and all closed on CLOSE_FILE",
          "[hdf5][handles]")
{
    ScratchDirectory scratch;
    REQUIRE(openHDF5Objects() == 0);
    {
        Session session(scratch.path(), Access::CREATE);
        // The handler's own datatypes (bool enum, complex compounds) live as long as it.
        long const baseline = openHDF5Objects();
        CHECK(openFileObjects() == 0);
        Writable root, group, dataset;
        session.createFile(root, "handles.h5");
        session.createPath(group, root, "data/0/meshes");
        session.createDataset(dataset, group, "rho", Datatype::DOUBLE, {4});
        session.writeAttribute(group, "a", 1);
        session.writeAttribute(dataset, "unitSI", 1.0);
        writeBlock(session, dataset, {0}, {4});
        // The file, the group and the dataset stay open between tasks.
        CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_GROUP) >= 1);
        CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_DATASET) == 1);
        CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ATTR) == 0);
        session.closeFile(root);
        CHECK(openFileObjects() == 0);
        // No transient datatype or dataspace leaked either.
        CHECK(openHDF5Objects() == baseline);
        CHECK_FALSE(root.written);
        CHECK_FALSE(dataset.written);
        CHECK(dataset.abstractFilePosition == nullptr);
        // After CLOSE_FILE the nodes are forgotten: using one is an error.
        CHECK_THROWS_AS(session.writeAttribute(group, "b", 2), error::WrongAPIUsage);
    }
    CHECK(openHDF5Objects() == 0);
    {
        Session session(scratch.path(), Access::READ_ONLY);
        long const baseline = openHDF5Objects();
        Writable root, group, dataset;
        session.openFile(root, "handles.h5");
        session.openPath(group, root, "data/0/meshes");
        session.openDataset(dataset, group, "rho");
        session.readAttribute(dataset, "unitSI");
        Parameter<Operation::READ_ATTS> all;
        session.run(&group, all);
        CHECK(all.attributes->size() == 1);
        // CLOSE_PATH releases the group and what is below it.
        session.run(&group, Parameter<Operation::CLOSE_PATH>{});
        CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_DATASET) == 0);
        // ... and a later task opens it again.
        CHECK(session.readAttribute(dataset, "unitSI").get<double>() == 1.0);
        session.closeFile(root);
        CHECK(openFileObjects() == 0);
        CHECK(openHDF5Objects() == baseline);
    }
    SECTION("destroying the handler closes everything")
    {
        {
            Session session(scratch.path(), Access::APPEND);
            Writable root, group;
            session.createFile(root, "handles.h5");
            session.createPath(group, root, "data/1");
            CHECK(openFileObjects() >= 2);
        }
        CHECK(openHDF5Objects() == 0);
    }
    SECTION("deregistering every node closes the file")
    {
        Session session(scratch.path(), Access::APPEND);
        auto root = std::make_unique<Writable>();
        auto group = std::make_unique<Writable>();
        session.createFile(*root, "handles.h5");
        session.createPath(*group, *root, "data/2");
        // DEREGISTER may name a Writable that is gone.
        Writable* const groupKey = destroyKeepingKey(group);
        Writable* const rootKey = destroyKeepingKey(root);
        session.enqueue(groupKey, Parameter<Operation::DEREGISTER>{});
        session.enqueue(rootKey, Parameter<Operation::DEREGISTER>{});
        session.flush();
        CHECK(openFileObjects() == 0);
    }
}

TEST_CASE("HDF5 flush makes data visible to other readers", "[hdf5][durability]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, dataset;
    session.createFile(root, "flushed.h5");
    session.createDataset(dataset, root, "x", Datatype::DOUBLE, {3});
    writeBlock(session, dataset, {0}, {3});
    session.writeAttribute(root, "note", std::string("visible"));
    session.flush(FlushLevel::UserFlush, true); // durable: fsync too
    // Another process reads the still open file (without locking, since we hold it).
    int const status =
        runPython(std::string(HDF5_TEST_SCRIPTS) + "/check_flushed.py",
                  scratch.file("flushed.h5"), "HDF5_USE_FILE_LOCKING=FALSE");
    CHECK(status == 0);
}

TEST_CASE("HDF5 a flush after a flush hands over what changed in between",
          "[hdf5][durability]")
{
    // Files are H5Fflush'ed only when changed since their last flush: the
    // second flush must still see the changes made after the first.
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, dataset;
    session.createFile(root, "flushed.h5");
    session.createDataset(dataset, root, "x", Datatype::DOUBLE, {3});
    session.flush(FlushLevel::UserFlush, false); // nothing changed: skipped
    // Each of these is a task and a non-durable user flush of its own.
    writeBlock(session, dataset, {0}, {3});
    session.writeAttribute(root, "note", std::string("visible"));
    int const status =
        runPython(std::string(HDF5_TEST_SCRIPTS) + "/check_flushed.py",
                  scratch.file("flushed.h5"), "HDF5_USE_FILE_LOCKING=FALSE");
    CHECK(status == 0);
}

TEST_CASE("HDF5 unwritten elements read back as zero", "[hdf5][structure]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, contiguous, chunked;
    session.createFile(root, "sparse.h5");
    session.createDataset(contiguous, root, "contiguous", Datatype::DOUBLE, {4, 4});
    session.createDataset(chunked, root, "chunked", Datatype::DOUBLE, {4, 4},
                          R"({"hdf5": {"dataset": {"chunks": [2, 2]}}})");
    for (Writable* dataset : {&contiguous, &chunked})
    {
        writeBlock(session, *dataset, {0, 0}, {2, 2}); // 1.5 in the top-left block
        auto data =
            std::shared_ptr<double>(new double[16], std::default_delete<double[]>());
        std::fill(data.get(), data.get() + 16, -9.0);
        Parameter<Operation::READ_DATASET> read;
        read.offset = {0, 0};
        read.extent = {4, 4};
        read.dtype = Datatype::DOUBLE;
        read.data = data;
        session.run(dataset, read);
        for (size_t i = 0; i < 16; ++i)
        {
            bool const written = i / 4 < 2 && i % 4 < 2;
            INFO("element " << i);
            CHECK(data.get()[i] == (written ? 1.5 : 0.0));
        }
    }
}

TEST_CASE("HDF5 defining a dataset again replaces it", "[hdf5][structure]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, first, second;
    session.createFile(root, "replace.h5");
    session.createDataset(first, root, "x", Datatype::DOUBLE, {4});
    writeBlock(session, first, {0}, {4});
    session.createDataset(second, root, "x", Datatype::INT, {2, 3});
    Writable reopened;
    auto const [dtype, extent] = session.openDataset(reopened, root, "x");
    CHECK(dtype == Datatype::INT);
    CHECK(extent == Extent{2, 3});
    CHECK(listDatasets(session, root) == std::vector<std::string>{"x"});
}

TEST_CASE("HDF5 has no steps and no backend-managed buffers", "[hdf5][structure]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, dataset;
    session.createFile(root, "plain.h5");
    session.createDataset(dataset, root, "x", Datatype::INT, {3});
    Parameter<Operation::ADVANCE> advance;
    session.run(&root, advance);
    CHECK(*advance.status == AdvanceStatus::RANDOMACCESS);
    Parameter<Operation::GET_BUFFER_VIEW> view;
    view.offset = {0};
    view.extent = {3};
    view.dtype = Datatype::INT;
    session.run(&dataset, view);
    CHECK_FALSE(view.out->backendManagedBuffer);
    CHECK(session.handler().backendName() == "HDF5");
}

TEST_CASE("HDF5 empty and scalar datasets", "[hdf5][structure]")
{
    ScratchDirectory scratch;
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root, empty, scalar;
        session.createFile(root, "shapes.h5");
        session.createDataset(empty, root, "empty", Datatype::DOUBLE, {0, 3});
        session.createDataset(scalar, root, "scalar", Datatype::INT, {});
        Parameter<Operation::WRITE_DATASET> write;
        write.dtype = Datatype::INT;
        write.data = std::make_shared<int>(42);
        session.run(&scalar, write);
        session.closeFile(root);
    }
    Session session(scratch.path(), Access::READ_ONLY);
    Writable root, empty, scalar;
    session.openFile(root, "shapes.h5");
    CHECK(session.openDataset(empty, root, "empty").second == Extent{0, 3});
    CHECK(session.openDataset(scalar, root, "scalar").second == Extent{});
    auto value = std::make_shared<int>(0);
    Parameter<Operation::READ_DATASET> read;
    read.dtype = Datatype::INT;
    read.data = value;
    session.run(&scalar, read);
    CHECK(*value == 42);
    Parameter<Operation::AVAILABLE_CHUNKS> chunks;
    session.run(&empty, chunks);
    CHECK(*chunks.chunks == ChunkTable{WrittenChunkInfo({0, 0}, {0, 3})});
}
