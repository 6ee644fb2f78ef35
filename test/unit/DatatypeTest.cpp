#include "openPMD/Datatype.hpp"
#include "openPMD/Error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace openPMD;

namespace
{
// The 39 Datatypes in the order and spelling of openPMD-api 0.16 (facts file
// section 2.11); written out, not derived from the implementation.
std::vector<std::string> const expectedNames = {"CHAR",
                                                "UCHAR",
                                                "SCHAR",
                                                "SHORT",
                                                "INT",
                                                "LONG",
                                                "LONGLONG",
                                                "USHORT",
                                                "UINT",
                                                "ULONG",
                                                "ULONGLONG",
                                                "FLOAT",
                                                "DOUBLE",
                                                "LONG_DOUBLE",
                                                "CFLOAT",
                                                "CDOUBLE",
                                                "CLONG_DOUBLE",
                                                "STRING",
                                                "VEC_CHAR",
                                                "VEC_SHORT",
                                                "VEC_INT",
                                                "VEC_LONG",
                                                "VEC_LONGLONG",
                                                "VEC_UCHAR",
                                                "VEC_USHORT",
                                                "VEC_UINT",
                                                "VEC_ULONG",
                                                "VEC_ULONGLONG",
                                                "VEC_FLOAT",
                                                "VEC_DOUBLE",
                                                "VEC_LONG_DOUBLE",
                                                "VEC_CFLOAT",
                                                "VEC_CDOUBLE",
                                                "VEC_CLONG_DOUBLE",
                                                "VEC_SCHAR",
                                                "VEC_STRING",
                                                "ARR_DBL_7",
                                                "BOOL",
                                                "UNDEFINED"};

std::vector<Datatype> allDatatypesWithUndefined()
{
    std::vector<Datatype> all;
    for (int i = 0; i <= static_cast<int>(Datatype::UNDEFINED); ++i)
    {
        all.push_back(static_cast<Datatype>(i));
    }
    return all;
}

template <typename T>
struct Tag
{
    using type = T;
};

template <typename... T, typename F>
void forEachType(F&& f)
{
    (f(Tag<T>{}), ...);
}

// The 38 attribute types in Datatype order.
template <typename F>
void forEachAttributeType(F&& f)
{
    forEachType<
        char, unsigned char, signed char, short, int, long, long long, unsigned short,
        unsigned int, unsigned long, unsigned long long, float, double, long double,
        std::complex<float>, std::complex<double>, std::complex<long double>, std::string,
        std::vector<char>, std::vector<short>, std::vector<int>, std::vector<long>,
        std::vector<long long>, std::vector<unsigned char>, std::vector<unsigned short>,
        std::vector<unsigned int>, std::vector<unsigned long>,
        std::vector<unsigned long long>, std::vector<float>, std::vector<double>,
        std::vector<long double>, std::vector<std::complex<float>>,
        std::vector<std::complex<double>>, std::vector<std::complex<long double>>,
        std::vector<signed char>, std::vector<std::string>, std::array<double, 7>, bool>(
        f);
}

bool contains(std::vector<Datatype> const& list, Datatype dt)
{
    return std::find(list.begin(), list.end(), dt) != list.end();
}

std::vector<Datatype> vectorsOf(std::vector<Datatype> const& scalars)
{
    std::vector<Datatype> result;
    for (auto dt : scalars)
    {
        result.push_back(toVectorType(dt));
    }
    return result;
}
} // namespace

TEST_CASE("Datatype has the 39 values in openPMD-api order", "[datatype]")
{
    REQUIRE(expectedNames.size() == 39);
    REQUIRE(static_cast<int>(Datatype::UNDEFINED) == 38);
    for (int i = 0; i < 39; ++i)
    {
        auto const dt = static_cast<Datatype>(i);
        CHECK(datatypeToString(dt) == expectedNames[static_cast<size_t>(i)]);
    }
    CHECK(static_cast<int>(Datatype::CHAR) == 0);
    CHECK(static_cast<int>(Datatype::STRING) == 17);
    CHECK(static_cast<int>(Datatype::VEC_SCHAR) == 34);
    CHECK(static_cast<int>(Datatype::ARR_DBL_7) == 36);
    CHECK(static_cast<int>(Datatype::BOOL) == 37);
}

