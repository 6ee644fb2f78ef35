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
// clang-format off
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
// clang-format on

/** The 17 scalar numeric types a dataset can have. */
// clang-format off
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
// clang-format on

/** The 38 datatypes except UNDEFINED, in enum order. */
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

/** What a pointer-like type points to; isPointer is false for anything else. */
template <typename T>
struct PointeeOf
{
    static constexpr bool isPointer = false;
    using type = void;
};
template <typename T>
struct PointeeOf<T*>
{
    static constexpr bool isPointer = true;
    using type = T;
};
// A C array passed by reference decays to a pointer to its first element.
template <typename T, std::size_t N>
struct PointeeOf<T[N]> : PointeeOf<T*>
{
};
template <typename T>
struct PointeeOf<std::shared_ptr<T>> : PointeeOf<T*>
{
};
template <typename T>
struct PointeeOf<std::shared_ptr<T[]>> : PointeeOf<T*>
{
};
template <typename T, typename Del>
struct PointeeOf<std::unique_ptr<T, Del>> : PointeeOf<T*>
{
};
template <typename T, typename Del>
struct PointeeOf<std::unique_ptr<T[], Del>> : PointeeOf<T*>
{
};
} // namespace detail

/**
 * The Datatype of a C++ type; UNDEFINED for types openPMD does not know.
 * References and const/volatile are ignored; fixed-width aliases such as
 * std::uint8_t or std::int64_t give the Datatype of the type they alias.
 */
template <typename T>
constexpr Datatype determineDatatype()
{
    return detail::DatatypeOf<std::remove_cv_t<std::remove_reference_t<T>>>::value;
}

/**
 * The Datatype of what a pointer points to: raw pointers, C arrays,
 * shared_ptr and unique_ptr (also of arrays, also with a custom deleter).
 * Containers are rejected at compile time: for std::vector<float> v, ask
 * determineDatatype<float>() or determineDatatype(v.data()).
 */
template <typename Pointer>
constexpr Datatype determineDatatype(Pointer const&)
{
    using Traits = detail::PointeeOf<std::remove_cv_t<Pointer>>;
    static_assert(
        Traits::isPointer,
        "determineDatatype(x) takes a pointer (raw, C array, shared_ptr or "
        "unique_ptr); for a value or container type use determineDatatype<T>()");
    return determineDatatype<typename Traits::type>();
}

/**
 * Size in bytes of one element: of the element type for vectors and
 * ARR_DBL_7, of char for STRING and VEC_STRING.
 * @throws error::WrongAPIUsage for UNDEFINED.
 */
size_t toBytes(Datatype);
/** toBytes(dt) * CHAR_BIT. */
size_t toBits(Datatype);
/** The VEC_* types (ARR_DBL_7 is not a vector: its length is fixed). */
bool isVector(Datatype);
/** FLOAT, DOUBLE, LONG_DOUBLE and their vectors (not complex, not ARR_DBL_7). */
bool isFloatingPoint(Datatype);
/** CFLOAT, CDOUBLE, CLONG_DOUBLE and their vectors. */
bool isComplexFloatingPoint(Datatype);
/** (is an integer, is signed) of a type or vector type; char types and
 *  BOOL are not integers here. */
std::tuple<bool, bool> isInteger(Datatype);
/** CHAR, UCHAR, SCHAR and their vectors. */
bool isChar(Datatype);
/** (is a char type, is signed); CHAR's signedness is the platform's. */
std::tuple<bool, bool> isCharSigned(Datatype);
/**
 * Same kind (integer, char, floating point, complex, ...), same vector-ness,
 * same size and same signedness. So LONG and LONGLONG are the same on LP64
 * platforms, and CHAR is the same as SCHAR or as UCHAR, depending on whether
 * char is signed on the platform.
 */
bool isSame(Datatype, Datatype);
/** The element type of a vector type (DOUBLE for ARR_DBL_7); the type itself
 *  otherwise. */
Datatype basicDatatype(Datatype);
/** The vector type of a scalar type (VEC_DOUBLE for ARR_DBL_7, a vector type
 *  for itself); UNDEFINED where none exists (BOOL, UNDEFINED). */
Datatype toVectorType(Datatype);
/** The enumerator spelling, e.g. "DOUBLE"; these are the JSON type tags. */
std::string datatypeToString(Datatype);
/** Inverse of datatypeToString; throws error::IllegalConversion if unknown. */
Datatype stringToDatatype(std::string const&);
std::ostream& operator<<(std::ostream&, Datatype const&);

/** isFloatingPoint of the Datatype of T. */
template <typename T>
bool isFloatingPoint()
{
    return isFloatingPoint(determineDatatype<T>());
}
/** isComplexFloatingPoint of the Datatype of T. */
template <typename T>
bool isComplexFloatingPoint()
{
    return isComplexFloatingPoint(determineDatatype<T>());
}
/** isInteger of the Datatype of T (so char types are not integers). */
template <typename T>
std::tuple<bool, bool> isInteger()
{
    return isInteger(determineDatatype<T>());
}

