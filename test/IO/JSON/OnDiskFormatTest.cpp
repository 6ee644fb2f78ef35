// The exact text the backend writes: the layout of openPMD-api 0.16 (facts
// file, section 4.5) and our encodings of values JSON numbers cannot carry.

#include "JSONTestSupport.hpp"

#include <limits>

using namespace openPMD;
using namespace openPMD::test;

namespace
{
std::string const meshAttributes =
    R"({"axisLabels":{"datatype":"VEC_STRING","value":["y","x"]},)"
    R"("dataOrder":{"datatype":"STRING","value":"C"},)"
    R"("geometry":{"datatype":"STRING","value":"cartesian"},)"
    R"("gridGlobalOffset":{"datatype":"VEC_DOUBLE","value":[0.0]},)"
    R"("gridSpacing":{"datatype":"VEC_DOUBLE","value":[1.0]},)"
    R"("gridUnitSI":{"datatype":"DOUBLE","value":1.0},)"
    R"("timeOffset":{"datatype":"FLOAT","value":0.0},)"
    R"("unitDimension":{"datatype":"ARR_DBL_7","value":[0.0,1.0,0.0,0.0,0.0,0.0,0.0]}})";

void writeMeshAttributes(Handler& h, Writable& mesh)
{
    h.writeAttribute(mesh, "axisLabels", std::vector<std::string>{"y", "x"});
    h.writeAttribute(mesh, "dataOrder", std::string("C"));
    h.writeAttribute(mesh, "geometry", std::string("cartesian"));
    h.writeAttribute(mesh, "gridGlobalOffset", std::vector<double>{0.0});
    h.writeAttribute(mesh, "gridSpacing", std::vector<double>{1.0});
    h.writeAttribute(mesh, "gridUnitSI", 1.0);
    h.writeAttribute(mesh, "timeOffset", 0.0f);
    h.writeAttribute(mesh, "unitDimension", std::array<double, 7>{0, 1, 0, 0, 0, 0, 0});
}

/** Writes the example document of the facts file, section 4.5, into known.json. */
void writeKnownDocument(Handler& h)
{
    Writable root, iteration, meshE, x, y, rho, position, px, weighting;
    iteration.parent = &root;
    meshE.parent = rho.parent = position.parent = weighting.parent = &iteration;
    x.parent = y.parent = &meshE;
    px.parent = &position;

    h.createFile(root, "known.json");
    h.writeAttribute(root, "basePath", std::string("/data/%T/"));
    h.writeAttribute(root, "date", std::string("2026-11-21 05:29:53 +0000"));
    h.writeAttribute(root, "iterationEncoding", std::string("groupBased"));
    h.writeAttribute(root, "iterationFormat", std::string("/data/%T/"));
    h.writeAttribute(root, "meshesPath", std::string("meshes/"));
    h.writeAttribute(root, "openPMD", std::string("1.1.0"));
    h.writeAttribute(root, "openPMDextension", 0u);
    h.writeAttribute(root, "particlesPath", std::string("particles/"));
    h.writeAttribute(root, "software", std::string("openPMD-api"));
    h.writeAttribute(root, "softwareVersion", std::string("0.16.0"));

    h.createPath(iteration, "data/100");
    h.writeAttribute(iteration, "dt", 1.0);
    h.writeAttribute(iteration, "time", 0.0);
    h.writeAttribute(iteration, "timeUnitSI", 1.0);

    h.createPath(meshE, "meshes/E");
    writeMeshAttributes(h, meshE);
    h.createDataset(x, "x", Datatype::FLOAT, {2, 3});
    h.writeAttribute(x, "position", std::vector<double>{0.0});
    h.writeAttribute(x, "unitSI", 1.0);
    h.write<float>(x, {0, 0}, {1, 3}, share<float>({1.5f, 2.0f, 3.0f})); // only row 0

    h.createPath(y, "y"); // constant component: a group with attributes
    h.writeAttribute(y, "position", std::vector<double>{0.0});
    h.writeAttribute(y, "shape", std::vector<unsigned long>{2, 3});
    h.writeAttribute(y, "unitSI", 1.0);
    h.writeAttribute(y, "value", 0.5);

    h.createDataset(rho, "meshes/rho", Datatype::CDOUBLE, {2}); // scalar mesh
    writeMeshAttributes(h, rho);
    h.write<std::complex<double>>(rho, {0}, {2},
                                  share<std::complex<double>>({{1, 2}, {3, 4}}));

    h.createPath(position, "particles/e/position");
    h.writeAttribute(position, "timeOffset", 0.0f);
    h.writeAttribute(position, "unitDimension",
                     std::array<double, 7>{1, 0, 0, 0, 0, 0, 0});
    h.createDataset(px, "x", Datatype::DOUBLE, {3});
    h.writeAttribute(px, "unitSI", 1.0);
    h.write<double>(px, {0}, {3}, share<double>({0.1, 0.2, 0.3}));

    h.createPath(weighting, "particles/e/weighting"); // makeEmpty
    h.writeAttribute(weighting, "shape", std::vector<unsigned long>{0});
    h.writeAttribute(weighting, "unitSI", 1.0);
    h.writeAttribute(weighting, "value", static_cast<unsigned char>(0));
    h.flush();
}

/** openPMD-api's output for it (verified layout), on one line. */
std::string knownDocumentText()
{
    return R"({"attributes":{)"
           R"("basePath":{"datatype":"STRING","value":"/data/%T/"},)"
           R"("date":{"datatype":"STRING","value":"2026-11-21 05:29:53 +0000"},)"
           R"("iterationEncoding":{"datatype":"STRING","value":"groupBased"},)"
           R"("iterationFormat":{"datatype":"STRING","value":"/data/%T/"},)"
           R"("meshesPath":{"datatype":"STRING","value":"meshes/"},)"
           R"("openPMD":{"datatype":"STRING","value":"1.1.0"},)"
           R"("openPMDextension":{"datatype":"UINT","value":0},)"
           R"("particlesPath":{"datatype":"STRING","value":"particles/"},)"
           R"("software":{"datatype":"STRING","value":"openPMD-api"},)"
           R"("softwareVersion":{"datatype":"STRING","value":"0.16.0"}},)"
           R"("data":{"100":{)"
           R"("attributes":{"dt":{"datatype":"DOUBLE","value":1.0},"time":{"datatype":"DOUBLE","value":0.0},)"
           R"("timeUnitSI":{"datatype":"DOUBLE","value":1.0}},)"
           R"("meshes":{"E":{"attributes":)" +
           meshAttributes +
           R"(,"x":{"attributes":{"position":{"datatype":"VEC_DOUBLE","value":[0.0]},)"
           R"("unitSI":{"datatype":"DOUBLE","value":1.0}},)"
           R"("data":[[1.5,2.0,3.0],[null,null,null]],"datatype":"FLOAT"},)"
           R"("y":{"attributes":{"position":{"datatype":"VEC_DOUBLE","value":[0.0]},)"
           R"("shape":{"datatype":"VEC_ULONG","value":[2,3]},)"
           R"("unitSI":{"datatype":"DOUBLE","value":1.0},"value":{"datatype":"DOUBLE","value":0.5}}}},)"
           R"("rho":{"attributes":)" +
           meshAttributes +
           R"(,"data":[[1.0,2.0],[3.0,4.0]],"datatype":"CDOUBLE"}},)"
           R"("particles":{"e":{"position":{"attributes":{"timeOffset":{"datatype":"FLOAT","value":0.0},)"
           R"("unitDimension":{"datatype":"ARR_DBL_7","value":[1.0,0.0,0.0,0.0,0.0,0.0,0.0]}},)"
           R"("x":{"attributes":{"unitSI":{"datatype":"DOUBLE","value":1.0}},)"
           R"("data":[0.1,0.2,0.3],"datatype":"DOUBLE"}},)"
           R"("weighting":{"attributes":{"shape":{"datatype":"VEC_ULONG","value":[0]},)"
           R"("unitSI":{"datatype":"DOUBLE","value":1.0},"value":{"datatype":"UCHAR","value":0}}}}}}},)"
           R"("platform_byte_widths":{"BOOL":1,"CDOUBLE":16,"CFLOAT":8,"CHAR":1,"CLONG_DOUBLE":32,)"
           R"("DOUBLE":8,"FLOAT":4,"INT":4,"LONG":8,"LONGLONG":8,"LONG_DOUBLE":16,"SHORT":2,)"
           R"("UCHAR":1,"UINT":4,"ULONG":8,"ULONGLONG":8,"USHORT":2}})"
           "\n";
}
} // namespace

