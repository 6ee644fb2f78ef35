// Attributes of all 38 types through a fresh handler: types compared with
// isSame, values compared; overwriting with another type or size.
#include "HDF5TestSupport.hpp"

#include "openPMD/Datatype.hpp"
#include "openPMD/Error.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <algorithm>
#include <array>
#include <complex>
#include <limits>
#include <map>
#include <set>

using namespace hdf5_test;

namespace
{
std::map<std::string, Attribute> allAttributeTypes()
{
    using std::complex;
    std::map<std::string, Attribute> a;
    a.emplace("char", char('x'));
    a.emplace("uchar", static_cast<unsigned char>(200));
    a.emplace("schar", static_cast<signed char>(-100));
    a.emplace("short", static_cast<short>(-30000));
    a.emplace("int", -2000000000);
    a.emplace("long", -(1L << 40));
    a.emplace("longlong", -(1LL << 50));
    a.emplace("ushort", static_cast<unsigned short>(60000));
    a.emplace("uint", 4000000000u);
    a.emplace("ulong", 1UL << 63);
    a.emplace("ulonglong", std::numeric_limits<unsigned long long>::max());
    a.emplace("float", 1.5f);
    a.emplace("double", 1e300);
    a.emplace("long_double", 1.0L / 3.0L);
    a.emplace("cfloat", complex<float>(1.5f, -2.f));
    a.emplace("cdouble", complex<double>(-1e200, 3.25));
    a.emplace("clong_double", complex<long double>(1.0L / 3.0L, -0.5L));
    a.emplace("string", std::string("hello openPMD"));
    a.emplace("string_empty", std::string());
    a.emplace("vec_char", std::vector<char>{'a', 'b', 'c'});
    a.emplace("vec_short", std::vector<short>{-1, 2, -3});
    a.emplace("vec_int", std::vector<int>{1, -2, 3, -4});
    a.emplace("vec_long", std::vector<long>{-(1L << 40), 5});
    a.emplace("vec_longlong", std::vector<long long>{1LL << 50, -7});
    a.emplace("vec_uchar", std::vector<unsigned char>{0, 128, 255});
    a.emplace("vec_ushort", std::vector<unsigned short>{0, 65535});
    a.emplace("vec_uint", std::vector<unsigned int>{7, 4000000000u});
    a.emplace("vec_ulong", std::vector<unsigned long>{1UL << 63, 3});
    a.emplace("vec_ulonglong", std::vector<unsigned long long>{0, ~0ULL});
    a.emplace("vec_float", std::vector<float>{0.5f, -1.5f});
    a.emplace("vec_double", std::vector<double>{1.0, 2.5, -1e-300});
    a.emplace("vec_double_one", std::vector<double>{4.0});
    a.emplace("vec_double_empty", std::vector<double>{});
    a.emplace("vec_long_double", std::vector<long double>{1.0L / 7.0L, 2.0L});
    a.emplace("vec_cfloat", std::vector<complex<float>>{{1, 2}, {3, -4}});
    a.emplace("vec_cdouble", std::vector<complex<double>>{{1e10, 2}, {0, -4}});
    a.emplace("vec_clong_double", std::vector<complex<long double>>{{1.0L / 3.0L, 2}});
    a.emplace("vec_schar", std::vector<signed char>{-128, 0, 127});
    a.emplace("vec_string", std::vector<std::string>{"a", "longer string", ""});
    a.emplace("vec_string_empty", std::vector<std::string>{});
    a.emplace("arr_dbl_7", std::array<double, 7>{1, 0, -2, 0, 0, 0, 0.5});
    a.emplace("unitDimension", std::array<double, 7>{1, 1, -3, -1, 0, 0, 0});
    a.emplace("bool_true", true);
    a.emplace("bool_false", false);
    return a;
}

/** The Datatype expected back: ARR_DBL_7 is only recognised by the name unitDimension. */
Datatype expectedType(std::string const& name, Datatype written)
{
    if (written == Datatype::ARR_DBL_7 && name != "unitDimension")
    {
        return Datatype::VEC_DOUBLE;
    }
    return written;
}

template <typename T>
struct IsSequence : std::false_type
{
};
template <typename T>
struct IsSequence<std::vector<T>> : std::true_type
{
};
template <typename T, size_t N>
struct IsSequence<std::array<T, N>> : std::true_type
{
};

/**
 * Equal values, where types of the same kind and size count as one
 * (SCHAR read as CHAR, LONGLONG as LONG, std::array as std::vector). Kept
 * here rather than relying on Attribute::get conversions.
 */
template <typename A, typename B>
bool equalValues(A const& a, B const& b)
{
    if constexpr (std::is_same_v<A, B>)
    {
        return a == b;
    }
    else if constexpr (std::is_arithmetic_v<A> && std::is_arithmetic_v<B>)
    {
        return sizeof(A) == sizeof(B) && static_cast<B>(a) == b;
    }
    else if constexpr (IsSequence<A>::value && IsSequence<B>::value)
    {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(),
                          [](auto const& x, auto const& y) { return equalValues(x, y); });
    }
    else
    {
        return false;
    }
}

bool sameValue(Attribute const& written, Attribute const& read)
{
    return std::visit([](auto const& a, auto const& b) { return equalValues(a, b); },
                      written.getResource(), read.getResource());
}
} // namespace

