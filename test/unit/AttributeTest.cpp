#include "openPMD/backend/Attribute.hpp"
#include "openPMD/Error.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

using namespace openPMD;

namespace
{
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

// The 14 real numeric types (char types count as numbers).
template <typename F>
void forEachRealType(F&& f)
{
    forEachType<char, signed char, unsigned char, short, int, long, long long,
                unsigned short, unsigned int, unsigned long, unsigned long long, float,
                double, long double>(f);
}

template <typename F>
void forEachComplexType(F&& f)
{
    forEachType<std::complex<float>, std::complex<double>, std::complex<long double>>(f);
}

/** The target name the error message must contain for U. */
template <typename U>
std::string expectedTargetName()
{
    return datatypeToString(determineDatatype<U>());
}

/**
 * get<U>() must throw error::IllegalConversion naming both Datatypes (and the
 * reason), and getOptional<U>() must be empty.
 */
template <typename U>
void checkRejected(Attribute const& attribute,
                   std::string const& reason = "no conversion",
                   std::string const& targetName = expectedTargetName<U>())
{
    std::string const from = datatypeToString(attribute.dtype);
    INFO("from " << from << " to " << targetName);
    CHECK_FALSE(attribute.getOptional<U>().has_value());
    try
    {
        (void)attribute.get<U>();
        FAIL("get<" << targetName << "> of a " << from << " did not throw");
    }
    catch (error::IllegalConversion const& e)
    {
        std::string const what = e.what();
        CHECK_THAT(what, Catch::Contains("of type " + from + " "));
        CHECK_THAT(what, Catch::Contains(" to " + targetName + ":"));
        CHECK_THAT(what, Catch::Contains(reason));
        CHECK(dynamic_cast<Error const*>(&e) != nullptr);
    }
}

/** get<U>() and getOptional<U>() must both give `expected`. */
template <typename U>
void checkConverts(Attribute const& attribute, U const& expected)
{
    INFO("from " << attribute.dtype << " to " << expectedTargetName<U>());
    CHECK(attribute.get<U>() == expected);
    auto const optional = attribute.getOptional<U>();
    REQUIRE(optional.has_value());
    CHECK(*optional == expected);
}

std::array<double, 7> const unitDimension = {1., 0., -2., 0.5, 0., 3., -1.};
} // namespace

TEST_CASE("Attribute(x).dtype is determineDatatype of x for all 38 types", "[attribute]")
{
    auto const values = std::make_tuple(
        char('c'), static_cast<unsigned char>(200), static_cast<signed char>(-5),
        static_cast<short>(-300), -70000, -5000000000L, -6000000000LL,
        static_cast<unsigned short>(60000), 4000000000U, 9000000000UL, 10000000000ULL,
        1.5f, -2.25, 3.125L, std::complex<float>(1.f, -1.f),
        std::complex<double>(2., -2.), std::complex<long double>(3.L, -3.L),
        std::string("a string"), std::vector<char>{'a', 'b'}, std::vector<short>{-1, 2},
        std::vector<int>{-3, 4}, std::vector<long>{-5, 6}, std::vector<long long>{-7, 8},
        std::vector<unsigned char>{9, 10}, std::vector<unsigned short>{11, 12},
        std::vector<unsigned int>{13, 14}, std::vector<unsigned long>{15, 16},
        std::vector<unsigned long long>{17, 18}, std::vector<float>{0.5f, 1.5f},
        std::vector<double>{2.5, 3.5}, std::vector<long double>{4.5L, 5.5L},
        std::vector<std::complex<float>>{{1.f, 2.f}},
        std::vector<std::complex<double>>{{3., 4.}},
        std::vector<std::complex<long double>>{{5.L, 6.L}},
        std::vector<signed char>{-7, 8}, std::vector<std::string>{"x", "yz"},
        unitDimension, true);
    static_assert(std::tuple_size_v<decltype(values)> == 38);

    int index = 0;
    std::apply(
        [&index](auto const&... value)
        {
            auto check = [&index](auto const& x)
            {
                using T = std::decay_t<decltype(x)>;
                Attribute const attribute(x);
                INFO("value number " << index);
                CHECK(attribute.dtype == determineDatatype<T>());
                CHECK(attribute.dtype == static_cast<Datatype>(index));
                CHECK(attribute.getResource().index() == static_cast<size_t>(index));
                CHECK(attribute.get<T>() == x);
                CHECK(attribute.getOptional<T>() == std::optional<T>(x));
                ++index;
            };
            (check(value), ...);
        },
        values);
    CHECK(index == 38);
}