TEST_CASE("a known document is written byte for byte in openPMD-api's layout",
          "[json][format]")
{
    ScratchDirectory scratch("format-known");
    Handler h(scratch.dir(), Access::CREATE);
    writeKnownDocument(h);
    REQUIRE(readText(scratch.file("known.json")) == knownDocumentText());
}

TEST_CASE("number layout follows nlohmann::json", "[json][format]")
{
    ScratchDirectory scratch("format-numbers");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, d;
    d.parent = &root;
    h.createFile(root, "n.json");
    std::vector<double> const values = {
        0.0,    -0.0, 1.0,    -2.5,    100.0,  1e14, 1e15, 1e16, 123456789012345678.0,
        0.0001, 1e-5, 1.5e-7, 1.5e300, 5e-324, 0.1};
    h.createDataset(d, "d", Datatype::DOUBLE, {values.size()});
    h.write<double>(d, {0}, {values.size()}, share(values));
    h.flush();
    std::string const text = readText(scratch.file("n.json"));
    REQUIRE_THAT(
        text, Catch::Contains(
                  R"("data":[0.0,-0.0,1.0,-2.5,100.0,100000000000000.0,1e+15,1e+16,)"
                  R"(1.2345678901234568e+17,0.0001,1e-05,1.5e-07,1.5e+300,5e-324,0.1])"));
}

