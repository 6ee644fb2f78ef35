// Reading documents as openPMD-api (or a person) writes them: pretty-printed,
// keys in any order, integer literals for floating-point values, null for
// unwritten elements and for NaN.

#include "JSONTestSupport.hpp"

#include <cmath>

using namespace openPMD;
using namespace openPMD::test;

namespace
{
std::string const prettyDocument = R"({
  "platform_byte_widths": { "DOUBLE": 8, "LONG": 8 },
  "data": {
    "100": {
      "meshes": {
        "E": {
          "x": {
            "datatype": "DOUBLE",
            "data": [
              [ 1, 2.5, null ],
              [ null, null, null ]
            ],
            "attributes": {
              "unitSI": { "value": 1, "datatype": "DOUBLE" },
              "position": { "value": [ 0 ], "datatype": "VEC_DOUBLE" }
            }
          },
          "attributes": {
            "timeOffset": { "datatype": "FLOAT", "value": 0 },
            "gridSpacing": { "datatype": "VEC_FLOAT", "value": [ 1, 0.5 ] },
            "unitDimension": { "datatype": "ARR_DBL_7", "value": [ 0, 1, 0, 0, 0, 0, 0 ] }
          }
        },
        "rho": {
          "datatype": "CFLOAT",
          "data": [ [ 1, 2 ], [ null, null ], [ 3.5, -1 ] ]
        },
        "n": { "data": [ null, 7, 18446744073709551615 ], "datatype": "ULONG" }
      },
      "attributes": {
        "time": { "datatype": "DOUBLE", "value": 0 },
        "dt": { "datatype": "DOUBLE", "value": 1 }
      }
    }
  },
  "attributes": {
    "openPMD": { "datatype": "STRING", "value": "1.1.0" },
    "openPMDextension": { "datatype": "UINT", "value": 0 },
    "nanFromOpenPMDapi": { "datatype": "DOUBLE", "value": null }
  }
}
)";

template <typename Op>
std::vector<std::string> list(Handler& h, Writable& node)
{
    Op p;
    h.run(&node, p);
    if constexpr (std::is_same_v<Op, Parameter<Operation::LIST_PATHS>>)
    {
        return *p.paths;
    }
    else
    {
        return *p.datasets;
    }
}
using ListPaths = Parameter<Operation::LIST_PATHS>;
using ListDatasets = Parameter<Operation::LIST_DATASETS>;

/** The pretty document on disk, opened READ_ONLY down to its mesh E. */
struct PrettyDocument
{
    PrettyDocument()
    {
        iteration.parent = &root;
        meshes.parent = &iteration;
        e.parent = &meshes;
        x.parent = &e;
        rho.parent = n.parent = &meshes;
        writeText(scratch.file("pretty.json"), prettyDocument);
        h.openFile(root, "pretty.json");
        h.openPath(iteration, "data/100");
        h.openPath(meshes, "meshes");
        h.openPath(e, "E");
    }
    ScratchDirectory scratch{"compat-pretty"};
    Handler h{scratch.dir(), Access::READ_ONLY};
    Writable root, iteration, meshes, e, x, rho, n;
};
} // namespace

TEST_CASE("an openPMD-api-style document: groups and attributes", "[json][compat]")
{
    PrettyDocument doc;
    auto& h = doc.h;
    REQUIRE(list<ListPaths>(h, doc.root) == std::vector<std::string>{"data"});
    REQUIRE(list<ListPaths>(h, doc.iteration) == std::vector<std::string>{"meshes"});
    REQUIRE(list<ListPaths>(h, doc.meshes) == std::vector<std::string>{"E"});
    REQUIRE(list<ListDatasets>(h, doc.meshes) == std::vector<std::string>{"n", "rho"});
    REQUIRE(list<ListPaths>(h, doc.e).empty());
    REQUIRE(list<ListDatasets>(h, doc.e) == std::vector<std::string>{"x"});

    // Integer literals for floating-point types, null for NaN.
    REQUIRE(h.readAttribute(doc.root, "openPMD").get<std::string>() == "1.1.0");
    auto const extension = h.readAttribute(doc.root, "openPMDextension");
    REQUIRE(extension.dtype == Datatype::UINT);
    REQUIRE(extension.get<unsigned>() == 0);
    auto const nan = h.readAttribute(doc.root, "nanFromOpenPMDapi");
    REQUIRE(nan.dtype == Datatype::DOUBLE);
    REQUIRE(std::isnan(nan.get<double>()));
    auto const timeOffset = h.readAttribute(doc.e, "timeOffset");
    REQUIRE(timeOffset.dtype == Datatype::FLOAT);
    REQUIRE(timeOffset.get<float>() == 0.0f);
    REQUIRE(h.readAttribute(doc.e, "gridSpacing").get<std::vector<float>>() ==
            std::vector<float>{1.0f, 0.5f});
    REQUIRE(h.readAttribute(doc.e, "unitDimension").get<std::array<double, 7>>() ==
            std::array<double, 7>{0, 1, 0, 0, 0, 0, 0});
    REQUIRE(h.readAttribute(doc.iteration, "dt").get<double>() == 1.0);
}