TEST_CASE("openPMD_Datatypes lists the 38 types without UNDEFINED", "[datatype]")
{
    auto const all = openPMD_Datatypes();
    REQUIRE(all.size() == 38);
    for (size_t i = 0; i < all.size(); ++i)
    {
        CHECK(datatypeToString(all[i]) == expectedNames[i]);
    }
    CHECK_FALSE(contains(all, Datatype::UNDEFINED));
}

TEST_CASE("datatypeToString and stringToDatatype round-trip all 39", "[datatype]")
{
    for (auto dt : allDatatypesWithUndefined())
    {
        CHECK(stringToDatatype(datatypeToString(dt)) == dt);
    }
    for (auto const& name : expectedNames)
    {
        CHECK(datatypeToString(stringToDatatype(name)) == name);
    }
}

TEST_CASE("operator<< prints the enumerator spelling", "[datatype]")
{
    for (auto dt : allDatatypesWithUndefined())
    {
        std::ostringstream out;
        out << dt;
        CHECK(out.str() == expectedNames[static_cast<size_t>(dt)]);
    }
    CHECK(datatypeToString(static_cast<Datatype>(99)) == "Datatype(99)");
}

TEST_CASE("stringToDatatype rejects unknown names", "[datatype]")
{
    for (std::string bad : {"double", "VEC_BOOL", "", "DATATYPE", " INT", "INT "})
    {
        INFO("name '" << bad << "'");
        CHECK_THROWS_AS(stringToDatatype(bad), error::IllegalConversion);
        try
        {
            stringToDatatype(bad);
        }
        catch (error::IllegalConversion const& e)
        {
            CHECK_THAT(e.what(), Catch::Contains("'" + bad + "'"));
        }
    }
}

TEST_CASE("determineDatatype<T> knows all 38 attribute types", "[datatype]")
{
    int index = 0;
    forEachAttributeType(
        [&index](auto tag)
        {
            using T = typename decltype(tag)::type;
            CHECK(determineDatatype<T>() == static_cast<Datatype>(index));
            CHECK(determineDatatype<T const>() == static_cast<Datatype>(index));
            CHECK(determineDatatype<T const&>() == static_cast<Datatype>(index));
            CHECK(determineDatatype<T&&>() == static_cast<Datatype>(index));
            ++index;
        });
    CHECK(index == 38);
    static_assert(determineDatatype<double>() == Datatype::DOUBLE, "constexpr");
}

TEST_CASE("determineDatatype<T> maps fixed-width aliases and rejects others",
          "[datatype]")
{
    CHECK(determineDatatype<std::uint8_t>() == Datatype::UCHAR);
    CHECK(determineDatatype<std::int8_t>() == Datatype::SCHAR);
    CHECK(isSame(determineDatatype<std::int16_t>(), Datatype::SHORT));
    CHECK(isSame(determineDatatype<std::int32_t>(), Datatype::INT));
    CHECK(isSame(determineDatatype<std::int64_t>(), Datatype::LONGLONG));
    CHECK(isSame(determineDatatype<std::uint64_t>(), Datatype::ULONGLONG));
    CHECK(toBytes(determineDatatype<std::size_t>()) == sizeof(std::size_t));
    CHECK_FALSE(std::get<1>(isInteger<std::size_t>()));
    CHECK(determineDatatype<std::vector<std::uint8_t>>() == Datatype::VEC_UCHAR);
    CHECK(determineDatatype<std::vector<std::uint64_t>>() ==
          toVectorType(determineDatatype<std::uint64_t>()));

    CHECK(determineDatatype<char const*>() == Datatype::UNDEFINED);
    CHECK(determineDatatype<std::vector<bool>>() == Datatype::UNDEFINED);
    CHECK(determineDatatype<std::array<double, 3>>() == Datatype::UNDEFINED);
    CHECK(determineDatatype<std::array<float, 7>>() == Datatype::UNDEFINED);
    CHECK(determineDatatype<std::complex<int>>() == Datatype::UNDEFINED);
    CHECK(determineDatatype<char16_t>() == Datatype::UNDEFINED);
    CHECK(determineDatatype<double*>() == Datatype::UNDEFINED);
}

