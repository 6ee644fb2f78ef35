// Files: CREATE_FILE, CHECK_FILE, OPEN_FILE, CLOSE_FILE, DELETE_FILE.
#include "Expect.hpp"
#include "Session.hpp"

using namespace conformance;
using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;

namespace
{
/** Closes a file in a session, checking that the file's nodes are forgotten. */
void closeAndCheckForgotten(Session& session, Writable& root, Writable& child)
{
    session.closeFile(root);
    session.flush();
    CHECK_FALSE(root.written);
    CHECK_FALSE(child.written);
}
} // namespace

TEST_CASE("files: create check open close delete", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "files");

            {
                Session writer(backend, directory, Access::CREATE);
                auto missing = writer.checkFile("first");
                writer.flush();
                CHECK(*missing == FileExists::No);

                Writable& first = writer.createFile("first");
                Writable& group = writer.createPath(first, "group");
                writer.writeAttribute(group, "number", 1);
                writer.flush();
                CHECK(first.written);
                CHECK(first.abstractFilePosition != nullptr);
                CHECK(group.written);

                auto exists = writer.checkFile("first");
                writer.flush();
                CHECK(*exists == FileExists::Yes);
                // CHECK_FILE touches nothing.
                auto stillMissing = writer.checkFile("second");
                writer.flush();
                CHECK(*stillMissing == FileExists::No);

                // Two files open at once keep their contents apart.
                Writable& second = writer.createFile("second");
                writer.writeAttribute(first, "which", std::string("first"));
                writer.writeAttribute(second, "which", std::string("second"));
                writer.flush();

                closeAndCheckForgotten(writer, first, group);
                writer.closeFile(second);
                writer.flush();
                CHECK_FALSE(second.written);
            }

            {
                Session reader(backend, directory, Access::READ_ONLY);
                auto exists = reader.checkFile("first");
                Writable& first = reader.openFile("first");
                Writable& second = reader.openFile("second");
                reader.flush();
                CHECK(*exists == FileExists::Yes);
                CHECK(first.written);
                CHECK(second.written);
                auto whichFirst = reader.readAttribute(first, "which");
                auto whichSecond = reader.readAttribute(second, "which");
                Writable& group = reader.openPath(first, "group");
                auto number = reader.readAttribute(group, "number");
                auto secondPaths = reader.listPaths(second);
                reader.flush();
                CHECK(std::get<std::string>(*whichFirst.resource) == "first");
                CHECK(std::get<std::string>(*whichSecond.resource) == "second");
                checkAttribute("number", Attribute(1), *number.dtype, *number.resource);
                CHECK(secondPaths->empty());
                closeAndCheckForgotten(reader, first, group);

                // A closed file can be opened again with the same node.
                reader.enqueue(first,
                               Parameter<Operation::OPEN_FILE>{reader.fileName("first")});
                reader.flush();
                CHECK(first.written);
                reader.closeFile(first);
                reader.closeFile(second);
                reader.flush();
            }

            {
                // CREATE replaces an existing file.
                Session writer(backend, directory, Access::CREATE);
                Writable& first = writer.createFile("first");
                writer.writeAttribute(first, "fresh", 2.5);
                writer.closeFile(first);
                writer.flush();
            }
            {
                Session reader(backend, directory, Access::READ_ONLY);
                Writable& first = reader.openFile("first");
                auto attributes = reader.listAttributes(first);
                auto paths = reader.listPaths(first);
                reader.closeFile(first);
                reader.flush();
                CHECK(*attributes == std::vector<std::string>{"fresh"});
                CHECK(paths->empty());
            }

            {
                // Deleting a closed file, then an open one.
                Session writer(backend, directory, Access::READ_WRITE);
                writer.deleteFile(writer.node(), "first");
                writer.flush();
                auto firstGone = writer.checkFile("first");
                writer.flush();
                CHECK(*firstGone == FileExists::No);

                Writable& second = writer.openFile("second");
                writer.flush();
                writer.deleteFile(second, "second");
                writer.flush();
                auto secondGone = writer.checkFile("second");
                writer.flush();
                CHECK(*secondGone == FileExists::No);
            }
            {
                Session reader(backend, directory, Access::READ_ONLY);
                reader.openFile("first");
                auto e = flushMustThrow<error::ReadError>(reader);
                checkReadError(e, error::AffectedObject::File, error::Reason::NotFound,
                               reader.fileName("first"), reader.fileName("first"));
            }
        });
}