TEST_CASE("HDF5 attributes of all 38 types round-trip", "[hdf5][attribute]")
{
    ScratchDirectory scratch;
    auto const attributes = allAttributeTypes();
    std::set<Datatype> covered;
    for (auto const& [name, value] : attributes)
    {
        covered.insert(value.dtype);
    }
    REQUIRE(covered.size() == 38);
    {
        Session session(scratch.path(), Access::CREATE);
        Writable root, group;
        session.createFile(root, "attributes.h5");
        session.createPath(group, root, "data/1");
        for (auto const& [name, value] : attributes)
        {
            session.writeAttribute(group, name, value);
        }
        session.writeAttribute(root, "openPMD", std::string("1.1.0"));
        session.closeFile(root);
    }
    Session session(scratch.path(), Access::READ_ONLY);
    Writable root, group;
    session.openFile(root, "attributes.h5");
    session.openPath(group, root, "data/1");
    for (auto const& [name, written] : attributes)
    {
        Attribute const read = session.readAttribute(group, name);
        INFO(name << ": written " << written.dtype << ", read " << read.dtype);
        CHECK(isSame(read.dtype, expectedType(name, written.dtype)));
        CHECK(sameValue(written, read));
    }
    CHECK(session.readAttribute(group, "unitDimension").dtype == Datatype::ARR_DBL_7);
    CHECK(session.readAttribute(root, "openPMD").get<std::string>() == "1.1.0");

    Parameter<Operation::LIST_ATTS> list;
    session.run(&group, list);
    std::vector<std::string> names;
    for (auto const& entry : attributes)
    {
        names.push_back(entry.first);
    }
    CHECK(*list.attributes == names); // std::map keeps them sorted

    Parameter<Operation::READ_ATTS> all;
    session.run(&group, all);
    REQUIRE(all.attributes->size() == attributes.size());
    for (auto const& [name, written] : attributes)
    {
        INFO(name);
        CHECK(sameValue(written, all.attributes->at(name)));
    }
}

TEST_CASE("HDF5 attribute type mapping of ambiguous types is documented",
          "[hdf5][attribute]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root;
    session.createFile(root, "ambiguous.h5");
    session.writeAttribute(root, "schar", static_cast<signed char>(-3));
    session.writeAttribute(root, "longlong", 5LL);
    session.writeAttribute(root, "ulonglong", 5ULL);
    session.writeAttribute(root, "embedded_nul", std::string("a\0b", 3));
    // Same bytes on disk: what comes back is the first type of that kind and size.
    CHECK(session.readAttribute(root, "schar").dtype == Datatype::CHAR);
    CHECK(session.readAttribute(root, "longlong").dtype == Datatype::LONG);
    CHECK(session.readAttribute(root, "ulonglong").dtype == Datatype::ULONG);
    CHECK(session.readAttribute(root, "embedded_nul").get<std::string>() ==
          std::string("a\0b", 3));
}

TEST_CASE("HDF5 attribute overwrite never truncates", "[hdf5][attribute]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, group;
    session.createFile(root, "overwrite.h5");
    session.createPath(group, root, "data");

    session.writeAttribute(group, "vector", std::vector<int>{1, 2});
    session.writeAttribute(group, "vector", std::vector<int>{1, 2, 3, 4});
    CHECK(session.readAttribute(group, "vector").get<std::vector<int>>() ==
          std::vector<int>{1, 2, 3, 4});

    session.writeAttribute(group, "text", std::string("ab"));
    session.writeAttribute(group, "text", std::string("abcdef"));
    CHECK(session.readAttribute(group, "text").get<std::string>() == "abcdef");
    session.writeAttribute(group, "text", std::string("x"));
    CHECK(session.readAttribute(group, "text").get<std::string>() == "x");

    session.writeAttribute(group, "strings", std::vector<std::string>{"a"});
    session.writeAttribute(group, "strings",
                           std::vector<std::string>{"a", "much longer"});
    CHECK(session.readAttribute(group, "strings").get<std::vector<std::string>>() ==
          std::vector<std::string>{"a", "much longer"});

    session.writeAttribute(group, "number", 7);
    session.writeAttribute(group, "number", 2.5);
    Attribute const number = session.readAttribute(group, "number");
    CHECK(number.dtype == Datatype::DOUBLE);
    CHECK(number.get<double>() == 2.5);

    // Same type and size: written in place.
    session.writeAttribute(group, "number", 3.5);
    CHECK(session.readAttribute(group, "number").get<double>() == 3.5);

    Parameter<Operation::LIST_ATTS> list;
    session.run(&group, list);
    CHECK(*list.attributes ==
          std::vector<std::string>{"number", "strings", "text", "vector"});

    Parameter<Operation::DELETE_ATT> remove;
    remove.name = "text";
    session.run(&group, remove);
    remove.name = "never_written"; // not an error
    session.run(&group, remove);
    session.run(&group, list);
    CHECK(*list.attributes == std::vector<std::string>{"number", "strings", "vector"});
    CHECK_THROWS_AS(session.readAttribute(group, "text"), error::ReadError);
}

TEST_CASE("HDF5 missing attribute is a ReadError NotFound naming the object",
          "[hdf5][attribute]")
{
    ScratchDirectory scratch;
    Session session(scratch.path(), Access::CREATE);
    Writable root, group;
    session.createFile(root, "missing.h5");
    session.createPath(group, root, "data/7");
    try
    {
        session.readAttribute(group, "nothing");
        FAIL("no error");
    }
    catch (error::ReadError const& e)
    {
        CHECK(e.affectedObject == error::AffectedObject::Attribute);
        CHECK(e.reason == error::Reason::NotFound);
        std::string const what = e.what();
        CHECK(what.find("nothing") != std::string::npos);
        CHECK(what.find("/data/7") != std::string::npos);
        CHECK(what.find("missing.h5") != std::string::npos);
    }
}
