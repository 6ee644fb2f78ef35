// Attributes: every type, overwriting, listing, READ_ATTS, deleting.
#include "Expect.hpp"
#include "Session.hpp"

#include <algorithm>

using namespace conformance;
using Names = std::vector<std::string>;

namespace
{
Names sortedNames(std::vector<NamedAttribute> const& attributes)
{
    Names names;
    for (auto const& a : attributes)
    {
        names.push_back(a.name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

/** Writes every sample on the file root, a group and a dataset. */
void writeAllTypes(BackendUnderTest const& backend, std::string const& directory)
{
    Session writer(backend, directory, Access::CREATE);
    Writable& root = writer.createFile("attributes");
    Writable& group = writer.createPath(root, "group");
    Writable& dataset = writer.createDataset(group, "dataset", Datatype::DOUBLE, {2});
    for (Writable* node : {&root, &group, &dataset})
    {
        for (auto const& sample : attributeSamples())
        {
            writer.writeAttribute(*node, sample.name, sample.value);
        }
    }
    writer.closeFile(root);
    writer.flush();
}

struct ReadNodes
{
    Writable& root;
    Writable& group;
    Writable& dataset;
};

ReadNodes openAllTypes(Session& reader)
{
    Writable& root = reader.openFile("attributes");
    Writable& group = reader.openPath(root, "group");
    Writable& dataset = reader.openDataset(group, "dataset").node;
    return {root, group, dataset};
}
} // namespace

TEST_CASE("attributes: every attribute type round-trips", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "attribute_types");
            writeAllTypes(backend, directory);

            Session reader(backend, directory, Access::READ_ONLY);
            auto nodes = openAllTypes(reader);
            auto const samples = attributeSamples();
            REQUIRE(samples.size() == 39);
            for (Writable* node : {&nodes.root, &nodes.group, &nodes.dataset})
            {
                auto names = reader.listAttributes(*node);
                std::vector<Parameter<Operation::READ_ATT>> reads;
                for (auto const& sample : samples)
                {
                    reads.push_back(reader.readAttribute(*node, sample.name));
                }
                reader.flush();
                CHECK(*names == sortedNames(samples));
                for (size_t i = 0; i < samples.size(); ++i)
                {
                    checkAttribute(samples[i].name, samples[i].value, *reads[i].dtype,
                                   *reads[i].resource);
                }
            }
            reader.closeFile(nodes.root);
            reader.flush();
        });
}

TEST_CASE("attributes: READ_ATTS returns all attributes", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "read_atts");
            writeAllTypes(backend, directory);

            Session reader(backend, directory, Access::READ_ONLY);
            auto nodes = openAllTypes(reader);
            auto const samples = attributeSamples();
            for (Writable* node : {&nodes.root, &nodes.group, &nodes.dataset})
            {
                auto all = reader.readAttributes(*node);
                reader.flush();
                Names names;
                for (auto const& [name, value] : *all.attributes)
                {
                    names.push_back(name);
                }
                CHECK(names == sortedNames(samples));
                for (auto const& sample : samples)
                {
                    auto it = all.attributes->find(sample.name);
                    if (it == all.attributes->end())
                    {
                        continue; // already reported by the name check
                    }
                    checkAttribute(sample.name, sample.value, it->second.dtype,
                                   it->second.getResource());
                }
            }
            reader.closeFile(nodes.root);
            reader.flush();
        });
}

namespace
{
/** Each step: attribute name -> value; later steps overwrite earlier ones. */
std::vector<NamedAttribute> const firstValues{
    {"string", Attribute(std::string("ab"))},
    {"vector", Attribute(std::vector<int>{1, 2})},
    {"scalarToVector", Attribute(7)},
    {"vectorToString", Attribute(std::vector<double>{0.5, 1.5})},
    {"strings", Attribute(std::vector<std::string>{"a", "b"})},
    {"twiceInOneFlush", Attribute(short(1))},
};
std::vector<NamedAttribute> const longerValues{
    {"string", Attribute(std::string("a much longer string than before"))},
    {"vector", Attribute(std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8})},
    {"scalarToVector", Attribute(std::vector<std::string>{"now", "a vector of strings"})},
    {"vectorToString", Attribute(std::string("now a string"))},
    {"strings",
     Attribute(std::vector<std::string>{"longer strings", "and", "more of them"})},
    {"twiceInOneFlush", Attribute(std::vector<long double>{sampleValue<long double>(0),
                                                           sampleValue<long double>(9)})},
};
std::vector<NamedAttribute> const shorterValues{
    {"string", Attribute(char('c'))},
    {"vector", Attribute(std::vector<unsigned long long>{9})},
    {"scalarToVector", Attribute(true)},
    {"vectorToString", Attribute(std::complex<float>(1.5f, -2.f))},
    {"strings", Attribute(std::string(""))},
    {"twiceInOneFlush", Attribute(std::vector<signed char>{-1, 2})},
};

