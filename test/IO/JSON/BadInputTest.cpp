// Bad input: each case gives an openPMD::Error subclass whose message names
// the file, the location in the document and what was expected.

#include "JSONTestSupport.hpp"

#include <sys/stat.h>
#include <unistd.h>

using namespace openPMD;
using namespace openPMD::test;

namespace
{
/** Writes `text` as bad.json and opens it in a READ_ONLY handler. */
struct BadFile
{
    explicit BadFile(std::string const& text)
        : scratch("bad"), h(scratch.dir(), Access::READ_ONLY)
    {
        writeText(path(), text);
    }
    std::string path() const { return scratch.file("bad.json"); }

    ScratchDirectory scratch;
    Handler h;
    Nodes nodes;
};
} // namespace

TEST_CASE("malformed JSON", "[json][bad]")
{
    BadFile bad("{\n  \"a\": [1, 2,\n}\n");
    auto const e = captureError<error::ReadError>(
        [&] { bad.h.openFile(bad.nodes.root, "bad.json"); });
    REQUIRE(e.affectedObject == error::AffectedObject::File);
    REQUIRE(e.reason == error::Reason::UnexpectedContent);
    REQUIRE(e.backend == std::optional<std::string>("JSON"));
    REQUIRE_THAT(e.what(),
                 Catch::Contains(bad.path()) && Catch::Contains("not valid JSON"));
    REQUIRE_THAT(e.what(), Catch::Contains("line 3"));

    BadFile empty("");
    REQUIRE_THROWS_AS(empty.h.openFile(empty.nodes.root, "bad.json"), error::ReadError);
    BadFile notUtf8("{\"a\":\"\xff\"}");
    REQUIRE_THROWS_AS(notUtf8.h.openFile(notUtf8.nodes.root, "bad.json"),
                      error::ReadError);
}

TEST_CASE("a document that is no JSON object", "[json][bad]")
{
    BadFile bad("[1, 2, 3]");
    auto const e = captureError<error::ReadError>(
        [&] { bad.h.openFile(bad.nodes.root, "bad.json"); });
    REQUIRE(e.reason == error::Reason::UnexpectedContent);
    REQUIRE_THAT(e.what(), Catch::Contains(bad.path()) &&
                               Catch::Contains("expected a JSON object"));
}

TEST_CASE("an unknown datatype tag", "[json][bad]")
{
    BadFile bad(R"({"g":{"attributes":{"ok":{"datatype":"INT","value":1},)"
                R"("x":{"datatype":"FLOAT128","value":1.0}},)"
                R"("d":{"data":[1,2],"datatype":"QUATERNION"}}})");
    bad.h.openFile(bad.nodes.root, "bad.json");
    bad.h.openPath(bad.nodes.a, "g");
    // The other attributes of the object stay readable.
    REQUIRE(bad.h.readAttribute(bad.nodes.a, "ok").get<int>() == 1);

    auto const attribute =
        captureError<error::ReadError>([&] { bad.h.readAttribute(bad.nodes.a, "x"); });
    REQUIRE(attribute.affectedObject == error::AffectedObject::Attribute);
    REQUIRE(attribute.reason == error::Reason::UnexpectedContent);
    REQUIRE_THAT(attribute.what(), Catch::Contains(bad.path()) &&
                                       Catch::Contains("/g/attributes/x/datatype") &&
                                       Catch::Contains("FLOAT128") &&
                                       Catch::Contains("expected"));
    REQUIRE_THROWS_AS(bad.h.run(&bad.nodes.a, Parameter<Operation::READ_ATTS>{}),
                      error::ReadError);

    auto const dataset =
        captureError<error::ReadError>([&] { bad.h.openDataset(bad.nodes.b, "d"); });
    REQUIRE(dataset.affectedObject == error::AffectedObject::Dataset);
    REQUIRE_THAT(dataset.what(), Catch::Contains(bad.path()) &&
                                     Catch::Contains("/g/d/datatype") &&
                                     Catch::Contains("QUATERNION"));
}

TEST_CASE("an attribute value that does not fit its datatype", "[json][bad]")
{
    BadFile bad(
        R"({"attributes":{"u":{"datatype":"UCHAR","value":300},"v":{"datatype":"VEC_INT","value":[1,"two"]}}})");
    bad.h.openFile(bad.nodes.root, "bad.json");
    auto const e =
        captureError<error::ReadError>([&] { bad.h.readAttribute(bad.nodes.root, "u"); });
    REQUIRE_THAT(e.what(),
                 Catch::Contains(bad.path()) && Catch::Contains("/attributes/u/value") &&
                     Catch::Contains("an integer in [0, 255]") && Catch::Contains("300"));
    auto const v =
        captureError<error::ReadError>([&] { bad.h.readAttribute(bad.nodes.root, "v"); });
    REQUIRE_THAT(v.what(),
                 Catch::Contains("/attributes/v/value/1") && Catch::Contains("\"two\""));
}

