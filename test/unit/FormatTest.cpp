#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace openPMD;

TEST_CASE("determineFormat maps extensions to backends", "[format]")
{
    CHECK(determineFormat("data.json") == Format::JSON);
    CHECK(determineFormat("dir.with.dots/data.h5") == Format::HDF5);
    CHECK(determineFormat("data.bp") == Format::ADIOS2_BP);
    CHECK(determineFormat("data.bp4") == Format::ADIOS2_BP4);
    CHECK(determineFormat("data.bp5") == Format::ADIOS2_BP5);
    CHECK(determineFormat("data.sst") == Format::ADIOS2_SST);
    CHECK(determineFormat("data.ssc") == Format::ADIOS2_SSC);
    CHECK(determineFormat("data.toml") == Format::TOML);
    CHECK(determineFormat("data_%T.%E") == Format::GENERIC);
    CHECK(determineFormat("data") == Format::DUMMY);
    CHECK(determineFormat("data.h5.txt") == Format::DUMMY);
    CHECK(determineFormat("data.json5") == Format::DUMMY);
}

TEST_CASE("suffix is the inverse of determineFormat", "[format]")
{
    for (auto format : {Format::HDF5, Format::ADIOS2_BP, Format::ADIOS2_BP4,
                        Format::ADIOS2_BP5, Format::ADIOS2_SST, Format::ADIOS2_SSC,
                        Format::JSON, Format::TOML, Format::GENERIC})
    {
        CHECK(determineFormat("name" + suffix(format)) == format);
    }
    CHECK(suffix(Format::JSON) == ".json");
    CHECK(suffix(Format::HDF5) == ".h5");
    CHECK(suffix(Format::GENERIC) == ".%E");
    CHECK(suffix(Format::DUMMY).empty());
}

TEST_CASE("cleanFilename strips only the format's own extension", "[format]")
{
    CHECK(cleanFilename("data_%T.json", Format::JSON) == "data_%T");
    CHECK(cleanFilename("data.v2.h5", Format::HDF5) == "data.v2");
    CHECK(cleanFilename("data.h5", Format::JSON) == "data.h5");
    CHECK(cleanFilename("data_%T.%E", Format::GENERIC) == "data_%T");
}

TEST_CASE("the backend table lists every format and says what is built", "[format]")
{
    auto const& rows = BackendRegistry::rows();
    for (auto format :
         {Format::HDF5, Format::ADIOS2_BP, Format::JSON, Format::TOML, Format::DUMMY})
    {
        REQUIRE(BackendRegistry::find(format) != nullptr);
    }
    auto const* json = BackendRegistry::find(Format::JSON);
    CHECK(json->available);
    CHECK(json->name == "JSON");
    CHECK(BackendRegistry::findByName("json") == json);
    CHECK(BackendRegistry::findByName("JSON") == json);
    CHECK(BackendRegistry::findByName("no-such-backend") == nullptr);
    CHECK(BackendRegistry::find(Format::HDF5)->available == (openPMD_HAVE_HDF5 == 1));
    CHECK_FALSE(BackendRegistry::find(Format::ADIOS2_BP)->available);
    CHECK(rows.size() >= 9); // every Format but GENERIC

    auto extensions = getFileExtensions();
    CHECK(std::count(extensions.begin(), extensions.end(), "json") == 1);
    CHECK(std::count(extensions.begin(), extensions.end(), "h5") ==
          (openPMD_HAVE_HDF5 ? 1 : 0));
    CHECK(std::count(extensions.begin(), extensions.end(), "bp") == 0);

    auto variants = getVariants();
    CHECK(variants.at("json"));
    CHECK(variants.at("hdf5") == (openPMD_HAVE_HDF5 == 1));
    CHECK(variants.at("mpi") == (openPMD_HAVE_MPI == 1));
    CHECK_FALSE(variants.at("adios2"));
}

