// Datasets as objects: nested names, listing, attributes, DELETE_DATASET.
#include "Expect.hpp"
#include "Session.hpp"

using namespace conformance;
using Names = std::vector<std::string>;

namespace
{
void writeDatasets(BackendUnderTest const& backend, std::string const& directory)
{
    Session writer(backend, directory, Access::CREATE);
    Writable& root = writer.createFile("datasets");
    Writable& group = writer.createPath(root, "group");
    // Created out of order, listed sorted; a subgroup is not a dataset.
    for (auto const* name : {"beta", "gamma", "alpha"})
    {
        Writable& dataset = writer.createDataset(group, name, Datatype::INT, {3});
        writer.writeSamples<int>(dataset, {0}, {3});
        writer.writeAttribute(dataset, "name", std::string(name));
    }
    writer.createPath(group, "subgroup");
    // A name with several segments creates its intermediate groups.
    Writable& nested =
        writer.createDataset(group, "deep/er/values", Datatype::DOUBLE, {2});
    writer.writeSamples<double>(nested, {0}, {2});
    writer.closeFile(root);
    writer.flush();
}

void deleteSome(BackendUnderTest const& backend, std::string const& directory)
{
    Session editor(backend, directory, Access::READ_WRITE);
    Writable& root = editor.openFile("datasets");
    Writable& group = editor.openPath(root, "group");
    auto before = editor.listDatasets(group);
    auto groups = editor.listPaths(group);
    auto nested = editor.openDataset(group, "deep/er/values");
    editor.flush();
    CHECK(*before == Names{"alpha", "beta", "gamma"});
    CHECK(*groups == Names{"deep", "subgroup"});
    CHECK(*nested.extent == Extent{2});

    editor.deleteDataset(group, "alpha");
    editor.deleteDataset(group, "deep/er/values");
    editor.flush();
    auto after = editor.listDatasets(group);
    editor.flush();
    CHECK(*after == Names{"beta", "gamma"});
    editor.closeFile(root);
    editor.flush();
}
} // namespace

TEST_CASE("datasets: nested names list and delete", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "datasets");
            writeDatasets(backend, directory);
            deleteSome(backend, directory);

            Session reader(backend, directory, Access::READ_ONLY);
            std::string const file = reader.fileName("datasets");
            Writable& root = reader.openFile("datasets");
            Writable& group = reader.openPath(root, "group");
            Writable& deeper = reader.openPath(group, "deep/er");
            auto datasets = reader.listDatasets(group);
            auto deeperDatasets = reader.listDatasets(deeper);
            auto gamma = reader.openDataset(group, "gamma");
            reader.flush();
            CHECK(*datasets == Names{"beta", "gamma"});
            CHECK(deeperDatasets->empty());
            // The remaining datasets keep their data and attributes.
            auto name = reader.readAttribute(gamma.node, "name");
            auto data = reader.readBlock<int>(gamma.node, {0}, {3});
            reader.flush();
            checkAttribute("name", Attribute("gamma"), *name.dtype, *name.resource);
            CHECK(*data == sampleBlock<int>({0}, {3}));

            reader.openDataset(group, "alpha");
            checkReadError(flushMustThrow<error::ReadError>(reader),
                           error::AffectedObject::Dataset, error::Reason::NotFound,
                           "alpha", file);
        });
}
