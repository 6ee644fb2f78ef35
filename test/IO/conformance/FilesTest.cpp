// Files: CREATE_FILE, CHECK_FILE, OPEN_FILE, CLOSE_FILE, DELETE_FILE.
#include "Expect.hpp"
#include "Session.hpp"

using namespace conformance;
using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;

namespace
{
/**
 * Closes a file, checking that its root loses its position. Nodes below may
 * keep theirs (the contract lets backends choose); they are reopened before use.
 */
void closeAndCheckForgotten(Session& session, Writable& root, Writable& /* child */)
{
    session.closeFile(root);
    session.flush();
    CHECK_FALSE(root.written);
}

/** Creates "first" (with a group) and "second", both open at once. */
void createTwoFiles(BackendUnderTest const& backend, std::string const& directory)
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
    auto stillMissing = writer.checkFile("second");
    writer.flush();
    CHECK(*exists == FileExists::Yes);
    CHECK(*stillMissing == FileExists::No); // CHECK_FILE creates nothing

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

void readTwoFiles(BackendUnderTest const& backend, std::string const& directory)
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
    checkAttribute("which", Attribute("first"), *whichFirst.dtype, *whichFirst.resource);
    checkAttribute("which", Attribute("second"), *whichSecond.dtype,
                   *whichSecond.resource);
    checkAttribute("number", Attribute(1), *number.dtype, *number.resource);
    CHECK(secondPaths->empty());
    closeAndCheckForgotten(reader, first, group);

    // A closed file can be opened again with the same node.
    reader.enqueue(first, Parameter<Operation::OPEN_FILE>{reader.fileName("first")});
    reader.flush();
    CHECK(first.written);
    reader.closeFile(first);
    reader.closeFile(second);
    reader.flush();
}

/** CREATE replaces an existing file: nothing of the old one is left. */
void replaceFirst(BackendUnderTest const& backend, std::string const& directory)
{
    {
        Session writer(backend, directory, Access::CREATE);
        Writable& first = writer.createFile("first");
        writer.writeAttribute(first, "fresh", 2.5);
        writer.closeFile(first);
        writer.flush();
    }
    Session reader(backend, directory, Access::READ_ONLY);
    Writable& first = reader.openFile("first");
    auto attributes = reader.listAttributes(first);
    auto paths = reader.listPaths(first);
    reader.closeFile(first);
    reader.flush();
    CHECK(*attributes == std::vector<std::string>{"fresh"});
    CHECK(paths->empty());
}

/** Deletes the closed file "first", then "second" while it is open. */
void deleteBoth(BackendUnderTest const& backend, std::string const& directory)
{
    {
        Session editor(backend, directory, Access::READ_WRITE);
        editor.deleteFile(editor.node(), "first");
        editor.flush();
        auto firstGone = editor.checkFile("first");
        editor.flush();
        CHECK(*firstGone == FileExists::No);

        Writable& second = editor.openFile("second");
        editor.flush();
        editor.deleteFile(second, "second");
        editor.flush();
        auto secondGone = editor.checkFile("second");
        editor.flush();
        CHECK(*secondGone == FileExists::No);

        editor.deleteFile(editor.node(), "second");
        auto e = flushMustThrow<Error>(editor);
        INFO("deleting a missing file is an error");
        REQUIRE(e.has_value());
        checkMessageNames(*e, editor.fileName("second"), editor.fileName("second"));
    }
    Session reader(backend, directory, Access::READ_ONLY);
    reader.openFile("first");
    checkReadError(flushMustThrow<error::ReadError>(reader), error::AffectedObject::File,
                   error::Reason::NotFound, reader.fileName("first"),
                   reader.fileName("first"));
}
} // namespace

TEST_CASE("files: create check open close delete", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "files");
            createTwoFiles(backend, directory);
            readTwoFiles(backend, directory);
            replaceFirst(backend, directory);
            deleteBoth(backend, directory);
        });
}