TEST_CASE("an openPMD-api-style document: datasets with nulls", "[json][compat]")
{
    PrettyDocument doc;
    auto& h = doc.h;
    // Unwritten elements of floating-point types read as NaN.
    auto const [xType, xExtent] = h.openDataset(doc.x, "x");
    REQUIRE(xType == Datatype::DOUBLE);
    REQUIRE(xExtent == Extent{2, 3});
    auto const xs = h.read<double>(doc.x, {0, 0}, {2, 3});
    REQUIRE(xs[0] == 1.0);
    REQUIRE(xs[1] == 2.5);
    for (size_t i = 2; i < 6; ++i)
    {
        REQUIRE(std::isnan(xs[i]));
    }
    REQUIRE(h.availableChunks(doc.x) == ChunkTable{WrittenChunkInfo({0, 0}, {1, 2})});
    REQUIRE(h.readAttribute(doc.x, "unitSI").get<double>() == 1.0);

    // Complex: [re, im] is the element, not a dimension.
    auto const [rhoType, rhoExtent] = h.openDataset(doc.rho, "rho");
    REQUIRE(rhoType == Datatype::CFLOAT);
    REQUIRE(rhoExtent == Extent{3});
    auto const rhos = h.read<std::complex<float>>(doc.rho, {0}, {3});
    REQUIRE(rhos[0] == std::complex<float>(1, 2));
    REQUIRE(std::isnan(rhos[1].real()));
    REQUIRE(std::isnan(rhos[1].imag()));
    REQUIRE(rhos[2] == std::complex<float>(3.5f, -1));
    REQUIRE(h.availableChunks(doc.rho) ==
            ChunkTable{WrittenChunkInfo({0}, {1}), WrittenChunkInfo({2}, {1})});

    // Integers: unwritten elements read as 0; the full unsigned range is kept.
    auto const [nType, nExtent] = h.openDataset(doc.n, "n");
    REQUIRE(nType == Datatype::ULONG);
    REQUIRE(nExtent == Extent{3});
    REQUIRE(h.read<unsigned long>(doc.n, {0}, {3}) ==
            std::vector<unsigned long>{0, 7, std::numeric_limits<unsigned long>::max()});
    REQUIRE(h.availableChunks(doc.n) == ChunkTable{WrittenChunkInfo({1}, {2})});
}

TEST_CASE("regions never written read back as 0 or NaN, without error", "[json][compat]")
{
    ScratchDirectory scratch("compat-unwritten");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, i, f, c;
    i.parent = f.parent = c.parent = &root;
    h.createFile(root, "u.json");
    h.createDataset(i, "i", Datatype::INT, {2, 2});
    h.createDataset(f, "f", Datatype::FLOAT, {3});
    h.createDataset(c, "c", Datatype::CDOUBLE, {1});
    REQUIRE(h.read<int>(i, {0, 0}, {2, 2}) == std::vector<int>{0, 0, 0, 0});
    for (float v : h.read<float>(f, {0}, {3}))
    {
        REQUIRE(std::isnan(v));
    }
    auto const complex = h.read<std::complex<double>>(c, {0}, {1});
    REQUIRE(std::isnan(complex[0].real()));
    REQUIRE(std::isnan(complex[0].imag()));
    REQUIRE(h.availableChunks(i).empty());

    // Partly written: the rest still reads as the fill value.
    h.write<int>(i, {1, 0}, {1, 2}, share<int>({5, 6}));
    REQUIRE(h.read<int>(i, {0, 0}, {2, 2}) == std::vector<int>{0, 0, 5, 6});
    h.closeFile(root);

    Handler reader(scratch.dir(), Access::READ_ONLY);
    Writable root2, i2;
    i2.parent = &root2;
    reader.openFile(root2, "u.json");
    reader.openDataset(i2, "i");
    REQUIRE(reader.read<int>(i2, {0, 0}, {2, 2}) == std::vector<int>{0, 0, 5, 6});
    REQUIRE(reader.availableChunks(i2) == ChunkTable{WrittenChunkInfo({1, 0}, {1, 2})});
}

TEST_CASE("content the backend does not know is kept when a file is rewritten",
          "[json][compat]")
{
    ScratchDirectory scratch("compat-verbatim");
    writeText(
        scratch.file("keep.json"),
        R"({"attributes":{"a":{"datatype":"INT","value":1},"future":{"datatype":"FLOAT128","value":1}},)"
        R"("comment":"not a group","g":{"d":{"chunking":[2],"data":[1,2],"datatype":"SHORT"}}})");
    {
        Handler h(scratch.dir(), Access::READ_WRITE);
        Writable root;
        h.openFile(root, "keep.json");
        h.writeAttribute(root, "b", 2);
        h.flush();
    }
    std::string const text = readText(scratch.file("keep.json"));
    REQUIRE_THAT(text, Catch::Contains(R"("b":{"datatype":"INT","value":2})"));
    REQUIRE_THAT(text, Catch::Contains(R"("future":{"datatype":"FLOAT128","value":1})"));
    REQUIRE_THAT(text, Catch::Contains(R"("comment":"not a group")"));
    REQUIRE_THAT(
        text, Catch::Contains(R"("d":{"chunking":[2],"data":[1,2],"datatype":"SHORT"})"));
}
