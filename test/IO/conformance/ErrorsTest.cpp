// The documented errors, and the failure policy of AbstractIOHandlerImpl.
#include "Expect.hpp"
#include "Session.hpp"

using namespace conformance;
using error::AffectedObject;
using error::Reason;
using Names = std::vector<std::string>;

namespace
{
/** A file with a group "group" (attribute "present") and a 4x5 INT dataset "data". */
void writeFixture(BackendUnderTest const& backend, std::string const& directory)
{
    Session writer(backend, directory, Access::CREATE);
    Writable& root = writer.createFile("fixture");
    Writable& group = writer.createPath(root, "group");
    writer.writeAttribute(group, "present", 1);
    Writable& data = writer.createDataset(group, "data", Datatype::INT, {4, 5});
    writer.writeSamples<int>(data, {0, 0}, {4, 5});
    writer.closeFile(root);
    writer.flush();
}

void checkFixtureUnchanged(BackendUnderTest const& backend, std::string const& directory)
{
    Session reader(backend, directory, Access::READ_ONLY);
    Writable& root = reader.openFile("fixture");
    Writable& group = reader.openPath(root, "group");
    auto data = reader.openDataset(group, "data");
    auto attributes = reader.listAttributes(group);
    auto paths = reader.listPaths(root);
    auto datasets = reader.listDatasets(group);
    reader.flush();
    CHECK(*attributes == Names{"present"});
    CHECK(*paths == Names{"group"});
    CHECK(*datasets == Names{"data"});
    REQUIRE(*data.extent == Extent{4, 5});
    auto values = reader.readBlock<int>(data.node, {0, 0}, {4, 5});
    reader.flush();
    CHECK(*values == sampleBlock<int>({0, 0}, {4, 5}));
    reader.closeFile(root);
    reader.flush();
}
} // namespace

TEST_CASE("errors: opening a missing file", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "missing_file");
            for (Access access : {Access::READ_ONLY, Access::READ_WRITE})
            {
                INFO("access " << static_cast<int>(access));
                Session session(backend, directory, access);
                Writable& root = session.openFile("missing");
                auto e = flushMustThrow<error::ReadError>(session);
                checkReadError(e, AffectedObject::File, Reason::NotFound,
                               session.fileName("missing"), session.fileName("missing"));
                CHECK_FALSE(root.written);
                CHECK(session.queued() == 0);
            }
        });
}

TEST_CASE("errors: reading a missing attribute path or dataset", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "missing_objects");
            writeFixture(backend, directory);
            Session reader(backend, directory, Access::READ_ONLY);
            std::string const file = reader.fileName("fixture");
            Writable& root = reader.openFile("fixture");
            Writable& group = reader.openPath(root, "group");
            reader.flush();

            SECTION("attribute")
            {
                reader.readAttribute(group, "absent");
                checkReadError(flushMustThrow<error::ReadError>(reader),
                               AffectedObject::Attribute, Reason::NotFound, "absent",
                               file);
            }
            SECTION("path")
            {
                Writable& missing = reader.openPath(root, "group/absent");
                checkReadError(flushMustThrow<error::ReadError>(reader),
                               AffectedObject::Group, Reason::NotFound, "absent", file);
                CHECK_FALSE(missing.written);
            }
            SECTION("dataset")
            {
                Writable& missing = reader.openDataset(group, "absent").node;
                checkReadError(flushMustThrow<error::ReadError>(reader),
                               AffectedObject::Dataset, Reason::NotFound, "absent", file);
                CHECK_FALSE(missing.written);
            }
            // The handler is usable after the error.
            auto present = reader.readAttribute(group, "present");
            reader.flush();
            checkAttribute("present", Attribute(1), *present.dtype, *present.resource);
        });
}

TEST_CASE("errors: chunks out of bounds or of the wrong rank", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "bad_chunks");
            writeFixture(backend, directory);
            std::vector<std::pair<Offset, Extent>> const bad{
                {{0, 0}, {5, 5}},       // too long in dimension 0
                {{3, 1}, {1, 5}},       // ends past dimension 1
                {{4, 0}, {1, 1}},       // starts past the end
                {{0}, {4}},             // rank 1 for a rank 2 dataset
                {{0, 0, 0}, {1, 1, 1}}, // rank 3
                {{0, 0}, {1, 1, 1}},    // offset and extent of different ranks
            };
            {
                Session editor(backend, directory, Access::READ_WRITE);
                std::string const file = editor.fileName("fixture");
                Writable& root = editor.openFile("fixture");
                Writable& group = editor.openPath(root, "group");
                Writable& data = editor.openDataset(group, "data").node;
                editor.flush();
                for (auto const& [offset, extent] : bad)
                {
                    INFO("offset " << Catch::Detail::stringify(offset) << " extent "
                                   << Catch::Detail::stringify(extent));
                    // Values that would overwrite the fixture if any were written.
                    editor.writeBlock<int>(data, offset, extent,
                                           std::vector<int>(elementCount(extent), -7));
                    auto writeError = flushMustThrow<Error>(editor);
                    REQUIRE(writeError.has_value());
                    checkMessageNames(*writeError, "data", file);

                    editor.readBlock<int>(data, offset, extent);
                    auto readError = flushMustThrow<Error>(editor);
                    REQUIRE(readError.has_value());
                    checkMessageNames(*readError, "data", file);
                }
                editor.closeFile(root);
                editor.flush();
            }
            // Nothing of a refused write reached the file.
            checkFixtureUnchanged(backend, directory);
        });
}