TEST_CASE("determineDatatype(pointer) gives the pointee's type", "[datatype]")
{
    double value = 0;
    double* raw = &value;
    double const* constRaw = &value;
    float array[4] = {};
    CHECK(determineDatatype(raw) == Datatype::DOUBLE);
    CHECK(determineDatatype(constRaw) == Datatype::DOUBLE);
    CHECK(determineDatatype(array) == Datatype::FLOAT);

    CHECK(determineDatatype(std::make_shared<int>(1)) == Datatype::INT);
    CHECK(determineDatatype(std::shared_ptr<short const>()) == Datatype::SHORT);
    CHECK(determineDatatype(std::shared_ptr<long double[]>()) == Datatype::LONG_DOUBLE);
    CHECK(determineDatatype(std::make_unique<unsigned>(2u)) == Datatype::UINT);
    CHECK(determineDatatype(std::make_unique<std::complex<float>[]>(3)) ==
          Datatype::CFLOAT);

    auto deleter = [](char* p) { delete p; };
    std::unique_ptr<char, decltype(deleter)> custom(new char('x'), deleter);
    CHECK(determineDatatype(custom) == Datatype::CHAR);
    std::unique_ptr<std::uint8_t[], void (*)(std::uint8_t*)> withFunction(
        new std::uint8_t[2], [](std::uint8_t* p) { delete[] p; });
    CHECK(determineDatatype(withFunction) == Datatype::UCHAR);

    std::shared_ptr<std::vector<int>> toVector;
    CHECK(determineDatatype(toVector) == Datatype::VEC_INT);
    std::shared_ptr<char16_t> unknown;
    CHECK(determineDatatype(unknown) == Datatype::UNDEFINED);
    static_assert(determineDatatype(static_cast<int*>(nullptr)) == Datatype::INT);
}

TEST_CASE("toBytes and toBits give the element size", "[datatype]")
{
    std::vector<std::pair<Datatype, size_t>> const expected = {
        {Datatype::CHAR, sizeof(char)},
        {Datatype::UCHAR, 1},
        {Datatype::SCHAR, 1},
        {Datatype::SHORT, sizeof(short)},
        {Datatype::INT, sizeof(int)},
        {Datatype::LONG, sizeof(long)},
        {Datatype::LONGLONG, sizeof(long long)},
        {Datatype::USHORT, sizeof(unsigned short)},
        {Datatype::UINT, sizeof(unsigned int)},
        {Datatype::ULONG, sizeof(unsigned long)},
        {Datatype::ULONGLONG, sizeof(unsigned long long)},
        {Datatype::FLOAT, sizeof(float)},
        {Datatype::DOUBLE, sizeof(double)},
        {Datatype::LONG_DOUBLE, sizeof(long double)},
        {Datatype::CFLOAT, 2 * sizeof(float)},
        {Datatype::CDOUBLE, 2 * sizeof(double)},
        {Datatype::CLONG_DOUBLE, 2 * sizeof(long double)},
        {Datatype::STRING, 1},
        {Datatype::VEC_CHAR, 1},
        {Datatype::VEC_SHORT, sizeof(short)},
        {Datatype::VEC_INT, sizeof(int)},
        {Datatype::VEC_LONG, sizeof(long)},
        {Datatype::VEC_LONGLONG, sizeof(long long)},
        {Datatype::VEC_UCHAR, 1},
        {Datatype::VEC_USHORT, sizeof(unsigned short)},
        {Datatype::VEC_UINT, sizeof(unsigned int)},
        {Datatype::VEC_ULONG, sizeof(unsigned long)},
        {Datatype::VEC_ULONGLONG, sizeof(unsigned long long)},
        {Datatype::VEC_FLOAT, sizeof(float)},
        {Datatype::VEC_DOUBLE, sizeof(double)},
        {Datatype::VEC_LONG_DOUBLE, sizeof(long double)},
        {Datatype::VEC_CFLOAT, 2 * sizeof(float)},
        {Datatype::VEC_CDOUBLE, 2 * sizeof(double)},
        {Datatype::VEC_CLONG_DOUBLE, 2 * sizeof(long double)},
        {Datatype::VEC_SCHAR, 1},
        {Datatype::VEC_STRING, 1},
        {Datatype::ARR_DBL_7, sizeof(double)},
        {Datatype::BOOL, sizeof(bool)}};
    REQUIRE(expected.size() == 38);
    for (auto const& [dt, bytes] : expected)
    {
        INFO(dt);
        CHECK(toBytes(dt) == bytes);
        CHECK(toBits(dt) == bytes * CHAR_BIT);
    }
    CHECK_THROWS_AS(toBytes(Datatype::UNDEFINED), error::WrongAPIUsage);
    CHECK_THROWS_AS(toBits(Datatype::UNDEFINED), error::WrongAPIUsage);
}

