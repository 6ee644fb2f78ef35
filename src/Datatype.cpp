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
// clang-format off
constexpr std::array<char const*, numberOfDatatypes + 1> names = {
    "CHAR", "UCHAR", "SCHAR", "SHORT", "INT", "LONG", "LONGLONG",
    "USHORT", "UINT", "ULONG", "ULONGLONG",
    "FLOAT", "DOUBLE", "LONG_DOUBLE", "CFLOAT", "CDOUBLE", "CLONG_DOUBLE",
    "STRING",
    "VEC_CHAR", "VEC_SHORT", "VEC_INT", "VEC_LONG", "VEC_LONGLONG",
    "VEC_UCHAR", "VEC_USHORT", "VEC_UINT", "VEC_ULONG", "VEC_ULONGLONG",
    "VEC_FLOAT", "VEC_DOUBLE", "VEC_LONG_DOUBLE",
    "VEC_CFLOAT", "VEC_CDOUBLE", "VEC_CLONG_DOUBLE",
    "VEC_SCHAR", "VEC_STRING", "ARR_DBL_7", "BOOL", "UNDEFINED"};
// clang-format on

// The dataset types are the first 17 Datatypes, in the same order.
template <std::size_t... I>
constexpr bool datasetTypesInEnumOrder(std::index_sequence<I...>)
{
    return ((determineDatatype<std::variant_alternative_t<I, dataset_types>>() ==
             static_cast<Datatype>(I)) &&
            ...);
}
static_assert(datasetTypesInEnumOrder(
    std::make_index_sequence<std::variant_size_v<dataset_types>>{}));

/** Size of one element of T (of the element type for containers). */
template <typename T>
struct ElementSize
{
    static constexpr size_t value = sizeof(T);
};
template <>
struct ElementSize<std::string>
{
    static constexpr size_t value = sizeof(char);
};
template <typename T>
struct ElementSize<std::vector<T>> : ElementSize<T>
{
};
template <typename T, std::size_t N>
struct ElementSize<std::array<T, N>> : ElementSize<T>
{
};

struct SizeOf
{
    template <typename T>
    static size_t call()
    {
        return ElementSize<T>::value;
    }
    static constexpr char const* errorMsg = "toBytes";
};

/**
 * The kind of a Datatype's elements; two Datatypes of the same kind, the
 * same vector-ness and the same element size are represented identically.
 */
enum class Kind
{
    SignedInteger,
    UnsignedInteger,
    SignedChar,
    UnsignedChar,
    FloatingPoint,
    ComplexFloatingPoint,
    String,
    Bool,
    DoubleArray,
    Undefined
};

Kind kindOf(Datatype dt)
{
    switch (basicDatatype(dt))
    {
    case Datatype::SHORT:
    case Datatype::INT:
    case Datatype::LONG:
    case Datatype::LONGLONG:
        return Kind::SignedInteger;
    case Datatype::USHORT:
    case Datatype::UINT:
    case Datatype::ULONG:
    case Datatype::ULONGLONG:
        return Kind::UnsignedInteger;
    case Datatype::CHAR:
        return std::is_signed_v<char> ? Kind::SignedChar : Kind::UnsignedChar;
    case Datatype::SCHAR:
        return Kind::SignedChar;
    case Datatype::UCHAR:
        return Kind::UnsignedChar;
    case Datatype::FLOAT:
    case Datatype::DOUBLE:
    case Datatype::LONG_DOUBLE:
        // basicDatatype(ARR_DBL_7) is DOUBLE, but the array is its own kind
        return dt == Datatype::ARR_DBL_7 ? Kind::DoubleArray : Kind::FloatingPoint;
    case Datatype::CFLOAT:
    case Datatype::CDOUBLE:
    case Datatype::CLONG_DOUBLE:
        return Kind::ComplexFloatingPoint;
    case Datatype::STRING:
        return Kind::String;
    case Datatype::BOOL:
        return Kind::Bool;
    default:
        return Kind::Undefined;
    }
}
} // namespace