TEST_CASE("Attribute construction from literals and aliases", "[attribute]")
{
    CHECK(Attribute("literal").dtype == Datatype::STRING);
    CHECK(Attribute("literal").get<std::string>() == "literal");
    char const* pointer = "pointer";
    CHECK(Attribute(pointer).dtype == Datatype::STRING);
    CHECK(Attribute(std::uint8_t(1)).dtype == Datatype::UCHAR);
    CHECK(Attribute(std::int8_t(1)).dtype == Datatype::SCHAR);
    CHECK(Attribute(std::uint16_t(1)).dtype == Datatype::USHORT);
    CHECK(Attribute(std::int32_t(1)).dtype == Datatype::INT);
    CHECK(Attribute(std::vector<std::uint64_t>{1}).dtype ==
          determineDatatype<std::vector<std::uint64_t>>());
    Attribute::resource resource = 2.0;
    CHECK(Attribute(resource).dtype == Datatype::DOUBLE);
    Attribute copy = Attribute(7);
    CHECK(copy.dtype == Datatype::INT);
    CHECK(copy.get<int>() == 7);
}

TEST_CASE("getResource returns the stored variant without a copy", "[attribute]")
{
    static_assert(std::is_same_v<decltype(std::declval<Attribute const&>().getResource()),
                                 Attribute::resource const&>);
    Attribute const attribute(std::vector<double>(1000, 1.5));
    CHECK(&attribute.getResource() == &attribute.getResource());
    auto const& stored = std::get<std::vector<double>>(attribute.getResource());
    CHECK(stored.size() == 1000);
    CHECK(stored.front() == 1.5);
}

TEST_CASE("numbers convert to every real numeric type", "[attribute][conversion]")
{
    forEachRealType(
        [](auto fromTag)
        {
            using From = typename decltype(fromTag)::type;
            Attribute const attribute(static_cast<From>(42));
            forEachRealType(
                [&attribute](auto toTag)
                {
                    using To = typename decltype(toTag)::type;
                    checkConverts<To>(attribute, static_cast<To>(42));
                });
        });
}

TEST_CASE("real numbers convert to complex, complex to complex",
          "[attribute][conversion]")
{
    forEachRealType(
        [](auto fromTag)
        {
            using From = typename decltype(fromTag)::type;
            Attribute const attribute(static_cast<From>(42));
            forEachComplexType(
                [&attribute](auto toTag)
                {
                    using To = typename decltype(toTag)::type;
                    checkConverts<To>(attribute, To(42, 0));
                });
        });
    forEachComplexType(
        [](auto fromTag)
        {
            using From = typename decltype(fromTag)::type;
            Attribute const attribute(From(1.5, -2.25));
            forEachComplexType(
                [&attribute](auto toTag)
                {
                    using To = typename decltype(toTag)::type;
                    checkConverts<To>(attribute, To(1.5, -2.25));
                });
        });
}

TEST_CASE("complex numbers do not convert to real numbers", "[attribute][conversion]")
{
    forEachComplexType(
        [](auto fromTag)
        {
            using From = typename decltype(fromTag)::type;
            Attribute const attribute(From(1.5, 0));
            forEachRealType(
                [&attribute](auto toTag)
                {
                    using To = typename decltype(toTag)::type;
                    checkRejected<To>(attribute);
                });
        });
    checkRejected<std::vector<double>>(
        Attribute(std::vector<std::complex<double>>{{1., 0.}}));
}

TEST_CASE("numeric conversions are C++ casts", "[attribute][conversion]")
{
    checkConverts<int>(Attribute(3.75), 3);
    checkConverts<int>(Attribute(-3.75), -3);
    checkConverts<float>(Attribute(0.1), 0.1f);
    checkConverts<double>(Attribute(0.1f), static_cast<double>(0.1f));
    checkConverts<unsigned int>(Attribute(-1), std::numeric_limits<unsigned int>::max());
    checkConverts<unsigned char>(Attribute(300), static_cast<unsigned char>(44));
    checkConverts<char>(Attribute(65), 'A');
    checkConverts<int>(Attribute('A'), 65);
    checkConverts<std::uint8_t>(Attribute(-0.5), 0);
    checkConverts<double>(Attribute(std::numeric_limits<long long>::max()),
                          static_cast<double>(std::numeric_limits<long long>::max()));
}