TEST_CASE("errors: writing in READ_ONLY", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "read_only");
            writeFixture(backend, directory);
            {
                Session reader(backend, directory, Access::READ_ONLY);
                std::string const file = reader.fileName("fixture");
                Writable& root = reader.openFile("fixture");
                Writable& group = reader.openPath(root, "group");
                Writable& data = reader.openDataset(group, "data").node;
                reader.flush();

                // Each write is flushed alone: a failure stops the drain.
                auto refuse = [&](char const* what, std::string const& object)
                {
                    INFO(what);
                    auto e = flushMustThrow<Error>(reader);
                    REQUIRE(e.has_value());
                    checkMessageNames(*e, object, file);
                    CHECK(reader.queued() == 0);
                };
                reader.writeAttribute(group, "added", 2);
                refuse("WRITE_ATT", "added");
                reader.writeAttribute(group, "present", 2);
                refuse("WRITE_ATT over an existing attribute", "present");
                reader.deleteAttribute(group, "present");
                refuse("DELETE_ATT", "present");
                reader.createPath(root, "newGroup");
                refuse("CREATE_PATH", "newGroup");
                reader.createDataset(group, "newData", Datatype::INT, {2});
                refuse("CREATE_DATASET", "newData");
                reader.writeSamples<int>(data, {0, 0}, {1, 1});
                refuse("WRITE_DATASET", "data");
                reader.extendDataset(data, {8, 5});
                refuse("EXTEND_DATASET", "data");
                reader.deleteDataset(group, "data");
                refuse("DELETE_DATASET", "data");
                reader.deletePath(root, "group");
                refuse("DELETE_PATH", "group");
                reader.createFile("fixture");
                refuse("CREATE_FILE over an existing file", file);
                reader.deleteFile(reader.node(), "fixture");
                refuse("DELETE_FILE", file);
            }
            checkFixtureUnchanged(backend, directory);
        });
}

namespace
{
/** "policy" with a group "kept" (attribute "beforeFailure"), and an empty "other". */
void createPolicyFiles(BackendUnderTest const& backend, std::string const& directory)
{
    Session writer(backend, directory, Access::CREATE);
    Writable& root = writer.createFile("policy");
    Writable& kept = writer.createPath(root, "kept");
    writer.writeAttribute(kept, "beforeFailure", 1);
    writer.closeFile(root);
    writer.closeFile(writer.createFile("other"));
    writer.flush();
}

/** Everything but the dropped tasks reached the files. */
void checkPolicyFiles(BackendUnderTest const& backend, std::string const& directory)
{
    Session reader(backend, directory, Access::READ_ONLY);
    Writable& root = reader.openFile("policy");
    Writable& other = reader.openFile("other");
    Writable& kept = reader.openPath(root, "kept");
    auto keptNames = reader.listAttributes(kept);
    auto paths = reader.listPaths(root);
    auto otherNames = reader.listAttributes(other);
    auto rootNames = reader.listAttributes(root);
    reader.flush();
    CHECK(*keptNames == Names{"afterFailure", "beforeFailure", "sameFlush"});
    CHECK(*paths == Names{"kept"});
    CHECK(*otherNames == Names{"otherFile"});
    CHECK(rootNames->empty());
    reader.closeFile(root);
    reader.closeFile(other);
    reader.flush();
}
} // namespace

TEST_CASE("errors: tasks after a failed one follow the failure policy", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "failure_policy");
            createPolicyFiles(backend, directory);
            {
                Session editor(backend, directory, Access::READ_WRITE);
                Writable& root = editor.openFile("policy");
                Writable& other = editor.openFile("other");
                Writable& kept = editor.openPath(root, "kept");
                editor.flush();

                // Runs before the failure.
                editor.writeAttribute(kept, "sameFlush", 2);
                // Fails: OPEN_PATH of a group that does not exist.
                Writable& missing = editor.openPath(root, "missing");
                // Depend on the failed node: dropped.
                Writable& child = editor.createPath(missing, "child");
                editor.writeAttribute(missing, "dropped", 3);
                editor.writeAttribute(child, "dropped", 4);
                // Unrelated: kept for the next flush, not run by the failing one.
                editor.writeAttribute(kept, "afterFailure", 5);
                editor.writeAttribute(other, "otherFile", 6);

                checkReadError(flushMustThrow<error::ReadError>(editor),
                               AffectedObject::Group, Reason::NotFound, "missing",
                               editor.fileName("policy"));
                CHECK(editor.queued() == 2);
                CHECK_FALSE(missing.written);
                CHECK_FALSE(child.written);

                editor.flush();
                CHECK(editor.queued() == 0);
                editor.closeFile(root);
                editor.closeFile(other);
                editor.flush();
            }
            checkPolicyFiles(backend, directory);
        });
}
