// CREATE truncates, READ_WRITE opens what exists, APPEND opens or creates;
// files of file-based series keep their own nodes.

#include "JSONTestSupport.hpp"

using namespace openPMD;
using namespace openPMD::test;

namespace
{
void writeFileWithAttribute(ScratchDirectory const& scratch, std::string const& name)
{
    Handler h(scratch.dir(), Access::CREATE);
    Writable root;
    h.createFile(root, name);
    h.writeAttribute(root, "old", 1);
    h.closeFile(root);
}

std::vector<std::string> attributeNames(Handler& h, Writable& node)
{
    Parameter<Operation::LIST_ATTS> list;
    h.run(&node, list);
    return *list.attributes;
}
} // namespace

TEST_CASE("CREATE truncates an existing file", "[json][access]")
{
    ScratchDirectory scratch("access-create");
    writeFileWithAttribute(scratch, "f.json");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root;
    h.createFile(root, "f.json");
    h.writeAttribute(root, "new", 2);
    REQUIRE(attributeNames(h, root) == std::vector<std::string>{"new"});
    h.closeFile(root);
    REQUIRE_THAT(readText(scratch.file("f.json")), !Catch::Contains("old"));
}

TEST_CASE("READ_WRITE opens an existing file and fails on a missing one",
          "[json][access]")
{
    ScratchDirectory scratch("access-read-write");
    writeFileWithAttribute(scratch, "f.json");
    Handler h(scratch.dir(), Access::READ_WRITE);
    Writable root;
    h.openFile(root, "f.json");
    h.writeAttribute(root, "new", 2);
    REQUIRE(attributeNames(h, root) == std::vector<std::string>{"new", "old"});
    h.closeFile(root);
    std::string const text = readText(scratch.file("f.json"));
    REQUIRE_THAT(text, Catch::Contains(R"("old":)") && Catch::Contains(R"("new":)"));

    Writable other;
    auto const e =
        captureError<error::ReadError>([&] { h.openFile(other, "missing.json"); });
    REQUIRE(e.affectedObject == error::AffectedObject::File);
    REQUIRE(e.reason == error::Reason::NotFound);
    REQUIRE_THAT(e.what(), Catch::Contains(scratch.file("missing.json")));
    REQUIRE_FALSE(fs::exists(scratch.file("missing.json")));
}

TEST_CASE("APPEND opens an existing file or creates a new one", "[json][access]")
{
    ScratchDirectory scratch("access-append");
    writeFileWithAttribute(scratch, "f.json");
    Handler h(scratch.dir(), Access::APPEND);
    Writable root, fresh;
    h.createFile(root, "f.json");
    h.writeAttribute(root, "new", 2);
    REQUIRE(attributeNames(h, root) == std::vector<std::string>{"new", "old"});
    h.createFile(fresh, "g.json");
    REQUIRE(attributeNames(h, fresh).empty());
    h.closeFile(fresh);
    REQUIRE(fs::exists(scratch.file("g.json")));
}

TEST_CASE("CHECK_FILE tells existing files from missing ones", "[json][access]")
{
    ScratchDirectory scratch("access-check");
    writeFileWithAttribute(scratch, "f.json");
    fs::create_directories(scratch.path / "dir.json");
    Handler h(scratch.dir(), Access::CREATE);
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    auto check = [&](std::string const& name)
    {
        Parameter<Operation::CHECK_FILE> p;
        p.name = name;
        h.run(nullptr, p);
        return *p.fileExists;
    };
    REQUIRE(check("f.json") == FileExists::Yes);
    REQUIRE(check("missing.json") == FileExists::No);
    REQUIRE(check("dir.json") == FileExists::No);
    // A file created in this session exists before it is first written.
    Writable root;
    Parameter<Operation::CREATE_FILE> create;
    create.name = "new.json";
    h.enqueue(&root, create);
    h.flush(FlushLevel::CreateOrOpenFiles);
    REQUIRE(check("new.json") == FileExists::Yes);
}

TEST_CASE("nodes keep the file they were created in (file-based series)",
          "[json][access]")
{
    ScratchDirectory scratch("access-file-based");
    Handler h(scratch.dir(), Access::CREATE);
    Writable series, first, second;
    first.parent = second.parent = &series;
    h.createFile(series, "f_100.json");
    h.createPath(first, "data/100");
    h.writeAttribute(first, "time", 1.0);
    h.closeFile(series);

    // The same root node now starts a second file.
    h.createFile(series, "f_200.json");
    h.createPath(second, "data/200");
    h.writeAttribute(second, "time", 2.0);
    auto const closed =
        captureError<error::WrongAPIUsage>([&] { h.writeAttribute(first, "dt", 1.0); });
    REQUIRE_THAT(closed.what(),
                 Catch::Contains("f_100.json") && Catch::Contains("not open"));
    h.closeFile(series);

    // Reopening the first file makes its nodes usable again.
    h.openFile(series, "f_100.json");
    h.writeAttribute(first, "dt", 1.0);
    h.closeFile(series);
    REQUIRE_THAT(readText(scratch.file("f_100.json")), Catch::Contains(R"("dt":)"));
    REQUIRE_THAT(readText(scratch.file("f_200.json")), !Catch::Contains(R"("dt":)"));
    REQUIRE_THAT(readText(scratch.file("f_200.json")), Catch::Contains(R"("200":)"));
}