TEST_CASE("isVector is true for exactly the 18 VEC_ types", "[datatype]")
{
    for (auto dt : allDatatypesWithUndefined())
    {
        INFO(dt);
        bool const named = datatypeToString(dt).rfind("VEC_", 0) == 0;
        CHECK(isVector(dt) == named);
    }
    CHECK_FALSE(isVector(Datatype::ARR_DBL_7));
    CHECK_FALSE(isVector(Datatype::STRING));
}

TEST_CASE("isFloatingPoint and isComplexFloatingPoint", "[datatype]")
{
    std::vector<Datatype> const reals = {Datatype::FLOAT, Datatype::DOUBLE,
                                         Datatype::LONG_DOUBLE};
    std::vector<Datatype> const complexes = {Datatype::CFLOAT, Datatype::CDOUBLE,
                                             Datatype::CLONG_DOUBLE};
    auto const realVectors = vectorsOf(reals);
    auto const complexVectors = vectorsOf(complexes);
    for (auto dt : allDatatypesWithUndefined())
    {
        INFO(dt);
        CHECK(isFloatingPoint(dt) == (contains(reals, dt) || contains(realVectors, dt)));
        CHECK(isComplexFloatingPoint(dt) ==
              (contains(complexes, dt) || contains(complexVectors, dt)));
    }
    // ARR_DBL_7 is its own kind, as in openPMD-api
    CHECK_FALSE(isFloatingPoint(Datatype::ARR_DBL_7));
    CHECK(isFloatingPoint<float>());
    CHECK(isFloatingPoint<std::vector<long double>>());
    CHECK_FALSE(isFloatingPoint<int>());
    CHECK(isComplexFloatingPoint<std::complex<double>>());
    CHECK_FALSE(isComplexFloatingPoint<double>());
}

TEST_CASE("isInteger excludes chars and bool", "[datatype]")
{
    std::vector<Datatype> const signedInts = {Datatype::SHORT, Datatype::INT,
                                              Datatype::LONG, Datatype::LONGLONG};
    std::vector<Datatype> const unsignedInts = {Datatype::USHORT, Datatype::UINT,
                                                Datatype::ULONG, Datatype::ULONGLONG};
    auto const signedVectors = vectorsOf(signedInts);
    auto const unsignedVectors = vectorsOf(unsignedInts);
    for (auto dt : allDatatypesWithUndefined())
    {
        INFO(dt);
        bool const isSigned = contains(signedInts, dt) || contains(signedVectors, dt);
        bool const isUnsigned =
            contains(unsignedInts, dt) || contains(unsignedVectors, dt);
        auto const [integer, signedness] = isInteger(dt);
        CHECK(integer == (isSigned || isUnsigned));
        CHECK(signedness == isSigned);
    }
    CHECK(isInteger<long>() == std::make_tuple(true, true));
    CHECK(isInteger<unsigned short>() == std::make_tuple(true, false));
    CHECK(isInteger<char>() == std::make_tuple(false, false));
    CHECK(isInteger<bool>() == std::make_tuple(false, false));
}

