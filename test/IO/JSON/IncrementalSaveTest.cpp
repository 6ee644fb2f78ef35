// Saving only what changed: unchanged subtrees are copied from the file last
// written, closed groups leave memory and come back on demand, and large
// files are opened without parsing every group.

#include "IO/JSON/JSONFile.hpp"
#include "JSONTestSupport.hpp"

#include <nlohmann/json.hpp>

#include <numeric>

using namespace openPMD;
using namespace openPMD::test;
using jsonio::JSONFile;

namespace
{
/** Writes iteration `k` (attributes and a dataset) below `data`. */
void writeIteration(Handler& h, Writable& iteration, Writable& dataset, size_t k)
{
    h.createPath(iteration, std::to_string(k));
    h.writeAttribute(iteration, "time", 0.5 * double(k));
    h.createDataset(dataset, "rho", Datatype::DOUBLE, {4, 3});
    std::vector<double> values(12);
    std::iota(values.begin(), values.end(), double(100 * k));
    h.write<double>(dataset, {0, 0}, {4, 3}, share(values));
}

/**
 * Twelve iterations into `name`, each CLOSE_PATHed after it is written if
 * `closeEach` (so saved step by step); then iteration 1 is changed late.
 */
void writeSteps(ScratchDirectory& scratch, std::string const& name, bool closeEach)
{
    constexpr size_t iterations = 12;
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, data;
    data.parent = &root;
    h.createFile(root, name);
    h.writeAttribute(root, "openPMD", std::string("1.1.0"));
    h.createPath(data, "data");
    std::vector<std::unique_ptr<Writable>> nodes;
    for (size_t k = 0; k < iterations; ++k)
    {
        auto& iteration = *nodes.emplace_back(std::make_unique<Writable>());
        auto& dataset = *nodes.emplace_back(std::make_unique<Writable>());
        iteration.parent = &data;
        dataset.parent = &iteration;
        writeIteration(h, iteration, dataset, k);
        if (closeEach)
        {
            h.run(&iteration, Parameter<Operation::CLOSE_PATH>{});
        }
    }
    if (closeEach)
    {
        REQUIRE(h.impl().fileWrites() >= iterations);
    }
    // A closed iteration (1: nodes[2], its dataset nodes[3]) changed later
    // is read back, changed and saved.
    h.writeAttribute(*nodes[2], "late", 3);
    std::vector<double> patch{-1.0, -2.0, -3.0};
    h.write<double>(*nodes[3], {1, 0}, {1, 3}, share(patch));
}

/** A document with `groups` groups below /data, each holding `elements` doubles. */
std::string largeDocument(size_t groups, size_t elements)
{
    std::string text = R"({"attributes":{"a":{"datatype":"INT","value":7}},"data":{)";
    for (size_t g = 0; g < groups; ++g)
    {
        text += (g == 0 ? "\"" : ",\"") + std::to_string(g) +
                R"(":{"attributes":{"g":{"datatype":"LONG","value":)" +
                std::to_string(g) + R"(}},"d":{"data":[)";
        for (size_t i = 0; i < elements; ++i)
        {
            text += (i == 0 ? "" : ",") + std::to_string(g * elements + i) + ".5";
        }
        text += R"(],"datatype":"DOUBLE"}})";
    }
    return text + "}}\n";
}
} // namespace

TEST_CASE("a file saved at every step holds what the file saved once holds, and "
          "closed groups come back when used",
          "[json][incremental]")
{
    ScratchDirectory scratch("incremental");
    writeSteps(scratch, "steps.json", true);
    writeSteps(scratch, "once.json", false);
    std::string const steps = readText(scratch.file("steps.json"));
    // The same document; iterations saved one by one were appended, so they
    // follow each other in the order saved instead of the sorted order.
    REQUIRE(nlohmann::json::parse(steps) ==
            nlohmann::json::parse(readText(scratch.file("once.json"))));
    REQUIRE_THAT(steps, Catch::Contains(R"("late":{"datatype":"INT","value":3})"));
    REQUIRE_THAT(steps, Catch::Contains("[100.0,101.0,102.0],[-1.0,-2.0,-3.0]"));
}

TEST_CASE("a closed group leaves memory once saved and is read back on demand",
          "[json][incremental]")
{
    ScratchDirectory scratch("release");
    JSONFile file(scratch.file("r.json"));
    file.createEmpty();
    auto& data = file.root().adopt(
        "data", std::make_unique<jsonio::JSONNode>(jsonio::JSONNode::Kind::Group));
    auto& first = data.adopt(
        "1", std::make_unique<jsonio::JSONNode>(jsonio::JSONNode::Kind::Group));
    first.attributes["x"].value = Attribute(1.25);
    file.markChanged(first);
    file.releaseWhenStored({"data", "1"});
    // Not saved yet: the content must stay.
    REQUIRE(first.loaded);
    REQUIRE(file.saveIfChanged(false));
    REQUIRE_FALSE(first.loaded);
    REQUIRE(first.attributes.empty());

    // A sibling changes: the released group is copied, not lost.
    auto& second = data.adopt(
        "2", std::make_unique<jsonio::JSONNode>(jsonio::JSONNode::Kind::Group));
    second.attributes["y"].value = Attribute(2);
    file.markChanged(second);
    REQUIRE(file.saveIfChanged(false));
    REQUIRE_FALSE(first.loaded);
    std::string const text = readText(scratch.file("r.json"));
    REQUIRE_THAT(text,
                 Catch::Contains(
                     R"("1":{"attributes":{"x":{"datatype":"DOUBLE","value":1.25}}})"));
    REQUIRE(text == file.serialize());

    jsonio::JSONNode* back = file.find({"data", "1"});
    REQUIRE(back == &first);
    REQUIRE(first.loaded);
    REQUIRE(first.attributes.at("x").value->get<double>() == 1.25);
}

TEST_CASE("a large file is opened without parsing its groups", "[json][incremental]")
{
    ScratchDirectory scratch("lazy");
    std::string const path = scratch.file("large.json");
    constexpr size_t groups = 40;
    constexpr size_t elements = 30000;
    std::string const text = largeDocument(groups, elements);
    REQUIRE(text.size() > JSONFile::eagerFileSize);
    writeText(path, text);

    SECTION("groups are parsed when used, and read right")
    {
        JSONFile file(path);
        file.load(false);
        auto& data = *file.root().children.at("data");
        REQUIRE_FALSE(data.loaded);
        REQUIRE(file.root().attributes.at("a").value->get<int>() == 7);

        Handler h(scratch.dir(), Access::READ_ONLY);
        Writable root, group, dataset;
        group.parent = &root;
        dataset.parent = &group;
        h.openFile(root, "large.json");
        Parameter<Operation::LIST_PATHS> list;
        h.run(&root, list);
        REQUIRE(*list.paths == std::vector<std::string>{"data"});
        h.openPath(group, "data/17");
        REQUIRE(h.readAttribute(group, "g").get<long>() == 17);
        REQUIRE(h.openDataset(dataset, "d").second == Extent{elements});
        auto const values = h.read<double>(dataset, {0}, {elements});
        for (size_t i = 0; i < elements; ++i)
        {
            REQUIRE(values[i] == double(17 * elements + i) + 0.5);
        }
    }
    SECTION("changing one group rewrites the file with everything else unchanged")
    {
        {
            Handler h(scratch.dir(), Access::READ_WRITE);
            Writable root, group;
            group.parent = &root;
            h.openFile(root, "large.json");
            h.openPath(group, "data/3");
            h.writeAttribute(group, "added", 1);
        }
        auto expected = nlohmann::json::parse(text);
        expected["data"]["3"]["attributes"]["added"] = {{"datatype", "INT"},
                                                        {"value", 1}};
        auto written = nlohmann::json::parse(readText(path));
        written.erase("platform_byte_widths");
        REQUIRE(written == expected);
    }
    SECTION("a broken group is reported when it is used, naming the file and path")
    {
        std::string broken = text;
        auto const at = broken.find("\"5\":{");
        broken.insert(broken.find("\"d\":", at), "\"junk\":[1,,2],");
        writeText(path, broken);
        Handler h(scratch.dir(), Access::READ_ONLY);
        Writable root, good, bad;
        good.parent = &root;
        bad.parent = &root;
        h.openFile(root, "large.json");
        h.openPath(good, "data/4");
        auto const e = captureError<error::ReadError>([&] { h.openPath(bad, "data/5"); });
        REQUIRE_THAT(e.what(), Catch::Contains(path) && Catch::Contains("/data/5"));
    }
    SECTION("a truncated file fails to open, naming the file")
    {
        writeText(path, text.substr(0, text.size() - 3));
        Handler h(scratch.dir(), Access::READ_ONLY);
        Writable root;
        auto const e =
            captureError<error::ReadError>([&] { h.openFile(root, "large.json"); });
        REQUIRE_THAT(e.what(),
                     Catch::Contains(path) && Catch::Contains("not valid JSON"));
    }
}

TEST_CASE("a large file's scan is not misled by brackets, quotes and escapes in strings",
          "[json][incremental]")
{
    ScratchDirectory scratch("lazy-strings");
    std::string const path = scratch.file("strings.json");
    // Long strings full of structure characters: the 1 MiB blocks of the scan
    // end inside them, also right after a backslash.
    std::string tricky;
    while (tricky.size() < 200000)
    {
        tricky += R"([\"{data\":}]\\)";
    }
    std::string const decoded =
        nlohmann::json::parse('"' + tricky + '"').get<std::string>();
    constexpr size_t groups = 45;
    std::string text = R"({"data":{"ds":{"data":[1.5,2.5],"datatype":"DOUBLE"})";
    for (size_t g = 0; g < groups; ++g)
    {
        text += ",\"g" + std::to_string(g) +
                R"(":{"attributes":{"s":{"datatype":"STRING","value":")" + tricky +
                R"("}},"d":{"data":[)" + std::to_string(g) +
                R"(.0],"datatype":"DOUBLE"}})";
    }
    text += "}}\n";
    REQUIRE(text.size() > JSONFile::eagerFileSize);
    writeText(path, text);

    Handler h(scratch.dir(), Access::READ_ONLY);
    Writable root, data;
    data.parent = &root;
    h.openFile(root, "strings.json");
    h.openPath(data, "data");
    Parameter<Operation::LIST_PATHS> paths;
    h.run(&data, paths);
    REQUIRE(paths.paths->size() == groups);
    Parameter<Operation::LIST_DATASETS> datasets;
    h.run(&data, datasets);
    REQUIRE(*datasets.datasets == std::vector<std::string>{"ds"});
    for (size_t g : {size_t(0), size_t(17), groups - 1})
    {
        Writable group, dataset;
        group.parent = &data;
        dataset.parent = &group;
        h.openPath(group, "g" + std::to_string(g));
        REQUIRE(h.readAttribute(group, "s").get<std::string>() == decoded);
        REQUIRE(h.openDataset(dataset, "d").second == Extent{1});
        REQUIRE(h.read<double>(dataset, {0}, {1}) == std::vector<double>{double(g)});
    }
}