TEST_CASE("a data array that does not match the extent", "[json][bad]")
{
    BadFile bad(R"({"ragged":{"data":[[1,2],[3]],"datatype":"INT"},)"
                R"("declared":{"data":[[1,2,3]],"datatype":"INT","extent":[2,3]},)"
                R"("range":{"data":[1,300],"datatype":"UCHAR"},)"
                R"("fine":{"data":[[1,2],[3,4]],"datatype":"INT"}})");
    bad.h.openFile(bad.nodes.root, "bad.json");
    Writable ragged, declared, range, fine;
    ragged.parent = declared.parent = range.parent = fine.parent = &bad.nodes.root;

    auto const e1 =
        captureError<error::ReadError>([&] { bad.h.openDataset(ragged, "ragged"); });
    REQUIRE(e1.affectedObject == error::AffectedObject::Dataset);
    REQUIRE(e1.reason == error::Reason::UnexpectedContent);
    REQUIRE_THAT(e1.what(), Catch::Contains(bad.path()) &&
                                Catch::Contains("/ragged/data/1") &&
                                Catch::Contains("expected an array of 2 elements"));

    auto const e2 =
        captureError<error::ReadError>([&] { bad.h.openDataset(declared, "declared"); });
    REQUIRE_THAT(e2.what(),
                 Catch::Contains("/declared/data") && Catch::Contains("[2, 3]"));

    auto const e3 =
        captureError<error::ReadError>([&] { bad.h.openDataset(range, "range"); });
    REQUIRE_THAT(e3.what(),
                 Catch::Contains("/range/data/1") && Catch::Contains("[0, 255]"));

    // The rest of the file is unaffected.
    REQUIRE(bad.h.openDataset(fine, "fine").second == Extent{2, 2});
}

TEST_CASE("a chunk outside the dataset", "[json][bad]")
{
    ScratchDirectory scratch("bad-chunk");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, d;
    d.parent = &root;
    h.createFile(root, "c.json");
    h.createDataset(d, "d", Datatype::INT, {3, 2});
    auto const write = captureError<error::WrongAPIUsage>(
        [&] {
            h.write<int>(d, {2, 0}, {2, 2}, share<int>({1, 2, 3, 4}));
        });
    REQUIRE_THAT(write.what(), Catch::Contains(scratch.file("c.json")) &&
                                   Catch::Contains("/d") &&
                                   Catch::Contains("outside the dataset extent [3, 2]"));
    auto const read = captureError<error::WrongAPIUsage>(
        [&] {
            h.read<int>(d, {0, 1}, {1, 2});
        });
    REQUIRE_THAT(read.what(), Catch::Contains("in dimension 1"));
    auto const rank =
        captureError<error::WrongAPIUsage>([&] { h.read<int>(d, {0}, {1}); });
    REQUIRE_THAT(rank.what(), Catch::Contains("rank 2"));
    REQUIRE(h.availableChunks(d).empty());
}

TEST_CASE("a missing or unreadable file", "[json][bad]")
{
    ScratchDirectory scratch("bad-missing");
    Handler h(scratch.dir(), Access::READ_ONLY);
    Writable root;
    auto const missing =
        captureError<error::ReadError>([&] { h.openFile(root, "nothing.json"); });
    REQUIRE(missing.affectedObject == error::AffectedObject::File);
    REQUIRE(missing.reason == error::Reason::NotFound);
    REQUIRE_THAT(missing.what(), Catch::Contains(scratch.file("nothing.json")));

    // A path through a regular file cannot be opened either.
    writeText(scratch.file("plain"), "x");
    auto const through =
        captureError<error::ReadError>([&] { h.openFile(root, "plain/inner.json"); });
    REQUIRE(through.reason == error::Reason::NotFound);
    REQUIRE_THAT(through.what(), Catch::Contains("plain/inner.json"));

    if (::geteuid() != 0) // root reads files whatever their permissions
    {
        writeText(scratch.file("locked.json"), "{}");
        fs::permissions(scratch.path / "locked.json", fs::perms::none);
        auto const locked =
            captureError<error::ReadError>([&] { h.openFile(root, "locked.json"); });
        REQUIRE(locked.reason == error::Reason::Inaccessible);
        REQUIRE_THAT(locked.what(), Catch::Contains("locked.json"));
    }
    REQUIRE_FALSE(root.written);
}