TEST_CASE("isChar and isCharSigned", "[datatype]")
{
    std::vector<Datatype> const chars = {Datatype::CHAR,      Datatype::UCHAR,
                                         Datatype::SCHAR,     Datatype::VEC_CHAR,
                                         Datatype::VEC_UCHAR, Datatype::VEC_SCHAR};
    for (auto dt : allDatatypesWithUndefined())
    {
        INFO(dt);
        CHECK(isChar(dt) == contains(chars, dt));
    }
    CHECK(isCharSigned(Datatype::SCHAR) == std::make_tuple(true, true));
    CHECK(isCharSigned(Datatype::VEC_UCHAR) == std::make_tuple(true, false));
    CHECK(isCharSigned(Datatype::CHAR) == std::make_tuple(true, std::is_signed_v<char>));
    CHECK(isCharSigned(Datatype::STRING) == std::make_tuple(false, false));
}

TEST_CASE("isSame matches only identical representations", "[datatype]")
{
    // Pairs that are the same on this platform, from the C++ types directly.
    std::set<std::pair<Datatype, Datatype>> same;
    auto addIf = [&same](bool condition, Datatype a, Datatype b)
    {
        if (condition)
        {
            same.insert({a, b});
            same.insert({b, a});
            same.insert({toVectorType(a), toVectorType(b)});
            same.insert({toVectorType(b), toVectorType(a)});
        }
    };
    addIf(std::is_signed_v<char>, Datatype::CHAR, Datatype::SCHAR);
    addIf(!std::is_signed_v<char>, Datatype::CHAR, Datatype::UCHAR);
    addIf(sizeof(short) == sizeof(int), Datatype::SHORT, Datatype::INT);
    addIf(sizeof(int) == sizeof(long), Datatype::INT, Datatype::LONG);
    addIf(sizeof(long) == sizeof(long long), Datatype::LONG, Datatype::LONGLONG);
    addIf(sizeof(int) == sizeof(long), Datatype::UINT, Datatype::ULONG);
    addIf(sizeof(long) == sizeof(long long), Datatype::ULONG, Datatype::ULONGLONG);
    addIf(sizeof(double) == sizeof(long double), Datatype::DOUBLE, Datatype::LONG_DOUBLE);
    addIf(sizeof(double) == sizeof(long double), Datatype::CDOUBLE,
          Datatype::CLONG_DOUBLE);

    for (auto a : allDatatypesWithUndefined())
    {
        for (auto b : allDatatypesWithUndefined())
        {
            INFO(a << " vs " << b);
            CHECK(isSame(a, b) == (a == b || same.count({a, b}) == 1));
        }
    }
#if defined(__LP64__)
    CHECK(isSame(Datatype::LONG, Datatype::LONGLONG));
    CHECK(isSame(Datatype::VEC_ULONG, Datatype::VEC_ULONGLONG));
#endif
    CHECK_FALSE(isSame(Datatype::SCHAR, Datatype::UCHAR));
    CHECK_FALSE(isSame(Datatype::INT, Datatype::FLOAT));
    CHECK_FALSE(isSame(Datatype::ARR_DBL_7, Datatype::VEC_DOUBLE));
    CHECK_FALSE(isSame(Datatype::STRING, Datatype::VEC_CHAR));
    CHECK_FALSE(isSame(Datatype::BOOL, Datatype::UCHAR));
}

TEST_CASE("basicDatatype and toVectorType", "[datatype]")
{
    for (auto dt : allDatatypesWithUndefined())
    {
        INFO(dt);
        std::string const name = datatypeToString(dt);
        if (isVector(dt))
        {
            CHECK(datatypeToString(basicDatatype(dt)) == name.substr(4));
            CHECK(toVectorType(dt) == dt);
        }
        else if (dt == Datatype::ARR_DBL_7)
        {
            CHECK(basicDatatype(dt) == Datatype::DOUBLE);
            CHECK(toVectorType(dt) == Datatype::VEC_DOUBLE);
        }
        else if (dt == Datatype::BOOL || dt == Datatype::UNDEFINED)
        {
            CHECK(basicDatatype(dt) == dt);
            CHECK(toVectorType(dt) == Datatype::UNDEFINED);
        }
        else
        {
            CHECK(basicDatatype(dt) == dt);
            CHECK(datatypeToString(toVectorType(dt)) == "VEC_" + name);
            CHECK(basicDatatype(toVectorType(dt)) == dt);
        }
    }
}

