// Deleting, extending, chunk reporting and options of the JSON backend.

#include "IO/BuiltinBackends.hpp"
#include "JSONTestSupport.hpp"

#include <cmath>

using namespace openPMD;
using namespace openPMD::test;

TEST_CASE("DELETE_ATT removes the attribute from the file", "[json][operations]")
{
    ScratchDirectory scratch("ops-delete-att");
    {
        Handler h(scratch.dir(), Access::CREATE);
        Writable root;
        h.createFile(root, "f.json");
        h.writeAttribute(root, "keep", 1);
        h.writeAttribute(root, "drop", 2);
        h.run(&root, Parameter<Operation::DELETE_ATT>{"drop"});
        h.run(&root, Parameter<Operation::DELETE_ATT>{"never-existed"}); // not an error
        h.closeFile(root);
    }
    REQUIRE_THAT(readText(scratch.file("f.json")), !Catch::Contains("drop"));
    Handler h(scratch.dir(), Access::READ_WRITE);
    Writable root;
    h.openFile(root, "f.json");
    Parameter<Operation::LIST_ATTS> list;
    h.run(&root, list);
    REQUIRE(*list.attributes == std::vector<std::string>{"keep"});
    auto const e = captureError<error::ReadError>([&] { h.readAttribute(root, "drop"); });
    REQUIRE(e.affectedObject == error::AffectedObject::Attribute);
    REQUIRE(e.reason == error::Reason::NotFound);
    REQUIRE_THAT(e.what(), Catch::Contains("/attributes/drop"));
}

TEST_CASE("groups, datasets and files can be deleted", "[json][operations]")
{
    ScratchDirectory scratch("ops-delete");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, group, dataset, other;
    group.parent = &root;
    dataset.parent = &group;
    other.parent = &root;
    h.createFile(root, "f.json");
    h.createPath(group, "a/b");
    h.createDataset(dataset, "d", Datatype::INT, {2});
    h.createPath(other, "keep");

    Parameter<Operation::DELETE_DATASET> deleteDataset;
    deleteDataset.name = "d";
    h.run(&group, deleteDataset);
    Parameter<Operation::LIST_DATASETS> datasets;
    h.run(&group, datasets);
    REQUIRE(datasets.datasets->empty());

    Parameter<Operation::DELETE_PATH> deletePath;
    deletePath.path = "a";
    h.run(&root, deletePath);
    Parameter<Operation::LIST_PATHS> paths;
    h.run(&root, paths);
    REQUIRE(*paths.paths == std::vector<std::string>{"keep"});
    // A node inside the deleted group reports that clearly.
    auto const gone =
        captureError<error::ReadError>([&] { h.writeAttribute(group, "x", 1); });
    REQUIRE(gone.reason == error::Reason::NotFound);
    REQUIRE_THAT(gone.what(), Catch::Contains("/a/b"));
    auto const missing =
        captureError<error::ReadError>([&] { h.run(&root, deletePath); });
    REQUIRE(missing.reason == error::Reason::NotFound);

    h.closeFile(root);
    REQUIRE_THAT(readText(scratch.file("f.json")), !Catch::Contains(R"("a":)"));
    Parameter<Operation::DELETE_FILE> deleteFile;
    deleteFile.name = "f.json";
    h.run(&root, deleteFile);
    REQUIRE_FALSE(fs::exists(scratch.file("f.json")));
    auto const twice = captureError<error::ReadError>([&] { h.run(&root, deleteFile); });
    REQUIRE(twice.reason == error::Reason::NotFound);
}

TEST_CASE("availableChunks reports written regions, merged", "[json][operations]")
{
    ScratchDirectory scratch("ops-chunks");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, d;
    d.parent = &root;
    h.createFile(root, "c.json");
    h.createDataset(d, "d", Datatype::DOUBLE, {4, 6});
    REQUIRE(h.availableChunks(d).empty());
    h.write<double>(d, {0, 0}, {2, 3}, share<double>({1, 2, 3, 4, 5, 6}));
    h.write<double>(d, {0, 3}, {2, 3}, share<double>({1, 2, 3, 4, 5, 6}));
    h.write<double>(d, {3, 1}, {1, 2}, share<double>({7, 8}));
    ChunkTable const expected = {WrittenChunkInfo({0, 0}, {2, 6}),
                                 WrittenChunkInfo({3, 1}, {1, 2})};
    REQUIRE(h.availableChunks(d) == expected);
    h.closeFile(root);

    Handler reader(scratch.dir(), Access::READ_ONLY);
    Writable root2, d2;
    d2.parent = &root2;
    reader.openFile(root2, "c.json");
    reader.openDataset(d2, "d");
    REQUIRE(reader.availableChunks(d2) == expected);
}

