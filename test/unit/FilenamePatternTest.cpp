#include <openPMD/auxiliary/IterationIndex.hpp>
#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

using namespace openPMD;

TEST_CASE("names without a placeholder are not file-based", "[filename]")
{
    CHECK_FALSE(FilenamePattern::parse("data.h5"));
    CHECK_FALSE(FilenamePattern::parse("data_100.json"));
    CHECK_FALSE(FilenamePattern::parse("100%.json"));
    CHECK_FALSE(FilenamePattern::parse("data_%X.json"));
}

TEST_CASE("%T and %0NT are parsed into prefix, padding, postfix, extension", "[filename]")
{
    auto plain = FilenamePattern::parse("data_%T.h5");
    REQUIRE(plain);
    CHECK(plain->prefix == "data_");
    CHECK(plain->padding == 0);
    CHECK(plain->postfix.empty());
    CHECK(plain->extension == std::optional<std::string>(".h5"));
    CHECK(plain->nameWithoutExtension() == "data_%T");

    auto padded = FilenamePattern::parse("sim.v1_%06T_fields.json");
    REQUIRE(padded);
    CHECK(padded->prefix == "sim.v1_");
    CHECK(padded->padding == 6);
    CHECK(padded->postfix == "_fields");
    CHECK(padded->extension == std::optional<std::string>(".json"));
    CHECK(padded->nameWithoutExtension() == "sim.v1_%06T_fields");

    auto generic = FilenamePattern::parse("data%T.%E");
    REQUIRE(generic);
    CHECK_FALSE(generic->extension.has_value());

    auto unknown = FilenamePattern::parse("data%T.txt");
    REQUIRE(unknown);
    CHECK(unknown->postfix == ".txt");
    CHECK(unknown->extension == std::optional<std::string>(""));

    // The last placeholder counts; an earlier '%' is part of the prefix.
    auto twice = FilenamePattern::parse("a%Tb%03T.json");
    REQUIRE(twice);
    CHECK(twice->prefix == "a%Tb");
    CHECK(twice->padding == 3);
}

TEST_CASE("a padding without leading zero is an error", "[filename]")
{
    CHECK_THROWS_AS(FilenamePattern::parse("data_%5T.h5"), error::WrongAPIUsage);
}

TEST_CASE("file names of iterations", "[filename]")
{
    auto padded = FilenamePattern::parse("f_%03T.json");
    REQUIRE(padded);
    CHECK(padded->filename(7) == "f_007.json");
    CHECK(padded->filename(100) == "f_100.json");
    CHECK(padded->filename(12345) == "f_12345.json");
    CHECK(padded->filename(0, ".h5") == "f_000.h5");

    auto plain = FilenamePattern::parse("data%T_x.h5");
    REQUIRE(plain);
    CHECK(plain->filename(42) == "data42_x.h5");

    auto generic = FilenamePattern::parse("data%T.%E");
    REQUIRE(generic);
    CHECK_THROWS_AS(generic->filename(1), error::WrongAPIUsage);
    CHECK(generic->filename(1, ".json") == "data1.json");
}

TEST_CASE("%T matches any number of digits", "[filename]")
{
    auto pattern = FilenamePattern::parse("data_%T.json");
    REQUIRE(pattern);
    auto m = pattern->match("data_100.json");
    REQUIRE(m);
    CHECK(m->iteration == 100);
    CHECK(m->digits == 3);
    CHECK(m->extension == ".json");
    m = pattern->match("data_000042.json");
    REQUIRE(m);
    CHECK(m->iteration == 42);
    CHECK(m->digits == 6);

    CHECK_FALSE(pattern->match("data_.json"));
    CHECK_FALSE(pattern->match("data_1x.json"));
    CHECK_FALSE(pattern->match("data_1.h5"));
    CHECK_FALSE(pattern->match("data_1.json.bak"));
    CHECK_FALSE(pattern->match("xdata_1.json"));
    CHECK_FALSE(pattern->match("data_-1.json"));
    // Too large for 64 bits: not an iteration of this series.
    CHECK_FALSE(pattern->match("data_99999999999999999999999.json"));
}

TEST_CASE("%0NT matches N digits, or more without a leading zero", "[filename]")
{
    auto pattern = FilenamePattern::parse("f_%05T.json");
    REQUIRE(pattern);
    auto m = pattern->match("f_00100.json");
    REQUIRE(m);
    CHECK(m->iteration == 100);
    CHECK(pattern->match("f_123456.json"));
    CHECK_FALSE(pattern->match("f_100.json"));
    CHECK_FALSE(pattern->match("f_012345.json"));
}

TEST_CASE("names with dots and digits in prefix and postfix", "[filename]")
{
    auto pattern = FilenamePattern::parse("run2.v3_%T5.h5");
    REQUIRE(pattern);
    CHECK(pattern->prefix == "run2.v3_");
    CHECK(pattern->postfix == "5");
    // The postfix starts with a digit: the digit run is split to fit it.
    auto m = pattern->match("run2.v3_125.h5");
    REQUIRE(m);
    CHECK(m->iteration == 12);
    CHECK_FALSE(pattern->match("run2.v3_5.h5"));
}

TEST_CASE(".%E matches every registered extension", "[filename]")
{
    auto pattern = FilenamePattern::parse("data%T.%E");
    REQUIRE(pattern);
    auto json = pattern->match("data10.json");
    REQUIRE(json);
    CHECK(json->extension == ".json");
    auto h5 = pattern->match("data10.h5");
    REQUIRE(h5);
    CHECK(h5->extension == ".h5");
    CHECK_FALSE(pattern->match("data10.txt"));
    CHECK_FALSE(pattern->match("data10"));
}

TEST_CASE("iteration indices from names never overflow or throw", "[filename]")
{
    using openPMD::auxiliary::isCanonicalIterationName;
    using openPMD::auxiliary::parseIterationIndex;
    CHECK(parseIterationIndex("0") == std::optional<std::uint64_t>(0));
    CHECK(parseIterationIndex("0012") == std::optional<std::uint64_t>(12));
    CHECK(parseIterationIndex("18446744073709551615") ==
          std::optional<std::uint64_t>(18446744073709551615ull));
    for (char const* bad : {"", "18446744073709551616", "99999999999999999999",
                            "000000000000000000000018446744073709551616", "-1", "+1",
                            "1e3", " 1", "1 ", "0x10"})
    {
        INFO(bad);
        CHECK_FALSE(parseIterationIndex(bad).has_value());
    }
    CHECK(isCanonicalIterationName("0"));
    CHECK(isCanonicalIterationName("70"));
    CHECK_FALSE(isCanonicalIterationName("07"));
    CHECK_FALSE(isCanonicalIterationName("00"));
    CHECK_FALSE(isCanonicalIterationName("x"));
}