TEST_CASE("values JSON numbers cannot hold are written as documented", "[json][format]")
{
    ScratchDirectory scratch("format-special");
    Handler h(scratch.dir(), Access::CREATE);
    Writable root, d, c, z, chars;
    d.parent = c.parent = z.parent = chars.parent = &root;
    h.createFile(root, "s.json");

    double const inf = std::numeric_limits<double>::infinity();
    h.createDataset(d, "d", Datatype::DOUBLE, {4});
    h.write<double>(d, {0}, {3},
                    share<double>({std::numeric_limits<double>::quiet_NaN(), inf, -inf}));
    h.writeAttribute(root, "huge", 1e4000L);
    h.writeAttribute(root, "third", 1.0L / 3.0L);
    h.writeAttribute(root, "letter", 'c');

    // An unwritten complex element is [null,null], as openPMD-api writes it.
    h.createDataset(c, "c", Datatype::CFLOAT, {2});
    h.write<std::complex<float>>(c, {1}, {1},
                                 share<std::complex<float>>({{0.5f, -1.0f}}));

    // A zero before the last dimension cannot be seen in the nesting.
    h.createDataset(z, "z", Datatype::INT, {0, 3});
    h.createDataset(chars, "chars", Datatype::CHAR, {2});
    h.write<char>(chars, {0}, {2}, share<char>({'h', 'i'}));
    h.flush();

    std::string const text = readText(scratch.file("s.json"));
    REQUIRE_THAT(text, Catch::Contains(R"("data":["NaN","Infinity","-Infinity",null])"));
    REQUIRE_THAT(
        text, Catch::Contains(R"("huge":{"datatype":"LONG_DOUBLE","value":"1e+4000"})"));
    REQUIRE_THAT(
        text,
        Catch::Contains(
            R"("third":{"datatype":"LONG_DOUBLE","value":0.33333333333333333334})"));
    REQUIRE_THAT(text, Catch::Contains(R"("letter":{"datatype":"CHAR","value":99})"));
    REQUIRE_THAT(
        text,
        Catch::Contains(R"("c":{"data":[[null,null],[0.5,-1.0]],"datatype":"CFLOAT"})"));
    REQUIRE_THAT(text,
                 Catch::Contains(R"("z":{"data":[],"datatype":"INT","extent":[0,3]})"));
    REQUIRE_THAT(text,
                 Catch::Contains(R"("chars":{"data":[104,105],"datatype":"CHAR"})"));
    // One line, ending with a newline.
    REQUIRE(text.find('\n') == text.size() - 1);

    // And they read back.
    Handler reader(scratch.dir(), Access::READ_ONLY);
    Writable root2, z2;
    z2.parent = &root2;
    reader.openFile(root2, "s.json");
    auto const [dtype, extent] = reader.openDataset(z2, "z");
    REQUIRE(dtype == Datatype::INT);
    REQUIRE(extent == Extent{0, 3});
    REQUIRE(reader.readAttribute(root2, "huge").get<long double>() == 1e4000L);
    REQUIRE(reader.readAttribute(root2, "third").get<long double>() == 1.0L / 3.0L);
}