void checkValues(Session& reader, Writable& node,
                 std::vector<NamedAttribute> const& expected)
{
    std::vector<Parameter<Operation::READ_ATT>> reads;
    for (auto const& a : expected)
    {
        reads.push_back(reader.readAttribute(node, a.name));
    }
    auto names = reader.listAttributes(node);
    reader.flush();
    CHECK(*names == sortedNames(expected));
    for (size_t i = 0; i < expected.size(); ++i)
    {
        checkAttribute(expected[i].name, expected[i].value, *reads[i].dtype,
                       *reads[i].resource);
    }
}
} // namespace

TEST_CASE("attributes: overwrite with another type and size", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "overwrite");
            {
                Session writer(backend, directory, Access::CREATE);
                Writable& root = writer.createFile("overwrite");
                Writable& group = writer.createPath(root, "group");
                for (auto const& a : firstValues)
                {
                    writer.writeAttribute(group, a.name, a.value);
                }
                writer.flush();
                // Longer and of another type, in a later flush; one of them twice in this
                // flush.
                writer.writeAttribute(group, "twiceInOneFlush",
                                      Attribute(std::string("interim")));
                for (auto const& a : longerValues)
                {
                    writer.writeAttribute(group, a.name, a.value);
                }
                writer.closeFile(root);
                writer.flush();
            }
            {
                Session reader(backend, directory, Access::READ_ONLY);
                Writable& root = reader.openFile("overwrite");
                checkValues(reader, reader.openPath(root, "group"), longerValues);
                reader.closeFile(root);
                reader.flush();
            }
            {
                // Shorter and of another type again, in a reopened file.
                Session editor(backend, directory, Access::READ_WRITE);
                Writable& root = editor.openFile("overwrite");
                Writable& group = editor.openPath(root, "group");
                for (auto const& a : shorterValues)
                {
                    editor.writeAttribute(group, a.name, a.value);
                }
                editor.closeFile(root);
                editor.flush();
            }
            Session reader(backend, directory, Access::READ_ONLY);
            Writable& root = reader.openFile("overwrite");
            checkValues(reader, reader.openPath(root, "group"), shorterValues);
            reader.closeFile(root);
            reader.flush();
        });
}

TEST_CASE("attributes: list and delete", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "delete_attributes");
            {
                Session writer(backend, directory, Access::CREATE);
                Writable& root = writer.createFile("delete");
                Writable& dataset =
                    writer.createDataset(root, "dataset", Datatype::INT, {3});
                for (Writable* node : {&root, &dataset})
                {
                    writer.writeAttribute(*node, "keep", 1);
                    writer.writeAttribute(*node, "dropNow", 2);
                    writer.writeAttribute(*node, "dropLater", 3);
                }
                writer.flush();
                writer.deleteAttribute(root, "dropNow");
                writer.deleteAttribute(dataset, "dropNow");
                // Deleting a missing attribute is not an error.
                writer.deleteAttribute(root, "neverWritten");
                writer.closeFile(root);
                writer.flush();
            }
            {
                Session editor(backend, directory, Access::READ_WRITE);
                Writable& root = editor.openFile("delete");
                Writable& dataset = editor.openDataset(root, "dataset").node;
                auto rootNames = editor.listAttributes(root);
                auto datasetNames = editor.listAttributes(dataset);
                editor.flush();
                CHECK(*rootNames == Names{"dropLater", "keep"});
                CHECK(*datasetNames == Names{"dropLater", "keep"});
                editor.deleteAttribute(root, "dropLater");
                editor.deleteAttribute(dataset, "dropLater");
                editor.closeFile(root);
                editor.flush();
            }
            Session reader(backend, directory, Access::READ_ONLY);
            Writable& root = reader.openFile("delete");
            Writable& dataset = reader.openDataset(root, "dataset").node;
            auto rootNames = reader.listAttributes(root);
            auto datasetNames = reader.listAttributes(dataset);
            auto keep = reader.readAttribute(dataset, "keep");
            reader.flush();
            CHECK(*rootNames == Names{"keep"});
            CHECK(*datasetNames == Names{"keep"});
            checkAttribute("keep", Attribute(1), *keep.dtype, *keep.resource);

            reader.readAttribute(dataset, "dropLater");
            auto e = flushMustThrow<error::ReadError>(reader);
            checkReadError(e, error::AffectedObject::Attribute, error::Reason::NotFound,
                           "dropLater", reader.fileName("delete"));
        });
}
