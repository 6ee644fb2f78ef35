#pragma once

#include <array>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace openPMD
{
/**
 * Every type that an attribute or a dataset can have.
 *
 * The order is part of the API (openPMD-api's order): it equals the index of
 * the type in Attribute's variant, and the enumerator spellings are the type
 * tags of the JSON format. Note that VEC_SCHAR comes after VEC_CLONG_DOUBLE.
 */
enum class Datatype : int
{
    CHAR,
    UCHAR,
    SCHAR,
    SHORT,
    INT,
    LONG,
    LONGLONG,
    USHORT,
    UINT,
    ULONG,
    ULONGLONG,
    FLOAT,
    DOUBLE,
    LONG_DOUBLE,
    CFLOAT,
    CDOUBLE,
    CLONG_DOUBLE,
    STRING,
    VEC_CHAR,
    VEC_SHORT,
    VEC_INT,
    VEC_LONG,
    VEC_LONGLONG,
    VEC_UCHAR,
    VEC_USHORT,
    VEC_UINT,
    VEC_ULONG,
    VEC_ULONGLONG,
    VEC_FLOAT,
    VEC_DOUBLE,
    VEC_LONG_DOUBLE,
    VEC_CFLOAT,
    VEC_CDOUBLE,
    VEC_CLONG_DOUBLE,
    VEC_SCHAR,
    VEC_STRING,
    ARR_DBL_7,
    BOOL,
    UNDEFINED
};

/** The 38 C++ types of attributes, in the order of Datatype. */
using attribute_types = std::variant<
    char,
    unsigned char,
    signed char,
    short,
    int,
    long,
    long long,
    unsigned short,
    unsigned int,
    unsigned long,
    unsigned long long,
    float,
    double,
    long double,
    std::complex<float>,
    std::complex<double>,
    std::complex<long double>,
    std::string,
    std::vector<char>,
    std::vector<short>,
    std::vector<int>,
    std::vector<long>,
    std::vector<long long>,
    std::vector<unsigned char>,
    std::vector<unsigned short>,
    std::vector<unsigned int>,
    std::vector<unsigned long>,
    std::vector<unsigned long long>,
    std::vector<float>,
    std::vector<double>,
    std::vector<long double>,
    std::vector<std::complex<float>>,
    std::vector<std::complex<double>>,
    std::vector<std::complex<long double>>,
    std::vector<signed char>,
    std::vector<std::string>,
    std::array<double, 7>,
    bool>;

/** The 17 scalar numeric types a dataset can have. */
using dataset_types = std::variant<
    char,
    unsigned char,
    signed char,
    short,
    int,
    long,
    long long,
    unsigned short,
    unsigned int,
    unsigned long,
    unsigned long long,
    float,
    double,
    long double,
    std::complex<float>,
    std::complex<double>,
    std::complex<long double>>;

/** All datatypes except UNDEFINED, in enum order. */
std::vector<Datatype> openPMD_Datatypes();

namespace detail
{
    template <typename T>
    struct DatatypeOf
    {
        static constexpr Datatype value = Datatype::UNDEFINED;
    };
#define OPENPMD_DATATYPE_OF(TYPE, DT)                                                    \
    template <>                                                                          \
    struct DatatypeOf<TYPE>                                                              \
    {                                                                                    \
        static constexpr Datatype value = Datatype::DT;                                  \
    };
    OPENPMD_DATATYPE_OF(char, CHAR)
    OPENPMD_DATATYPE_OF(unsigned char, UCHAR)
    OPENPMD_DATATYPE_OF(signed char, SCHAR)
    OPENPMD_DATATYPE_OF(short, SHORT)
    OPENPMD_DATATYPE_OF(int, INT)
    OPENPMD_DATATYPE_OF(long, LONG)
    OPENPMD_DATATYPE_OF(long long, LONGLONG)
    OPENPMD_DATATYPE_OF(unsigned short, USHORT)
    OPENPMD_DATATYPE_OF(unsigned int, UINT)
    OPENPMD_DATATYPE_OF(unsigned long, ULONG)
    OPENPMD_DATATYPE_OF(unsigned long long, ULONGLONG)
    OPENPMD_DATATYPE_OF(float, FLOAT)
    OPENPMD_DATATYPE_OF(double, DOUBLE)
    OPENPMD_DATATYPE_OF(long double, LONG_DOUBLE)
    OPENPMD_DATATYPE_OF(std::complex<float>, CFLOAT)
    OPENPMD_DATATYPE_OF(std::complex<double>, CDOUBLE)
    OPENPMD_DATATYPE_OF(std::complex<long double>, CLONG_DOUBLE)
    OPENPMD_DATATYPE_OF(std::string, STRING)
    OPENPMD_DATATYPE_OF(std::vector<char>, VEC_CHAR)
    OPENPMD_DATATYPE_OF(std::vector<short>, VEC_SHORT)
    OPENPMD_DATATYPE_OF(std::vector<int>, VEC_INT)
    OPENPMD_DATATYPE_OF(std::vector<long>, VEC_LONG)
    OPENPMD_DATATYPE_OF(std::vector<long long>, VEC_LONGLONG)
    OPENPMD_DATATYPE_OF(std::vector<unsigned char>, VEC_UCHAR)
    OPENPMD_DATATYPE_OF(std::vector<unsigned short>, VEC_USHORT)
    OPENPMD_DATATYPE_OF(std::vector<unsigned int>, VEC_UINT)
    OPENPMD_DATATYPE_OF(std::vector<unsigned long>, VEC_ULONG)
    OPENPMD_DATATYPE_OF(std::vector<unsigned long long>, VEC_ULONGLONG)
    OPENPMD_DATATYPE_OF(std::vector<float>, VEC_FLOAT)
    OPENPMD_DATATYPE_OF(std::vector<double>, VEC_DOUBLE)
    OPENPMD_DATATYPE_OF(std::vector<long double>, VEC_LONG_DOUBLE)
    OPENPMD_DATATYPE_OF(std::vector<std::complex<float>>, VEC_CFLOAT)
    OPENPMD_DATATYPE_OF(std::vector<std::complex<double>>, VEC_CDOUBLE)
    OPENPMD_DATATYPE_OF(std::vector<std::complex<long double>>, VEC_CLONG_DOUBLE)
    OPENPMD_DATATYPE_OF(std::vector<signed char>, VEC_SCHAR)
    OPENPMD_DATATYPE_OF(std::vector<std::string>, VEC_STRING)
    OPENPMD_DATATYPE_OF(bool, BOOL)
#undef OPENPMD_DATATYPE_OF
    template <>
    struct DatatypeOf<std::array<double, 7>>
    {
        static constexpr Datatype value = Datatype::ARR_DBL_7;
    };

    template <typename T>
    struct PointeeOf
    {
        using type = void;
    };
    template <typename T>
    struct PointeeOf<T*>
    {
        using type = T;
    };
    template <typename T>
    struct PointeeOf<std::shared_ptr<T>>
    {
        using type = T;
    };
    template <typename T>
    struct PointeeOf<std::shared_ptr<T[]>>
    {
        using type = T;
    };
    template <typename T, typename Del>
    struct PointeeOf<std::unique_ptr<T, Del>>
    {
        using type = T;
    };
    template <typename T, typename Del>
    struct PointeeOf<std::unique_ptr<T[], Del>>
    {
        using type = T;
    };
} // namespace detail

/** The Datatype of a C++ type; UNDEFINED for types openPMD does not know. */
template <typename T>
constexpr Datatype determineDatatype()
{
    return detail::DatatypeOf<std::remove_cv_t<std::remove_reference_t<T>>>::value;
}

/**
 * The Datatype of what a pointer points to: raw pointers, shared_ptr and
 * unique_ptr (also of arrays). Use determineDatatype<T>() for containers.
 */
template <typename Pointer>
constexpr Datatype determineDatatype(Pointer const&)
{
    using Pointee = typename detail::PointeeOf<std::remove_cv_t<Pointer>>::type;
    static_assert(
        !std::is_void_v<Pointee>,
        "determineDatatype(x) takes a pointer (raw, shared_ptr or unique_ptr); "
        "for a value or container type use determineDatatype<T>()");
    return determineDatatype<Pointee>();
}

/** Size in bytes of one element (of the element type, for vectors). */
size_t toBytes(Datatype);
/** Size in bits of one element. */
size_t toBits(Datatype);
bool isVector(Datatype);
bool isFloatingPoint(Datatype);
bool isComplexFloatingPoint(Datatype);
/** (is an integer, is signed); CHAR types are not integers here. */
std::tuple<bool, bool> isInteger(Datatype);
/** CHAR, UCHAR, SCHAR and their vectors. */
bool isChar(Datatype);
/** (is a char type, is signed). */
std::tuple<bool, bool> isCharSigned(Datatype);
/** Same kind, size and signedness (e.g. LONG and LONGLONG on LP64). */
bool isSame(Datatype, Datatype);
/** The element type of a vector type; the type itself otherwise. */
Datatype basicDatatype(Datatype);
/** The vector type of a scalar type; UNDEFINED where none exists. */
Datatype toVectorType(Datatype);
/** The enumerator spelling, e.g. "DOUBLE". */
std::string datatypeToString(Datatype);
/** Inverse of datatypeToString; throws error::IllegalConversion if unknown. */
Datatype stringToDatatype(std::string const&);
std::ostream& operator<<(std::ostream&, Datatype const&);

template <typename T>
bool isSameFloatingPoint(Datatype dt)
{
    return std::is_floating_point_v<T> && isFloatingPoint(dt) &&
        toBytes(dt) == sizeof(T);
}
template <typename T>
bool isSameComplexFloatingPoint(Datatype dt)
{
    return determineDatatype<T>() != Datatype::UNDEFINED &&
        isComplexFloatingPoint(determineDatatype<T>()) && isComplexFloatingPoint(dt) &&
        toBytes(dt) == sizeof(T);
}
template <typename T>
bool isSameInteger(Datatype dt)
{
    auto [isInt, isSigned] = isInteger(dt);
    return std::is_integral_v<T> && !std::is_same_v<T, bool> && isInt &&
        !isChar(determineDatatype<T>()) && isSigned == std::is_signed_v<T> &&
        toBytes(dt) == sizeof(T);
}
template <typename T>
bool isSameChar(Datatype dt)
{
    return isChar(determineDatatype<T>()) && isSame(determineDatatype<T>(), dt);
}

namespace detail
{
    template <typename Action, typename... Args>
    using UndefinedCall =
        decltype(Action::template call<0>(std::declval<Args>()...));

    template <typename Action, typename Void, typename... Args>
    struct HasUndefinedCall : std::false_type
    {};
    template <typename Action, typename... Args>
    struct HasUndefinedCall<Action, std::void_t<UndefinedCall<Action, Args...>>, Args...>
        : std::true_type
    {};

    [[noreturn]] void throwUnknownDatatype(Datatype, char const* switchName);
} // namespace detail

#define OPENPMD_SWITCH_CASE(DT, TYPE)                                                    \
    case Datatype::DT:                                                                   \
        return Action::template call<TYPE>(std::forward<Args>(args)...);

#define OPENPMD_SWITCH_UNDEFINED(NAME)                                                   \
    if constexpr (detail::HasUndefinedCall<Action, void, Args&&...>::value)              \
    {                                                                                    \
        if (dt == Datatype::UNDEFINED)                                                   \
        {                                                                                \
            return Action::template call<0>(std::forward<Args>(args)...);                \
        }                                                                                \
    }                                                                                    \
    detail::throwUnknownDatatype(dt, NAME);

/**
 * Calls Action::template call<T>(args...) with T the C++ type of dt, for the
 * 17 scalar dataset types.
 *
 * For UNDEFINED (or a type outside the set) Action::template call<0>(args...)
 * is called if the Action defines it; otherwise error::WrongAPIUsage is thrown.
 */
template <typename Action, typename... Args>
auto switchDatasetType(Datatype dt, Args&&... args)
    -> decltype(Action::template call<char>(std::forward<Args>(args)...))
{
    switch (dt)
    {
        OPENPMD_SWITCH_CASE(CHAR, char)
        OPENPMD_SWITCH_CASE(UCHAR, unsigned char)
        OPENPMD_SWITCH_CASE(SCHAR, signed char)
        OPENPMD_SWITCH_CASE(SHORT, short)
        OPENPMD_SWITCH_CASE(INT, int)
        OPENPMD_SWITCH_CASE(LONG, long)
        OPENPMD_SWITCH_CASE(LONGLONG, long long)
        OPENPMD_SWITCH_CASE(USHORT, unsigned short)
        OPENPMD_SWITCH_CASE(UINT, unsigned int)
        OPENPMD_SWITCH_CASE(ULONG, unsigned long)
        OPENPMD_SWITCH_CASE(ULONGLONG, unsigned long long)
        OPENPMD_SWITCH_CASE(FLOAT, float)
        OPENPMD_SWITCH_CASE(DOUBLE, double)
        OPENPMD_SWITCH_CASE(LONG_DOUBLE, long double)
        OPENPMD_SWITCH_CASE(CFLOAT, std::complex<float>)
        OPENPMD_SWITCH_CASE(CDOUBLE, std::complex<double>)
        OPENPMD_SWITCH_CASE(CLONG_DOUBLE, std::complex<long double>)
    default:
        break;
    }
    OPENPMD_SWITCH_UNDEFINED("switchDatasetType")
}

/** Like switchDatasetType, plus std::string and bool. */
template <typename Action, typename... Args>
auto switchNonVectorType(Datatype dt, Args&&... args)
    -> decltype(Action::template call<char>(std::forward<Args>(args)...))
{
    switch (dt)
    {
        OPENPMD_SWITCH_CASE(STRING, std::string)
        OPENPMD_SWITCH_CASE(BOOL, bool)
    default:
        return switchDatasetType<Action>(dt, std::forward<Args>(args)...);
    }
}

/** Like switchNonVectorType, over all 38 attribute types. */
template <typename Action, typename... Args>
auto switchType(Datatype dt, Args&&... args)
    -> decltype(Action::template call<char>(std::forward<Args>(args)...))
{
    switch (dt)
    {
        OPENPMD_SWITCH_CASE(VEC_CHAR, std::vector<char>)
        OPENPMD_SWITCH_CASE(VEC_SHORT, std::vector<short>)
        OPENPMD_SWITCH_CASE(VEC_INT, std::vector<int>)
        OPENPMD_SWITCH_CASE(VEC_LONG, std::vector<long>)
        OPENPMD_SWITCH_CASE(VEC_LONGLONG, std::vector<long long>)
        OPENPMD_SWITCH_CASE(VEC_UCHAR, std::vector<unsigned char>)
        OPENPMD_SWITCH_CASE(VEC_USHORT, std::vector<unsigned short>)
        OPENPMD_SWITCH_CASE(VEC_UINT, std::vector<unsigned int>)
        OPENPMD_SWITCH_CASE(VEC_ULONG, std::vector<unsigned long>)
        OPENPMD_SWITCH_CASE(VEC_ULONGLONG, std::vector<unsigned long long>)
        OPENPMD_SWITCH_CASE(VEC_FLOAT, std::vector<float>)
        OPENPMD_SWITCH_CASE(VEC_DOUBLE, std::vector<double>)
        OPENPMD_SWITCH_CASE(VEC_LONG_DOUBLE, std::vector<long double>)
        OPENPMD_SWITCH_CASE(VEC_CFLOAT, std::vector<std::complex<float>>)
        OPENPMD_SWITCH_CASE(VEC_CDOUBLE, std::vector<std::complex<double>>)
        OPENPMD_SWITCH_CASE(VEC_CLONG_DOUBLE, std::vector<std::complex<long double>>)
        OPENPMD_SWITCH_CASE(VEC_SCHAR, std::vector<signed char>)
        OPENPMD_SWITCH_CASE(VEC_STRING, std::vector<std::string>)
    case Datatype::ARR_DBL_7:
        return Action::template call<std::array<double, 7>>(std::forward<Args>(args)...);
    default:
        return switchNonVectorType<Action>(dt, std::forward<Args>(args)...);
    }
}

#undef OPENPMD_SWITCH_CASE
#undef OPENPMD_SWITCH_UNDEFINED
} // namespace openPMD
