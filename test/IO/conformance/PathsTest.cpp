// Groups: CREATE_PATH, OPEN_PATH, LIST_PATHS, DELETE_PATH.
#include "Expect.hpp"
#include "Session.hpp"

using namespace conformance;
using Names = std::vector<std::string>;

namespace
{
void writeTree(Session& writer)
{
    Writable& root = writer.createFile("paths");
    // A nested path creates its intermediate groups.
    Writable& deep = writer.createPath(root, "a/b/c");
    writer.writeAttribute(deep, "depth", 3);
    // Siblings created out of order are listed sorted.
    for (auto const* name : {"zeta", "alpha", "mid"})
    {
        writer.createPath(root, name);
    }
    // Nested paths below a group other than the root.
    Writable& mid = writer.openPath(root, "mid");
    writer.createPath(mid, "x/y");
    // An existing group is reused, not replaced: "depth" survives.
    Writable& again = writer.createPath(root, "a/b");
    writer.createPath(again, "c");
    // Datasets are not groups.
    Writable& dataset = writer.createDataset(root, "data", Datatype::INT, {4});
    writer.writeSamples<int>(dataset, {0}, {4});
    // A file root without parent takes CREATE_PATH with an empty path as itself.
    writer.enqueue(root, Parameter<Operation::CREATE_PATH>{""});
    writer.writeAttribute(root, "onRoot", 1);
    // A subtree with content, deleted later.
    Writable& doomed = writer.createPath(root, "zeta/inner");
    writer.writeAttribute(doomed, "content", 1.0);
    writer.createDataset(doomed, "values", Datatype::DOUBLE, {2});
    writer.closeFile(root);
    writer.flush();
}

void checkTree(Session& reader, Writable& root, bool deleted)
{
    Writable& a = reader.openPath(root, "a");
    Writable& abc = reader.openPath(a, "b/c");
    auto rootPaths = reader.listPaths(root);
    auto aPaths = reader.listPaths(a);
    auto cPaths = reader.listPaths(abc);
    auto depth = reader.readAttribute(abc, "depth");
    auto rootAttributes = reader.listAttributes(root);
    auto rootDatasets = reader.listDatasets(root);
    auto midPaths = reader.listPaths(reader.openPath(root, "mid"));
    reader.flush();
    Names expectedRoot{"a", "alpha", "mid", "zeta"};
    if (deleted)
    {
        expectedRoot = {"a", "alpha", "mid"};
    }
    CHECK(*rootPaths == expectedRoot);
    CHECK(*aPaths == Names{"b"});
    CHECK(cPaths->empty());
    checkAttribute("depth", Attribute(3), *depth.dtype, *depth.resource);
    CHECK(*rootAttributes == Names{"onRoot"});
    CHECK(*rootDatasets == Names{"data"});
    CHECK(*midPaths == Names{"x"});

    Writable& xy = reader.openPath(root, "mid/x/y");
    reader.flush();
    CHECK(xy.written);
}
} // namespace

TEST_CASE("paths: create open list delete", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "paths");
            {
                Session writer(backend, directory, Access::CREATE);
                writeTree(writer);
            }
            {
                Session reader(backend, directory, Access::READ_ONLY);
                Writable& root = reader.openFile("paths");
                checkTree(reader, root, false);
                Writable& inner = reader.openPath(root, "zeta/inner");
                auto innerDatasets = reader.listDatasets(inner);
                reader.closeFile(root);
                reader.flush();
                CHECK(*innerDatasets == Names{"values"});
            }
            {
                Session editor(backend, directory, Access::READ_WRITE);
                Writable& root = editor.openFile("paths");
                Writable& a = editor.openPath(root, "a");
                // A nested path deletes only its last group ...
                editor.deletePath(a, "b/c");
                // ... and a group goes with everything it contains.
                editor.deletePath(root, "zeta");
                editor.flush();
                auto bPaths = editor.listPaths(editor.openPath(a, "b"));
                auto rootPaths = editor.listPaths(root);
                editor.flush();
                CHECK(bPaths->empty());
                CHECK(*rootPaths == Names{"a", "alpha", "mid"});
                // Recreate b/c so that the remaining checks see the same tree.
                Writable& c = editor.createPath(a, "b/c");
                editor.writeAttribute(c, "depth", 3);
                editor.closeFile(root);
                editor.flush();
            }
            {
                Session reader(backend, directory, Access::READ_ONLY);
                Writable& root = reader.openFile("paths");
                checkTree(reader, root, true);
                reader.openPath(root, "zeta/inner");
                auto e = flushMustThrow<error::ReadError>(reader);
                checkReadError(e, error::AffectedObject::Group, error::Reason::NotFound,
                               "zeta/inner", reader.fileName("paths"));
            }
        });
}