TEST_CASE("isSameInteger, isSameFloatingPoint, isSameComplex..., isSameChar",
          "[datatype]")
{
    CHECK(isSameInteger<int>(Datatype::INT));
    CHECK(isSameInteger<std::int64_t>(Datatype::LONG) == (sizeof(long) == 8));
    CHECK(isSameInteger<std::int64_t>(Datatype::LONGLONG));
    CHECK(isSameInteger<std::uint16_t>(Datatype::USHORT));
    CHECK_FALSE(isSameInteger<int>(Datatype::UINT));
    CHECK_FALSE(isSameInteger<int>(Datatype::FLOAT));
    CHECK_FALSE(isSameInteger<int>(Datatype::VEC_INT));
    CHECK(isSameInteger<std::vector<int>>(Datatype::VEC_INT));
    CHECK_FALSE(isSameInteger<char>(Datatype::CHAR));
    CHECK_FALSE(isSameInteger<bool>(Datatype::BOOL));
    CHECK_FALSE(isSameInteger<char16_t>(Datatype::USHORT));

    CHECK(isSameFloatingPoint<double>(Datatype::DOUBLE));
    CHECK(isSameFloatingPoint<float>(Datatype::FLOAT));
    CHECK_FALSE(isSameFloatingPoint<float>(Datatype::DOUBLE));
    CHECK(isSameFloatingPoint<long double>(Datatype::DOUBLE) ==
          (sizeof(long double) == sizeof(double)));
    CHECK_FALSE(isSameFloatingPoint<double>(Datatype::CDOUBLE));
    CHECK_FALSE(isSameFloatingPoint<double>(Datatype::VEC_DOUBLE));
    CHECK_FALSE(isSameFloatingPoint<double>(Datatype::ARR_DBL_7));
    CHECK_FALSE(isSameFloatingPoint<std::uint64_t>(Datatype::DOUBLE));

    CHECK(isSameComplexFloatingPoint<std::complex<float>>(Datatype::CFLOAT));
    CHECK_FALSE(isSameComplexFloatingPoint<std::complex<float>>(Datatype::CDOUBLE));
    CHECK_FALSE(isSameComplexFloatingPoint<double>(Datatype::CFLOAT));
    CHECK(isSameComplexFloatingPoint<std::vector<std::complex<double>>>(
        Datatype::VEC_CDOUBLE));

    CHECK(isSameChar<char>(Datatype::CHAR));
    CHECK(isSameChar<char>(Datatype::SCHAR) == std::is_signed_v<char>);
    CHECK(isSameChar<char>(Datatype::UCHAR) == !std::is_signed_v<char>);
    CHECK(isSameChar<std::uint8_t>(Datatype::UCHAR));
    CHECK(isSameChar<signed char>(Datatype::SCHAR));
    CHECK_FALSE(isSameChar<signed char>(Datatype::UCHAR));
    CHECK_FALSE(isSameChar<short>(Datatype::SHORT));
    CHECK_FALSE(isSameChar<char>(Datatype::VEC_CHAR));
}