TEST_CASE("floating point to integer out of range or NaN is rejected",
          "[attribute][conversion]")
{
    std::string const range = "NaN or outside the range";
    checkRejected<int>(Attribute(1e300), range);
    checkRejected<long>(Attribute(std::nan("")), range);
    checkRejected<unsigned int>(Attribute(-1.0), range);
    checkRejected<char>(Attribute(1000.f), range);
    checkRejected<long long>(Attribute(std::numeric_limits<double>::infinity()), range);
    // 2^63 fits into uint64_t but not into int64_t
    double const twoTo63 = std::ldexp(1.0, 63);
    checkRejected<std::int64_t>(Attribute(twoTo63), range);
    checkConverts<std::uint64_t>(Attribute(twoTo63), std::uint64_t(1) << 63U);
    checkConverts<std::int64_t>(Attribute(-twoTo63),
                                std::numeric_limits<std::int64_t>::min());
    // the same check applies element-wise
    checkRejected<std::vector<int>>(Attribute(std::vector<double>{1., std::nan("")}),
                                    range);
    // floating point to floating point is not range checked (IEEE gives inf)
    CHECK(std::isinf(Attribute(1e300).get<float>()));
}

TEST_CASE("bool converts only to bool", "[attribute][conversion]")
{
    checkConverts<bool>(Attribute(true), true);
    checkConverts<bool>(Attribute(false), false);
    Attribute const boolean(true);
    forEachRealType(
        [&boolean](auto toTag)
        {
            using To = typename decltype(toTag)::type;
            checkRejected<To>(boolean);
        });
    checkRejected<std::complex<double>>(boolean);
    checkRejected<std::string>(boolean);
    checkRejected<std::vector<int>>(boolean);
    forEachRealType(
        [](auto fromTag)
        {
            using From = typename decltype(fromTag)::type;
            checkRejected<bool>(Attribute(static_cast<From>(1)));
        });
    checkRejected<bool>(Attribute(std::string("true")));
    checkRejected<bool>(Attribute(std::vector<int>{1}));
}

TEST_CASE("vectors convert element by element", "[attribute][conversion]")
{
    Attribute const ints(std::vector<int>{1, -2, 3});
    checkConverts<std::vector<int>>(ints, {1, -2, 3});
    checkConverts<std::vector<double>>(ints, {1., -2., 3.});
    checkConverts<std::vector<long double>>(ints, {1.L, -2.L, 3.L});
    checkConverts<std::vector<short>>(ints, {1, -2, 3});
    checkConverts<std::vector<char>>(ints, {1, -2, 3});
    checkConverts<std::vector<unsigned long>>(ints,
                                              {1UL, static_cast<unsigned long>(-2), 3UL});
    checkConverts<std::vector<std::complex<float>>>(
        ints, {{1.f, 0.f}, {-2.f, 0.f}, {3.f, 0.f}});

    Attribute const doubles(std::vector<double>{1.5, -2.5});
    checkConverts<std::vector<int>>(doubles, {1, -2});
    checkConverts<std::vector<float>>(doubles, {1.5f, -2.5f});

    Attribute const complexes(std::vector<std::complex<double>>{{1., 2.}});
    checkConverts<std::vector<std::complex<long double>>>(complexes, {{1.L, 2.L}});
    checkRejected<std::vector<double>>(complexes);

    Attribute const chars(std::vector<char>{'a', 'b'});
    checkConverts<std::vector<int>>(chars, {97, 98});
    checkConverts<std::vector<signed char>>(chars, {97, 98});
}

TEST_CASE("whether a vector converts does not depend on its length",
          "[attribute][conversion]")
{
    Attribute const empty(std::vector<int>{});
    checkConverts<std::vector<double>>(empty, {});
    checkRejected<std::vector<std::string>>(empty);
    Attribute const noStrings(std::vector<std::string>{});
    checkRejected<std::vector<int>>(noStrings);
    checkRejected<std::vector<char>>(noStrings);
    // a scalar needs exactly one element
    checkRejected<int>(empty, "number of elements");
    checkRejected<int>(noStrings, "no conversion");
}