/*
 * isSame*<T>(dt): T is of that kind and isSame(determineDatatype<T>(), dt).
 * Vector-ness must match (isSameInteger<int>(VEC_INT) is false), so that these
 * agree with isSame.
 */
template <typename T>
bool isSameFloatingPoint(Datatype dt)
{
    return isFloatingPoint<T>() && isSame(determineDatatype<T>(), dt);
}
template <typename T>
bool isSameComplexFloatingPoint(Datatype dt)
{
    return isComplexFloatingPoint<T>() && isSame(determineDatatype<T>(), dt);
}
template <typename T>
bool isSameInteger(Datatype dt)
{
    return std::get<0>(isInteger<T>()) && isSame(determineDatatype<T>(), dt);
}
template <typename T>
bool isSameChar(Datatype dt)
{
    return isChar(determineDatatype<T>()) && isSame(determineDatatype<T>(), dt);
}

namespace detail
{
template <typename Action, typename... Args>
using UndefinedCall = decltype(Action::template call<0>(std::declval<Args>()...));

/** Whether Action has the fallback `template <int> call(args...)`. */
template <typename Action, typename Void, typename... Args>
struct HasUndefinedCall : std::false_type
{
};
template <typename Action, typename... Args>
struct HasUndefinedCall<Action, std::void_t<UndefinedCall<Action, Args...>>, Args...>
    : std::true_type
{
};

/** Action::errorMsg if the Action defines it (openPMD-api convention). */
template <typename Action, typename = void>
struct ActionErrorMessage
{
    static constexpr char const* value = "";
};
template <typename Action>
struct ActionErrorMessage<Action, std::void_t<decltype(Action::errorMsg)>>
{
    static constexpr char const* value = Action::errorMsg;
};

[[noreturn]] void throwUnknownDatatype(Datatype, char const* switchName,
                                       char const* actionMessage);

template <typename Action, typename... Args>
using SwitchResult = decltype(Action::template call<char>(std::declval<Args>()...));

/** The datatype is not in the switch's set: call<0> or throw. */
template <typename Action, typename... Args>
auto switchFallback(char const* switchName, Datatype dt, Args&&... args)
    -> SwitchResult<Action, Args&&...>
{
    if constexpr (HasUndefinedCall<Action, void, Args&&...>::value)
    {
        if (dt == Datatype::UNDEFINED)
        {
            return Action::template call<0>(std::forward<Args>(args)...);
        }
    }
    throwUnknownDatatype(dt, switchName, ActionErrorMessage<Action>::value);
}
} // namespace detail

#define OPENPMD_SWITCH_CASE(DT, ...)                                                     \
    case Datatype::DT:                                                                   \
        return Action::template call<__VA_ARGS__>(std::forward<Args>(args)...);

namespace detail
{
template <typename Action, typename... Args>
auto switchDatasetTypeNamed(char const* switchName, Datatype dt, Args&&... args)
    -> SwitchResult<Action, Args&&...>
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
        return switchFallback<Action>(switchName, dt, std::forward<Args>(args)...);
    }
}

template <typename Action, typename... Args>
auto switchNonVectorTypeNamed(char const* switchName, Datatype dt, Args&&... args)
    -> SwitchResult<Action, Args&&...>
{
    switch (dt)
    {
        OPENPMD_SWITCH_CASE(STRING, std::string)
        OPENPMD_SWITCH_CASE(BOOL, bool)
    default:
        return switchDatasetTypeNamed<Action>(switchName, dt,
                                              std::forward<Args>(args)...);
    }
}
} // namespace detail

/**
 * Calls Action::template call<T>(args...) with T the C++ type of dt, for the
 * 17 scalar numeric (dataset) types.
 *
 * For UNDEFINED, Action::template call<0>(args...) is called if the Action
 * defines that fallback (a `template <int n> static R call(Args...)`).
 * Any other datatype outside the set, or UNDEFINED without the fallback,
 * throws error::WrongAPIUsage (naming Action::errorMsg if it defines one).
 */
template <typename Action, typename... Args>
auto switchDatasetType(Datatype dt, Args&&... args)
    -> detail::SwitchResult<Action, Args&&...>
{
    return detail::switchDatasetTypeNamed<Action>("switchDatasetType", dt,
                                                  std::forward<Args>(args)...);
}

/** Like switchDatasetType, plus std::string and bool (19 types). */
template <typename Action, typename... Args>
auto switchNonVectorType(Datatype dt, Args&&... args)
    -> detail::SwitchResult<Action, Args&&...>
{
    return detail::switchNonVectorTypeNamed<Action>("switchNonVectorType", dt,
                                                    std::forward<Args>(args)...);
}

/** Like switchDatasetType, over all 38 attribute types. */
template <typename Action, typename... Args>
auto switchType(Datatype dt, Args&&... args) -> detail::SwitchResult<Action, Args&&...>
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
        OPENPMD_SWITCH_CASE(ARR_DBL_7, std::array<double, 7>)
    default:
        return detail::switchNonVectorTypeNamed<Action>("switchType", dt,
                                                        std::forward<Args>(args)...);
    }
}

#undef OPENPMD_SWITCH_CASE
} // namespace openPMD