TEST_CASE("a directory where a file is expected", "[json][bad]")
{
    ScratchDirectory scratch("bad-directory");
    fs::create_directories(scratch.path / "dir.json");
    {
        Handler h(scratch.dir(), Access::READ_ONLY);
        Writable root;
        auto const e =
            captureError<error::ReadError>([&] { h.openFile(root, "dir.json"); });
        REQUIRE(e.affectedObject == error::AffectedObject::File);
        REQUIRE(e.reason == error::Reason::Inaccessible);
        REQUIRE_THAT(e.what(), Catch::Contains(scratch.file("dir.json")) &&
                                   Catch::Contains("directory"));
    }
    {
        // Nor is a pipe (opening it must not wait for a writer).
        REQUIRE(::mkfifo(scratch.file("pipe.json").c_str(), 0600) == 0);
        Handler h(scratch.dir(), Access::READ_ONLY);
        Writable root;
        auto const e =
            captureError<error::ReadError>([&] { h.openFile(root, "pipe.json"); });
        REQUIRE(e.reason == error::Reason::Inaccessible);
        REQUIRE_THAT(e.what(),
                     Catch::Contains("pipe.json") && Catch::Contains("no regular file"));
    }
    Handler h(scratch.dir(), Access::CREATE);
    Writable root;
    auto const e =
        captureError<error::WriteError>([&] { h.createFile(root, "dir.json"); });
    REQUIRE(e.affectedObject == error::AffectedObject::File);
    REQUIRE_THAT(e.what(), Catch::Contains(scratch.file("dir.json")) &&
                               Catch::Contains("directory"));
    REQUIRE(fs::is_directory(scratch.path / "dir.json"));
}

TEST_CASE("a type mismatch on write", "[json][bad]")
{
    ScratchDirectory scratch("bad-type");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, d;
    d.parent = &root;
    h.createFile(root, "t.json");
    h.createDataset(d, "d", Datatype::DOUBLE, {2});
    auto const e = captureError<error::WrongAPIUsage>(
        [&] {
            h.write<float>(d, {0}, {2}, share<float>({1, 2}));
        });
    REQUIRE_THAT(e.what(), Catch::Contains(scratch.file("t.json")) &&
                               Catch::Contains("/d") &&
                               Catch::Contains("type mismatch") &&
                               Catch::Contains("FLOAT") && Catch::Contains("DOUBLE"));
    REQUIRE(h.availableChunks(d).empty());
    auto const read =
        captureError<error::WrongAPIUsage>([&] { h.read<int>(d, {0}, {2}); });
    REQUIRE_THAT(read.what(), Catch::Contains("type mismatch"));
}

TEST_CASE("objects of the wrong kind and reserved names", "[json][bad]")
{
    BadFile bad(R"({"comment":5,"d":{"data":[1],"datatype":"INT"},"g":{}})");
    bad.h.openFile(bad.nodes.root, "bad.json");
    auto const notObject =
        captureError<error::ReadError>([&] { bad.h.openPath(bad.nodes.a, "comment"); });
    REQUIRE_THAT(notObject.what(), Catch::Contains(bad.path()) &&
                                       Catch::Contains("/comment") &&
                                       Catch::Contains("expected a JSON object"));
    auto const notGroup =
        captureError<error::ReadError>([&] { bad.h.openPath(bad.nodes.a, "d"); });
    REQUIRE_THAT(notGroup.what(),
                 Catch::Contains("/d") && Catch::Contains("expected a group"));
    auto const notDataset =
        captureError<error::ReadError>([&] { bad.h.openDataset(bad.nodes.a, "g"); });
    REQUIRE_THAT(notDataset.what(),
                 Catch::Contains("/g") && Catch::Contains("expected a dataset"));
    auto const missing =
        captureError<error::ReadError>([&] { bad.h.openPath(bad.nodes.a, "nope"); });
    REQUIRE(missing.reason == error::Reason::NotFound);

    ScratchDirectory scratch("bad-names");
    Handler h(scratch.dir(), Access::CREATE);
    Nodes nodes;
    h.createFile(nodes.root, "n.json");
    REQUIRE_THROWS_AS(h.createPath(nodes.a, "x/attributes"), error::WrongAPIUsage);
    REQUIRE_THROWS_AS(h.createPath(nodes.a, "platform_byte_widths"),
                      error::WrongAPIUsage);
    REQUIRE_THROWS_AS(h.createDataset(nodes.a, "scalar", Datatype::INT, {}),
                      error::OperationUnsupportedInBackend);
    REQUIRE_THROWS_AS(
        h.createDataset(nodes.a, "joined", Datatype::INT, {Dataset::JOINED_DIMENSION}),
        error::OperationUnsupportedInBackend);
    REQUIRE_THROWS_AS(h.createDataset(nodes.a, "text", Datatype::STRING, {1}),
                      error::WrongAPIUsage);
    auto const utf8 = captureError<error::WrongAPIUsage>(
        [&] { h.writeAttribute(nodes.root, "s", std::string("\xff\xfe")); });
    REQUIRE_THAT(utf8.what(),
                 Catch::Contains("UTF-8") && Catch::Contains("/attributes/s"));
}