TEST_CASE("a scalar converts to a one-element vector", "[attribute][conversion]")
{
    checkConverts<std::vector<double>>(Attribute(2.5), {2.5});
    checkConverts<std::vector<float>>(Attribute(3), {3.f});
    checkConverts<std::vector<int>>(Attribute('x'), {120});
    checkConverts<std::vector<char>>(Attribute('x'), {'x'});
    checkConverts<std::vector<std::complex<double>>>(Attribute(1.f), {{1., 0.}});
    checkConverts<std::vector<std::string>>(Attribute(std::string("s")), {"s"});
    checkRejected<std::vector<double>>(Attribute(std::complex<double>(1., 1.)));
    checkRejected<std::vector<std::string>>(Attribute('x'));
    checkRejected<std::vector<int>>(Attribute(std::string("1")));
}

TEST_CASE("a one-element vector converts to a scalar", "[attribute][conversion]")
{
    checkConverts<double>(Attribute(std::vector<double>{2.5}), 2.5);
    checkConverts<float>(Attribute(std::vector<double>{2.5}), 2.5f);
    checkConverts<int>(Attribute(std::vector<double>{2.5}), 2);
    checkConverts<std::complex<float>>(Attribute(std::vector<int>{4}), {4.f, 0.f});
    checkConverts<std::string>(Attribute(std::vector<std::string>{"one"}), "one");
    checkConverts<char>(Attribute(std::vector<char>{'c'}), 'c');

    checkRejected<double>(Attribute(std::vector<double>{1., 2., 3.}), "(3 elements)");
    checkRejected<double>(Attribute(std::vector<double>{}), "(0 elements)");
    checkRejected<std::string>(Attribute(std::vector<std::string>{"a", "b"}),
                               "number of elements");
    checkRejected<double>(Attribute(std::vector<std::complex<double>>{{1., 0.}}));
    checkRejected<double>(Attribute(unitDimension), "(7 elements)");
}

TEST_CASE("vectors and std::array convert into each other", "[attribute][conversion]")
{
    std::vector<double> const seven(unitDimension.begin(), unitDimension.end());
    checkConverts<std::array<double, 7>>(Attribute(seven), unitDimension);
    checkConverts<std::array<double, 7>>(Attribute(std::vector<int>{1, 2, 3, 4, 5, 6, 7}),
                                         {1., 2., 3., 4., 5., 6., 7.});
    checkRejected<std::array<double, 7>>(Attribute(std::vector<double>(6, 1.)),
                                         "number of elements");
    checkRejected<std::array<double, 7>>(Attribute(std::vector<double>(8, 1.)),
                                         "(8 elements)");
    checkRejected<std::array<double, 7>>(Attribute(1.0), "number of elements");
    checkRejected<std::array<double, 7>>(Attribute(std::vector<std::string>(7, "x")));

    Attribute const array(unitDimension);
    checkConverts<std::vector<double>>(array, seven);
    checkConverts<std::vector<float>>(
        array, std::vector<float>(unitDimension.begin(), unitDimension.end()));
    checkConverts<std::vector<long double>>(
        array, std::vector<long double>(unitDimension.begin(), unitDimension.end()));
    checkRejected<std::vector<std::string>>(array);
}

TEST_CASE("std::array of other types and sizes", "[attribute][conversion]")
{
    using Float3 = std::array<float, 3>;
    checkConverts<Float3>(Attribute(std::vector<int>{1, 2, 3}), Float3{1.f, 2.f, 3.f});
    checkConverts<std::array<int, 1>>(Attribute(5), {5});
    checkConverts<std::array<int, 7>>(Attribute(unitDimension), {1, 0, -2, 0, 0, 3, -1});
    checkRejected<Float3>(Attribute(std::vector<int>{1, 2}), "number of elements",
                          "std::array<float, 3> (not an openPMD datatype)");
}

TEST_CASE("char types and one-character strings convert into each other",
          "[attribute][conversion]")
{
    checkConverts<std::string>(Attribute('x'), "x");
    checkConverts<std::string>(Attribute(static_cast<signed char>('y')), "y");
    checkConverts<std::string>(Attribute(static_cast<unsigned char>('z')), "z");
    Attribute const oneChar(std::string("q"));
    checkConverts<char>(oneChar, 'q');
    checkConverts<signed char>(oneChar, static_cast<signed char>('q'));
    checkConverts<unsigned char>(oneChar, static_cast<unsigned char>('q'));

    checkRejected<char>(Attribute(std::string("qr")), "a string of length 2");
    checkRejected<char>(Attribute(std::string()), "a string of length 0");
    checkRejected<unsigned char>(Attribute(std::string("ab")), "exactly one character");
    checkRejected<std::string>(Attribute(65));
    checkRejected<std::string>(Attribute(std::vector<char>{'x'}));
}