TEST_CASE("a backend that was not built in gives a clear error", "[format]")
{
    try
    {
        createIOHandler(".", Access::CREATE, Format::ADIOS2_BP);
        FAIL("expected an error");
    }
    catch (error::WrongAPIUsage const& e)
    {
        CHECK_THAT(e.what(), Catch::Contains("ADIOS2"));
        CHECK_THAT(e.what(), Catch::Contains("built without ADIOS2 support"));
    }
    CHECK_THROWS_AS(createIOHandler(".", Access::CREATE, Format::GENERIC),
                    error::WrongAPIUsage);
    CHECK_THROWS_AS(createIOHandler(".", Access::CREATE, static_cast<Format>(12345)),
                    error::WrongAPIUsage);
}

TEST_CASE("createIOHandler checks the options", "[format]")
{
    CHECK_THROWS_AS(createIOHandler(".", Access::CREATE, Format::DUMMY, "{not json"),
                    error::BackendConfigSchema);
    CHECK_THROWS_AS(createIOHandler(".", Access::CREATE, Format::DUMMY, "{\"dummy\": 3}"),
                    error::BackendConfigSchema);
    auto handler = createIOHandler(".", Access::CREATE, Format::DUMMY, "{\"dummy\": {}}");
    REQUIRE(handler);
    CHECK(handler->backendName() == "Dummy");
}

namespace
{
struct RecordedArguments
{
    std::string directory;
    Access access = Access::READ_ONLY;
    std::string options;
};

RecordedArguments lastArguments;

BackendRow testRow(std::string name, std::vector<std::string> extensions)
{
    BackendRow row;
    row.name = std::move(name);
    row.extensions = std::move(extensions);
    row.create = [](BackendArguments const& args) -> std::unique_ptr<AbstractIOHandler>
    {
        lastArguments = {args.directory, args.access, args.options};
        return std::make_unique<DummyIOHandler>(args.directory, args.access);
    };
    return row;
}
} // namespace

TEST_CASE("backends can be registered at run time by extension", "[format]")
{
    auto const format = BackendRegistry::registerBackend(testRow("Sketch", {".sketch"}));
    CHECK(static_cast<int>(format) > static_cast<int>(Format::DUMMY));
    CHECK(determineFormat("out.sketch") == format);
    CHECK(suffix(format) == ".sketch");
    CHECK(cleanFilename("out.sketch", format) == "out");
    auto extensions = getFileExtensions();
    CHECK(std::count(extensions.begin(), extensions.end(), "sketch") == 1);

    // The factory receives its own options section only.
    auto handler = createIOHandler("some/dir", Access::APPEND, format,
                                   R"({"sketch": {"level": 3}, "json": {}})");
    REQUIRE(handler);
    CHECK(lastArguments.directory == "some/dir");
    CHECK(lastArguments.access == Access::APPEND);
    CHECK(lastArguments.options == R"({"level":3})");

    // A file-based pattern finds files with the new extension.
    auto pattern = FilenamePattern::parse("out_%T.%E");
    REQUIRE(pattern);
    auto match = pattern->match("out_7.sketch");
    REQUIRE(match);
    CHECK(match->extension == ".sketch");

    BackendRegistry::unregisterBackend(format);
    CHECK(determineFormat("out.sketch") == Format::DUMMY);
    CHECK_THROWS_AS(createIOHandler(".", Access::CREATE, format), error::WrongAPIUsage);
}

TEST_CASE("registering a clashing backend is refused", "[format]")
{
    CHECK_THROWS_AS(BackendRegistry::registerBackend(testRow("Other", {".json"})),
                    error::WrongAPIUsage);
    CHECK_THROWS_AS(BackendRegistry::registerBackend(testRow("json", {".other"})),
                    error::WrongAPIUsage);
    CHECK_THROWS_AS(BackendRegistry::registerBackend(testRow("NoDot", {"nodot"})),
                    error::WrongAPIUsage);
    CHECK_THROWS_AS(BackendRegistry::registerBackend(testRow("NoExt", {})),
                    error::WrongAPIUsage);
    CHECK_THROWS_AS(BackendRegistry::unregisterBackend(Format::JSON),
                    error::WrongAPIUsage);
    CHECK(determineFormat("x.json") == Format::JSON);
}
