// When and how files are written: once per flush point and only if changed,
// by atomic replacement, never in read-only modes.

#include "JSONTestSupport.hpp"

#include <sys/stat.h>

using namespace openPMD;
using namespace openPMD::test;

namespace
{
std::vector<std::string> directoryEntries(fs::path const& directory)
{
    std::vector<std::string> names;
    for (auto const& entry : fs::directory_iterator(directory))
    {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

ino_t inodeOf(std::string const& path)
{
    struct stat info;
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_ino;
}
} // namespace

TEST_CASE("storing 10000 chunks and flushing writes the file once", "[json][policy]")
{
    constexpr size_t chunks = 10000;
    constexpr size_t chunkSize = 3;
    ScratchDirectory scratch("policy-write-once");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, dataset;
    dataset.parent = &root;

    Parameter<Operation::CREATE_FILE> create;
    create.name = "many.json";
    h.enqueue(&root, create);
    Parameter<Operation::CREATE_DATASET> declare;
    declare.name = "d";
    declare.dtype = Datatype::INT;
    declare.extent = {chunks * chunkSize};
    h.enqueue(&dataset, declare);
    std::vector<int> values(chunks * chunkSize);
    for (size_t i = 0; i < values.size(); ++i)
    {
        values[i] = static_cast<int>(i * 7);
    }
    auto const all = share(values);
    for (size_t c = 0; c < chunks; ++c)
    {
        Parameter<Operation::WRITE_DATASET> store;
        store.offset = {c * chunkSize};
        store.extent = {chunkSize};
        store.dtype = Datatype::INT;
        store.data = std::shared_ptr<void const>(all, all.get() + c * chunkSize);
        h.enqueue(&dataset, store);
    }
    REQUIRE(h.impl().fileWrites() == 0);
    h.flush();
    REQUIRE(h.impl().fileWrites() == 1);

    // Nothing changed: a second flush point writes nothing.
    h.flush();
    REQUIRE(h.impl().fileWrites() == 1);

    // Rewriting an attribute with the same value changes nothing either.
    h.writeAttribute(root, "same", 1);
    REQUIRE(h.impl().fileWrites() == 2);
    h.writeAttribute(root, "same", 1);
    REQUIRE(h.impl().fileWrites() == 2);

    Handler reader(scratch.dir(), Access::READ_ONLY);
    Writable root2, dataset2;
    dataset2.parent = &root2;
    reader.openFile(root2, "many.json");
    reader.openDataset(dataset2, "d");
    REQUIRE(reader.read<int>(dataset2, {0}, {values.size()}) == values);
    // Adjacent chunks merge into one.
    REQUIRE(reader.availableChunks(dataset2) ==
            ChunkTable{WrittenChunkInfo({0}, {values.size()})});
}

TEST_CASE("structure-only flushes defer writing to the next flush point",
          "[json][policy]")
{
    ScratchDirectory scratch("policy-levels");
    std::string const path = scratch.file("levels.json");
    {
        Handler h(scratch.dir(), Access::CREATE);
        Writable root;
        Parameter<Operation::CREATE_FILE> create;
        create.name = "levels.json";
        h.enqueue(&root, create);
        h.flush(FlushLevel::CreateOrOpenFiles);
        REQUIRE(h.impl().fileWrites() == 0);
        REQUIRE_FALSE(fs::exists(path));

        Parameter<Operation::WRITE_ATT> attribute;
        attribute.name = "x";
        attribute.value = 1.5;
        h.enqueue(&root, attribute);
        h.flush(FlushLevel::SkeletonOnly);
        REQUIRE(h.impl().fileWrites() == 0);

        h.flush(FlushLevel::UserFlush, /* durable = */ true);
        REQUIRE(h.impl().fileWrites() == 1);
        REQUIRE_THAT(readText(path),
                     Catch::Contains(R"("x":{"datatype":"DOUBLE","value":1.5})"));

        // Changes still pending when the handler goes away are written then.
        h.enqueue(&root, Parameter<Operation::WRITE_ATT>{"y", Attribute(2)});
        h.flush(FlushLevel::SkeletonOnly);
    }
    REQUIRE_THAT(readText(path), Catch::Contains(R"("y":{"datatype":"INT","value":2})"));
}

TEST_CASE("files are replaced atomically and no temporary file is left", "[json][policy]")
{
    ScratchDirectory scratch("policy-atomic");
    std::string const path = scratch.file("a.json");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root;
    h.createFile(root, "a.json");
    h.writeAttribute(root, "version", 1);
    REQUIRE(directoryEntries(scratch.path) == std::vector<std::string>{"a.json"});
    std::string const first = readText(path);
    auto const firstInode = inodeOf(path);

    // A reader holding the old file keeps seeing the complete old content.
    std::ifstream heldOpen(path, std::ios::binary);
    h.writeAttribute(root, "version", 2);
    std::ostringstream old;
    old << heldOpen.rdbuf();
    REQUIRE(old.str() == first);
    REQUIRE(inodeOf(path) != firstInode);
    REQUIRE_THAT(readText(path),
                 Catch::Contains(R"("version":{"datatype":"INT","value":2})"));
    REQUIRE(directoryEntries(scratch.path) == std::vector<std::string>{"a.json"});
}

TEST_CASE("a failed write leaves no temporary file and names the file", "[json][policy]")
{
    ScratchDirectory scratch("policy-failed-write");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root;
    h.createFile(root, "a.json");
    // Something replaces the file by a directory: the rename must fail.
    fs::remove(scratch.file("a.json"));
    fs::create_directories(scratch.path / "a.json" / "inside");

    h.enqueue(&root, Parameter<Operation::WRITE_ATT>{"x", Attribute(1)});
    auto const e = captureError<error::WriteError>([&] { h.flush(); });
    REQUIRE(e.affectedObject == error::AffectedObject::File);
    REQUIRE_THAT(e.what(), Catch::Contains(scratch.file("a.json")));
    REQUIRE(directoryEntries(scratch.path) == std::vector<std::string>{"a.json"});
    fs::remove_all(scratch.path / "a.json");
}

TEST_CASE("read-only modes never write", "[json][policy]")
{
    for (Access access : {Access::READ_ONLY, Access::READ_LINEAR})
    {
        ScratchDirectory scratch("policy-read-only");
        std::string const path = scratch.file("r.json");
        std::string const original =
            R"({"attributes":{"a":{"datatype":"INT","value":1}},"g":{}})";
        writeText(path, original);
        {
            Handler h(scratch.dir(), access);
            Writable root, group, dataset;
            group.parent = &root;
            dataset.parent = &group;
            h.openFile(root, "r.json");
            h.openPath(group, "g");
            REQUIRE_THROWS_AS(h.writeAttribute(root, "b", 2), error::WrongAPIUsage);
            REQUIRE_THROWS_AS(h.run(&root, Parameter<Operation::DELETE_ATT>{"a"}),
                              error::WrongAPIUsage);
            REQUIRE_THROWS_AS(h.createPath(group, "h"), error::WrongAPIUsage);
            REQUIRE_THROWS_AS(h.createDataset(dataset, "d", Datatype::INT, {1}),
                              error::WrongAPIUsage);
            REQUIRE_THROWS_AS(h.createFile(root, "other.json"), error::WrongAPIUsage);
            Parameter<Operation::DELETE_FILE> remove;
            remove.name = "r.json";
            REQUIRE_THROWS_AS(h.run(&root, remove), error::WrongAPIUsage);
            REQUIRE(h.readAttribute(root, "a").get<int>() == 1);
            h.closeFile(root);
            REQUIRE(h.impl().fileWrites() == 0);
        }
        REQUIRE(readText(path) == original);
        REQUIRE_FALSE(fs::exists(scratch.file("other.json")));
    }
}
