#include "openPMD/Datatype.hpp"
#include "openPMD/Error.hpp"

#include <array>
#include <climits>
#include <fmt/format.h>
#include <ostream>

namespace openPMD
{
namespace
{
    constexpr int numberOfDatatypes = static_cast<int>(Datatype::UNDEFINED);

    // Spellings in enum order; they are the JSON type tags.
    constexpr std::array<char const*, numberOfDatatypes + 1> names = {
        "CHAR",         "UCHAR",         "SCHAR",           "SHORT",
        "INT",          "LONG",          "LONGLONG",        "USHORT",
        "UINT",         "ULONG",         "ULONGLONG",       "FLOAT",
        "DOUBLE",       "LONG_DOUBLE",   "CFLOAT",          "CDOUBLE",
        "CLONG_DOUBLE", "STRING",        "VEC_CHAR",        "VEC_SHORT",
        "VEC_INT",      "VEC_LONG",      "VEC_LONGLONG",    "VEC_UCHAR",
        "VEC_USHORT",   "VEC_UINT",      "VEC_ULONG",       "VEC_ULONGLONG",
        "VEC_FLOAT",    "VEC_DOUBLE",    "VEC_LONG_DOUBLE", "VEC_CFLOAT",
        "VEC_CDOUBLE",  "VEC_CLONG_DOUBLE", "VEC_SCHAR",    "VEC_STRING",
        "ARR_DBL_7",    "BOOL",          "UNDEFINED"};

    template <typename T, typename = void>
    struct HasValueType : std::false_type
    {};
    template <typename T>
    struct HasValueType<T, std::void_t<typename T::value_type>> : std::true_type
    {};