std::vector<Datatype> openPMD_Datatypes()
{
    std::vector<Datatype> all;
    all.reserve(numberOfDatatypes);
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
    // ARR_DBL_7 has DOUBLE as basic type, but is no vector
    return dt != Datatype::ARR_DBL_7 && basicDatatype(dt) != dt;
}

bool isFloatingPoint(Datatype dt)
{
    return kindOf(dt) == Kind::FloatingPoint;
}

bool isComplexFloatingPoint(Datatype dt)
{
    return kindOf(dt) == Kind::ComplexFloatingPoint;
}

std::tuple<bool, bool> isInteger(Datatype dt)
{
    switch (kindOf(dt))
    {
    case Kind::SignedInteger:
        return {true, true};
    case Kind::UnsignedInteger:
        return {true, false};
    default:
        return {false, false};
    }
}

std::tuple<bool, bool> isCharSigned(Datatype dt)
{
    switch (kindOf(dt))
    {
    case Kind::SignedChar:
        return {true, true};
    case Kind::UnsignedChar:
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
    // Kinds other than these contain a single Datatype, handled above.
    switch (kindOf(a))
    {
    case Kind::SignedInteger:
    case Kind::UnsignedInteger:
    case Kind::SignedChar:
    case Kind::UnsignedChar:
    case Kind::FloatingPoint:
    case Kind::ComplexFloatingPoint:
        return kindOf(a) == kindOf(b) && isVector(a) == isVector(b) &&
               toBytes(a) == toBytes(b);
    default:
        return false;
    }
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
    switch (dt)
    {
    case Datatype::CHAR:
        return Datatype::VEC_CHAR;
    case Datatype::UCHAR:
        return Datatype::VEC_UCHAR;
    case Datatype::SCHAR:
        return Datatype::VEC_SCHAR;
    case Datatype::SHORT:
        return Datatype::VEC_SHORT;
    case Datatype::INT:
        return Datatype::VEC_INT;
    case Datatype::LONG:
        return Datatype::VEC_LONG;
    case Datatype::LONGLONG:
        return Datatype::VEC_LONGLONG;
    case Datatype::USHORT:
        return Datatype::VEC_USHORT;
    case Datatype::UINT:
        return Datatype::VEC_UINT;
    case Datatype::ULONG:
        return Datatype::VEC_ULONG;
    case Datatype::ULONGLONG:
        return Datatype::VEC_ULONGLONG;
    case Datatype::FLOAT:
        return Datatype::VEC_FLOAT;
    case Datatype::DOUBLE:
    case Datatype::ARR_DBL_7:
        return Datatype::VEC_DOUBLE;
    case Datatype::LONG_DOUBLE:
        return Datatype::VEC_LONG_DOUBLE;
    case Datatype::CFLOAT:
        return Datatype::VEC_CFLOAT;
    case Datatype::CDOUBLE:
        return Datatype::VEC_CDOUBLE;
    case Datatype::CLONG_DOUBLE:
        return Datatype::VEC_CLONG_DOUBLE;
    case Datatype::STRING:
        return Datatype::VEC_STRING;
    case Datatype::BOOL:
    case Datatype::UNDEFINED:
        return Datatype::UNDEFINED;
    default:
        return isVector(dt) ? dt : Datatype::UNDEFINED;
    }
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
        fmt::format("'{}' is not the name of an openPMD datatype (expected an upper-case "
                    "enumerator spelling such as DOUBLE, VEC_INT or ARR_DBL_7)",
                    name));
}

std::ostream& operator<<(std::ostream& os, Datatype const& dt)
{
    return os << datatypeToString(dt);
}

namespace detail
{
void throwUnknownDatatype(Datatype dt, char const* switchName, char const* actionMessage)
{
    std::string const context =
        *actionMessage == '\0' ? std::string() : fmt::format(" [{}]", actionMessage);
    throw error::WrongAPIUsage(fmt::format(
        "{}{}: datatype {} is not one of the types this switch handles{}", switchName,
        context, datatypeToString(dt),
        dt == Datatype::UNDEFINED ? " (and the action has no call<0> fallback)" : ""));
}
} // namespace detail
} // namespace openPMD