namespace
{
// Returns the Datatype of the type it was called with.
struct WhichType
{
    template <typename T>
    static Datatype call()
    {
        return determineDatatype<T>();
    }
};

// The same, with the call<0> fallback; it reports UNDEFINED as BOOL to
// make the fallback observable.
struct WhichTypeWithFallback
{
    template <typename T>
    static Datatype call()
    {
        return determineDatatype<T>();
    }
    template <int>
    static Datatype call()
    {
        return Datatype::BOOL;
    }
};

// Arguments are forwarded: writes through a reference.
struct CountCalls
{
    template <typename T>
    static void call(int& counter, std::string const& suffix)
    {
        counter += static_cast<int>(suffix.size());
    }
    static constexpr char const* errorMsg = "CountCalls action";
};

template <typename Switch>
void checkSwitch(Switch const& doSwitch, std::vector<Datatype> const& handled)
{
    for (auto dt : allDatatypesWithUndefined())
    {
        INFO(dt);
        if (contains(handled, dt))
        {
            CHECK(doSwitch(dt) == dt);
        }
        else
        {
            CHECK_THROWS_AS(doSwitch(dt), error::WrongAPIUsage);
        }
    }
}

std::vector<Datatype> firstDatatypes(int count)
{
    auto all = openPMD_Datatypes();
    all.resize(static_cast<size_t>(count));
    return all;
}
} // namespace

TEST_CASE("switchType calls the C++ type of all 38 types", "[datatype]")
{
    checkSwitch([](Datatype dt) { return switchType<WhichType>(dt); },
                firstDatatypes(38));
}

TEST_CASE("switchNonVectorType calls the 19 non-vector types", "[datatype]")
{
    auto handled = firstDatatypes(17);
    handled.push_back(Datatype::STRING);
    handled.push_back(Datatype::BOOL);
    checkSwitch([](Datatype dt) { return switchNonVectorType<WhichType>(dt); }, handled);
}

TEST_CASE("switchDatasetType calls the 17 dataset types", "[datatype]")
{
    checkSwitch([](Datatype dt) { return switchDatasetType<WhichType>(dt); },
                firstDatatypes(17));
}

TEST_CASE("switches call call<0> for UNDEFINED only", "[datatype]")
{
    CHECK(switchType<WhichTypeWithFallback>(Datatype::UNDEFINED) == Datatype::BOOL);
    CHECK(switchNonVectorType<WhichTypeWithFallback>(Datatype::UNDEFINED) ==
          Datatype::BOOL);
    CHECK(switchDatasetType<WhichTypeWithFallback>(Datatype::UNDEFINED) ==
          Datatype::BOOL);
    // Types the switch does not cover are an error even with the fallback.
    CHECK_THROWS_AS(switchDatasetType<WhichTypeWithFallback>(Datatype::STRING),
                    error::WrongAPIUsage);
    CHECK_THROWS_AS(switchNonVectorType<WhichTypeWithFallback>(Datatype::VEC_INT),
                    error::WrongAPIUsage);
    CHECK(switchType<WhichTypeWithFallback>(Datatype::INT) == Datatype::INT);
}

TEST_CASE("switch errors name the switch, the datatype and the action", "[datatype]")
{
    int counter = 0;
    try
    {
        switchNonVectorType<CountCalls>(Datatype::VEC_FLOAT, counter, std::string("ab"));
        FAIL("no exception");
    }
    catch (error::WrongAPIUsage const& e)
    {
        CHECK_THAT(e.what(), Catch::Contains("switchNonVectorType"));
        CHECK_THAT(e.what(), Catch::Contains("VEC_FLOAT"));
        CHECK_THAT(e.what(), Catch::Contains("CountCalls action"));
    }
    try
    {
        switchType<WhichType>(Datatype::UNDEFINED);
        FAIL("no exception");
    }
    catch (error::WrongAPIUsage const& e)
    {
        CHECK_THAT(e.what(), Catch::Contains("switchType"));
        CHECK_THAT(e.what(), Catch::Contains("UNDEFINED"));
        CHECK_THAT(e.what(), Catch::Contains("call<0>"));
    }
    CHECK(counter == 0);
}

TEST_CASE("switches forward their arguments", "[datatype]")
{
    int counter = 0;
    std::string const suffix = "abc";
    switchType<CountCalls>(Datatype::VEC_STRING, counter, suffix);
    switchNonVectorType<CountCalls>(Datatype::BOOL, counter, suffix);
    switchDatasetType<CountCalls>(Datatype::CLONG_DOUBLE, counter, std::string("xy"));
    CHECK(counter == 8);
}