TEST_CASE("EXTEND_DATASET grows and keeps the content", "[json][operations]")
{
    ScratchDirectory scratch("ops-extend");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, d;
    d.parent = &root;
    h.createFile(root, "e.json");
    h.createDataset(d, "d", Datatype::INT, {2, 2});
    h.write<int>(d, {0, 0}, {2, 2}, share<int>({1, 2, 3, 4}));
    Parameter<Operation::EXTEND_DATASET> extend;
    extend.extent = {3, 3};
    h.run(&d, extend);
    REQUIRE(h.read<int>(d, {0, 0}, {3, 3}) ==
            std::vector<int>{1, 2, 0, 3, 4, 0, 0, 0, 0});
    REQUIRE(h.availableChunks(d) == ChunkTable{WrittenChunkInfo({0, 0}, {2, 2})});
    h.write<int>(d, {2, 0}, {1, 3}, share<int>({7, 8, 9}));

    Parameter<Operation::EXTEND_DATASET> shrink;
    shrink.extent = {3, 2};
    auto const e1 = captureError<error::WrongAPIUsage>([&] { h.run(&d, shrink); });
    REQUIRE_THAT(e1.what(), Catch::Contains("e.json") && Catch::Contains("/d") &&
                                Catch::Contains("shrink"));
    Parameter<Operation::EXTEND_DATASET> rank;
    rank.extent = {3, 3, 1};
    auto const e2 = captureError<error::WrongAPIUsage>([&] { h.run(&d, rank); });
    REQUIRE_THAT(e2.what(), Catch::Contains("rank"));
    h.closeFile(root);

    Handler again(scratch.dir(), Access::READ_WRITE);
    Writable root2, d2;
    d2.parent = &root2;
    again.openFile(root2, "e.json");
    auto const [dtype, extent] = again.openDataset(d2, "d");
    REQUIRE(extent == Extent{3, 3});
    Parameter<Operation::EXTEND_DATASET> grow;
    grow.extent = {4, 3};
    again.run(&d2, grow);
    REQUIRE(again.read<int>(d2, {0, 0}, {4, 3}) ==
            std::vector<int>{1, 2, 0, 3, 4, 0, 7, 8, 9, 0, 0, 0});
}

TEST_CASE("backend options and dataset options report unknown keys", "[json][operations]")
{
    ScratchDirectory scratch("ops-options");
    {
        CaptureStderr captured;
        Handler h(scratch.dir(), Access::CREATE,
                  R"({"json": {"no_such_option": 1}, "hdf5": {}})");
        REQUIRE_THAT(captured.text(), Catch::Contains("json.no_such_option"));
        REQUIRE(h.handler().backendName() == "JSON");
    }
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, d, bad;
    d.parent = bad.parent = &root;
    h.createFile(root, "o.json");
    {
        CaptureStderr captured;
        h.createDataset(
            d, "d", Datatype::INT, {1},
            R"({"resizable": true, "hdf5": {"chunks": "auto"}, "json": {"zip": 1}, "mystery": 2})");
        std::string const text = captured.text();
        REQUIRE_THAT(text, Catch::Contains("mystery") && Catch::Contains("zip"));
        REQUIRE_THAT(text, !Catch::Contains("resizable") && !Catch::Contains("chunks"));
    }
    auto const e = captureError<error::BackendConfigSchema>(
        [&]
        { h.createDataset(bad, "bad", Datatype::INT, {1}, R"({"resizable": "yes"})"); });
    REQUIRE_THAT(e.what(), Catch::Contains("o.json") && Catch::Contains("/bad"));
}
