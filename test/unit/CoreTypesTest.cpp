#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace openPMD;

TEST_CASE("version functions and macros", "[core]")
{
    CHECK(getVersion() == "0.16.0");
    CHECK(getStandard() == "1.1.0");
    CHECK(getStandardMinimum() == "1.0.0");
    STATIC_REQUIRE(OPENPMDAPI_VERSION_GE(0, 16, 0));
    STATIC_REQUIRE(OPENPMDAPI_VERSION_GE(0, 15, 99));
    STATIC_REQUIRE_FALSE(OPENPMDAPI_VERSION_GE(0, 17, 0));
    STATIC_REQUIRE_FALSE(OPENPMDAPI_VERSION_GE(1, 0, 0));
    auto variants = getVariants();
    for (auto key : {"mpi", "json", "toml", "hdf5", "adios1", "adios2"})
    {
        CHECK(variants.count(key) == 1);
    }
}

TEST_CASE("Dataset keeps type, extent, rank and options", "[core]")
{
    Dataset d(Datatype::DOUBLE, {4, 5, 6}, R"({"resizable": true})");
    CHECK(d.dtype == Datatype::DOUBLE);
    CHECK(d.extent == Extent{4, 5, 6});
    CHECK(d.rank == 3);
    CHECK(d.options == R"({"resizable": true})");
    CHECK_FALSE(d.empty());
    CHECK_FALSE(d.joinedDimension());

    Dataset undefined({10});
    CHECK(undefined.dtype == Datatype::UNDEFINED);
    CHECK(undefined.options == "{}");

    CHECK(Dataset(Datatype::INT, {3, 0}).empty());
    CHECK(Dataset(Datatype::INT, {3, Dataset::JOINED_DIMENSION}).joinedDimension() ==
          std::optional<size_t>(1));
}

TEST_CASE("Dataset::extend grows and refuses to shrink or change rank", "[core]")
{
    Dataset d(Datatype::FLOAT, {4, 5});
    d.extend({8, 5});
    CHECK(d.extent == Extent{8, 5});
    CHECK_THROWS_AS(d.extend({8}), error::WrongAPIUsage);
    try
    {
        d.extend({7, 5});
        FAIL("expected an error");
    }
    catch (error::WrongAPIUsage const& e)
    {
        CHECK_THAT(e.what(), Catch::Contains("[7, 5]"));
        CHECK_THAT(e.what(), Catch::Contains("[8, 5]"));
    }
    CHECK(d.extent == Extent{8, 5});
}

TEST_CASE("ChunkInfo compares offset, extent and source", "[core]")
{
    WrittenChunkInfo a({0, 0}, {2, 3}, 1);
    WrittenChunkInfo b({0, 0}, {2, 3}, 1);
    WrittenChunkInfo c({0, 0}, {2, 3}, 2);
    CHECK(a == b);
    CHECK(a != c);
    CHECK(static_cast<ChunkInfo>(a) == static_cast<ChunkInfo>(c));
    CHECK(WrittenChunkInfo({1}, {2}).sourceID == 0);
    ChunkTable table{a, c};
    CHECK(table.size() == 2);
}

TEST_CASE("access helpers", "[core]")
{
    CHECK(Access::READ_RANDOM_ACCESS == Access::READ_ONLY);
    CHECK(access::readOnly(Access::READ_ONLY));
    CHECK(access::readOnly(Access::READ_LINEAR));
    CHECK_FALSE(access::readOnly(Access::READ_WRITE));
    CHECK(access::write(Access::READ_WRITE));
    CHECK(access::write(Access::CREATE));
    CHECK(access::write(Access::APPEND));
    CHECK_FALSE(access::write(Access::READ_LINEAR));
    CHECK(access::writeOnly(Access::CREATE));
    CHECK(access::writeOnly(Access::APPEND));
    CHECK_FALSE(access::writeOnly(Access::READ_WRITE));
    CHECK(access::read(Access::READ_WRITE));
    CHECK_FALSE(access::read(Access::CREATE));

    std::ostringstream os;
    os << Access::READ_LINEAR << ' ' << IterationEncoding::variableBased << ' '
       << IterationEncoding::fileBased << ' ' << IterationEncoding::groupBased;
    CHECK(os.str() == "READ_LINEAR variableBased fileBased groupBased");
}

TEST_CASE("errors say what happened", "[core]")
{
    error::ReadError read(error::AffectedObject::Dataset, error::Reason::NotFound,
                          std::string("JSON"),
                          "file 'a.json', path '/data/1/meshes/E/x': no such dataset");
    CHECK(read.affectedObject == error::AffectedObject::Dataset);
    CHECK(read.reason == error::Reason::NotFound);
    CHECK_THAT(read.what(), Catch::Contains("Dataset"));
    CHECK_THAT(read.what(), Catch::Contains("NotFound"));
    CHECK_THAT(read.what(), Catch::Contains("JSON"));
    CHECK_THAT(read.what(), Catch::Contains("/data/1/meshes/E/x"));

    error::BackendConfigSchema schema({"hdf5", "dataset", "chunks"}, "must be a list");
    CHECK_THAT(schema.what(), Catch::Contains("hdf5.dataset.chunks"));

    // The compatibility aliases name the same types.
    STATIC_REQUIRE(std::is_same_v<no_such_file_error, error::ReadError>);
    STATIC_REQUIRE(std::is_same_v<no_such_attribute_error, error::NoSuchAttribute>);
    STATIC_REQUIRE(std::is_base_of_v<Error, error::WriteError>);
    STATIC_REQUIRE(std::is_base_of_v<std::exception, Error>);

    Error const& base = error::NoSuchAttribute("unitSI");
    CHECK_THAT(base.what(), Catch::Contains("unitSI"));
}