    struct SizeOf
    {
        template <typename T>
        static size_t call()
        {
            if constexpr (std::is_same_v<T, std::string>)
            {
                return sizeof(char);
            }
            else if constexpr (std::is_same_v<T, std::vector<std::string>>)
            {
                return sizeof(char);
            }
            else if constexpr (HasValueType<T>::value && !std::is_arithmetic_v<T>)
            {
                if constexpr (std::is_same_v<
                                  T,
                                  std::complex<typename T::value_type>>)
                {
                    return sizeof(T);
                }
                else
                {
                    return sizeof(typename T::value_type);
                }
            }
            else
            {
                return sizeof(T);
            }
        }
    };
} // namespace

std::vector<Datatype> openPMD_Datatypes()
{
    std::vector<Datatype> all;
    for (int i = 0; i < numberOfDatatypes; ++i)
    {
        all.push_back(static_cast<Datatype>(i));
    }
    return all;
}

size_t toBytes(Datatype dt)
{
    if (dt == Datatype::UNDEFINED)
    {
        throw error::WrongAPIUsage("toBytes: the datatype UNDEFINED has no size");
    }
    return switchType<SizeOf>(dt);
}

size_t toBits(Datatype dt)
{
    return toBytes(dt) * CHAR_BIT;
}

bool isVector(Datatype dt)
{
    switch (dt)
    {
    case Datatype::VEC_CHAR:
    case Datatype::VEC_SHORT:
    case Datatype::VEC_INT:
    case Datatype::VEC_LONG:
    case Datatype::VEC_LONGLONG:
    case Datatype::VEC_UCHAR:
    case Datatype::VEC_USHORT:
    case Datatype::VEC_UINT:
    case Datatype::VEC_ULONG:
    case Datatype::VEC_ULONGLONG:
    case Datatype::VEC_FLOAT:
    case Datatype::VEC_DOUBLE:
    case Datatype::VEC_LONG_DOUBLE:
    case Datatype::VEC_CFLOAT:
    case Datatype::VEC_CDOUBLE:
    case Datatype::VEC_CLONG_DOUBLE:
    case Datatype::VEC_SCHAR:
    case Datatype::VEC_STRING:
        return true;
    default:
        return false;
    }
}

bool isFloatingPoint(Datatype dt)
{
    switch (basicDatatype(dt))
    {
    case Datatype::FLOAT:
    case Datatype::DOUBLE:
    case Datatype::LONG_DOUBLE:
        return true;
    default:
        return false;
    }
}

bool isComplexFloatingPoint(Datatype dt)
{
    switch (basicDatatype(dt))
    {
    case Datatype::CFLOAT:
    case Datatype::CDOUBLE:
    case Datatype::CLONG_DOUBLE:
        return true;
    default:
        return false;
    }
}

std::tuple<bool, bool> isInteger(Datatype dt)
{
    switch (basicDatatype(dt))
    {
    case Datatype::SHORT:
    case Datatype::INT:
    case Datatype::LONG:
    case Datatype::LONGLONG:
        return {true, true};
    case Datatype::USHORT:
    case Datatype::UINT:
    case Datatype::ULONG:
    case Datatype::ULONGLONG:
        return {true, false};
    default:
        return {false, false};
    }
}

std::tuple<bool, bool> isCharSigned(Datatype dt)
{
    switch (basicDatatype(dt))
    {
    case Datatype::CHAR:
        return {true, std::is_signed_v<char>};
    case Datatype::SCHAR:
        return {true, true};
    case Datatype::UCHAR:
        return {true, false};
    default:
        return {false, false};
    }
}

bool isChar(Datatype dt)
{
    return std::get<0>(isCharSigned(dt));
}

bool isSame(Datatype a, Datatype b)
{
    if (a == b)
    {
        return true;
    }
    if (a == Datatype::UNDEFINED || b == Datatype::UNDEFINED || isVector(a) != isVector(b))
    {
        return false;
    }
    auto const sameKind = [](auto const& f, Datatype x, Datatype y) { return f(x) == f(y); };
    return sameKind(isInteger, a, b) && sameKind(isCharSigned, a, b) &&
        sameKind(isFloatingPoint, a, b) && sameKind(isComplexFloatingPoint, a, b) &&
        basicDatatype(a) != Datatype::STRING && basicDatatype(b) != Datatype::STRING &&
        a != Datatype::BOOL && b != Datatype::BOOL && a != Datatype::ARR_DBL_7 &&
        b != Datatype::ARR_DBL_7 && toBytes(a) == toBytes(b);
}

Datatype basicDatatype(Datatype dt)
{
    switch (dt)
    {
    case Datatype::VEC_CHAR:
        return Datatype::CHAR;
    case Datatype::VEC_SHORT:
        return Datatype::SHORT;
    case Datatype::VEC_INT:
        return Datatype::INT;
    case Datatype::VEC_LONG:
        return Datatype::LONG;
    case Datatype::VEC_LONGLONG:
        return Datatype::LONGLONG;
    case Datatype::VEC_UCHAR:
        return Datatype::UCHAR;
    case Datatype::VEC_USHORT:
        return Datatype::USHORT;
    case Datatype::VEC_UINT:
        return Datatype::UINT;
    case Datatype::VEC_ULONG:
        return Datatype::ULONG;
    case Datatype::VEC_ULONGLONG:
        return Datatype::ULONGLONG;
    case Datatype::VEC_FLOAT:
        return Datatype::FLOAT;
    case Datatype::VEC_DOUBLE:
    case Datatype::ARR_DBL_7:
        return Datatype::DOUBLE;
    case Datatype::VEC_LONG_DOUBLE:
        return Datatype::LONG_DOUBLE;
    case Datatype::VEC_CFLOAT:
        return Datatype::CFLOAT;
    case Datatype::VEC_CDOUBLE:
        return Datatype::CDOUBLE;
    case Datatype::VEC_CLONG_DOUBLE:
        return Datatype::CLONG_DOUBLE;
    case Datatype::VEC_SCHAR:
        return Datatype::SCHAR;
    case Datatype::VEC_STRING:
        return Datatype::STRING;
    default:
        return dt;
    }
}

Datatype toVectorType(Datatype dt)
{
    for (Datatype candidate : openPMD_Datatypes())
    {
        if (isVector(candidate) && basicDatatype(candidate) == dt)
        {
            return candidate;
        }
    }
    return isVector(dt) ? dt : Datatype::UNDEFINED;
}

std::string datatypeToString(Datatype dt)
{
    auto const index = static_cast<int>(dt);
    if (index < 0 || index > numberOfDatatypes)
    {
        return fmt::format("Datatype({})", index);
    }
    return names[static_cast<size_t>(index)];
}

Datatype stringToDatatype(std::string const& name)
{
    for (size_t i = 0; i < names.size(); ++i)
    {
        if (name == names[i])
        {
            return static_cast<Datatype>(i);
        }
    }
    throw error::IllegalConversion(
        fmt::format("'{}' is not the name of an openPMD datatype", name));
}

std::ostream& operator<<(std::ostream& os, Datatype const& dt)
{
    return os << datatypeToString(dt);
}

namespace detail
{
    void throwUnknownDatatype(Datatype dt, char const* switchName)
    {
        throw error::WrongAPIUsage(fmt::format(
            "{}: datatype {} is not handled here", switchName, datatypeToString(dt)));
    }
} // namespace detail
} // namespace openPMD