TEST_CASE("strings convert only to strings and vectors of strings",
          "[attribute][conversion]")
{
    Attribute const text(std::string("3.5"));
    checkConverts<std::string>(text, "3.5");
    checkConverts<std::vector<std::string>>(text, {"3.5"});
    checkRejected<double>(text);
    checkRejected<int>(text);
    checkRejected<std::vector<double>>(text);
    checkRejected<std::complex<double>>(text);

    Attribute const texts(std::vector<std::string>{"a", "b"});
    checkConverts<std::vector<std::string>>(texts, {"a", "b"});
    checkRejected<std::vector<int>>(texts);
    checkRejected<std::vector<char>>(texts);
    checkRejected<std::string>(texts, "(2 elements)");

    checkRejected<std::string>(Attribute(1.5));
    checkRejected<std::vector<std::string>>(Attribute(std::vector<double>{1.5}));
}

TEST_CASE("std::vector<char> and std::string do not convert", "[attribute][conversion]")
{
    checkRejected<std::string>(Attribute(std::vector<char>{'a', 'b'}));
    checkRejected<std::vector<char>>(Attribute(std::string("ab")));
    checkRejected<std::vector<char>>(Attribute(std::string("a")));
    checkRejected<std::vector<unsigned char>>(Attribute(std::string("ab")));
    checkRejected<std::string>(Attribute(std::vector<signed char>{'a'}));
}

TEST_CASE("fixed-width aliases work as get targets", "[attribute][conversion]")
{
    Attribute const bytes(std::vector<int>{0, 127, 255});
    checkConverts<std::vector<std::uint8_t>>(bytes, {0, 127, 255});
    checkConverts<std::vector<std::int64_t>>(bytes, {0, 127, 255});
    checkConverts<std::int8_t>(Attribute(-3.0), -3);
    checkConverts<std::uint16_t>(Attribute(65535), 65535);
    checkConverts<std::int32_t>(Attribute(7L), 7);
    checkConverts<std::uint64_t>(Attribute(8U), 8U);
    checkConverts<std::size_t>(Attribute(9LL), 9U);
    checkConverts<std::vector<std::size_t>>(Attribute(std::vector<long>{1, 2}), {1U, 2U});
}

namespace
{
struct NotAnAttributeType
{
    bool operator==(NotAnAttributeType const&) const { return true; }
};
} // namespace

TEST_CASE("types outside the openPMD set are named in errors", "[attribute][conversion]")
{
    checkRejected<std::vector<bool>>(Attribute(std::vector<int>{1}), "no conversion",
                                     "std::vector<bool> (not an openPMD datatype)");
    checkConverts<std::vector<bool>>(Attribute(true), {true});
    checkConverts<char16_t>(Attribute(65), u'A');
    checkRejected<std::complex<int>>(Attribute(1), "no conversion",
                                     "std::complex<int> (not an openPMD datatype)");

    Attribute const number(1);
    CHECK_FALSE(number.getOptional<NotAnAttributeType>().has_value());
    try
    {
        (void)number.get<NotAnAttributeType>();
        FAIL("no exception");
    }
    catch (error::IllegalConversion const& e)
    {
        CHECK_THAT(e.what(), Catch::Contains("of type INT "));
        CHECK_THAT(e.what(), Catch::Contains("NotAnAttributeType"));
    }
}

TEST_CASE("getOptional returns nullopt instead of throwing", "[attribute]")
{
    Attribute const text(std::string("abc"));
    CHECK_NOTHROW(text.getOptional<double>());
    CHECK(text.getOptional<double>() == std::nullopt);
    CHECK(text.getOptional<char>() == std::nullopt);
    CHECK(Attribute(1e300).getOptional<int>() == std::nullopt);
    CHECK(Attribute(std::vector<int>{1, 2}).getOptional<int>() == std::nullopt);
    CHECK(Attribute(std::vector<int>{1, 2}).getOptional<std::array<int, 2>>() ==
          std::array<int, 2>{1, 2});
    CHECK(text.getOptional<std::string>() == std::string("abc"));
}
