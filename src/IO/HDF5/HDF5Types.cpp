#include "IO/HDF5/HDF5Types.hpp"
#include "openPMD/Error.hpp"

#include <array>
#include <complex>
#include <cstdint>
#include <cstdlib>
#include <fmt/format.h>

namespace openPMD::hdf5
{
namespace
{
Handle checked(hid_t id, char const* what)
{
    if (id < 0)
    {
        throw error::Internal(fmt::format("HDF5: cannot build the {} type", what));
    }
    return Handle(id);
}

void checkedStatus(herr_t status, char const* what)
{
    if (status < 0)
    {
        throw error::Internal(fmt::format("HDF5: cannot build the {} type", what));
    }
}

template <typename Real>
Handle makeComplexType(hid_t realType, char const* what)
{
    Handle type = checked(H5Tcreate(H5T_COMPOUND, sizeof(std::complex<Real>)), what);
    checkedStatus(H5Tinsert(type.get(), "r", 0, realType), what);
    checkedStatus(H5Tinsert(type.get(), "i", sizeof(Real), realType), what);
    return type;
}

Handle makeBoolType()
{
    Handle type = checked(H5Tenum_create(H5T_NATIVE_INT8), "bool");
    std::int8_t value = 1;
    checkedStatus(H5Tenum_insert(type.get(), "TRUE", &value), "bool");
    value = 0;
    checkedStatus(H5Tenum_insert(type.get(), "FALSE", &value), "bool");
    return type;
}

/** The first of `candidates` with `size` bytes; UNDEFINED if none. */
template <size_t N>
Datatype bySize(std::array<Datatype, N> const& candidates, size_t size)
{
    for (Datatype dt : candidates)
    {
        if (toBytes(dt) == size)
        {
            return dt;
        }
    }
    return Datatype::UNDEFINED;
}

Datatype classifyInteger(hid_t type, size_t size, std::string& whyNot)
{
    bool const isSigned = H5Tget_sign(type) == H5T_SGN_2;
    // CHAR before SCHAR and LONG before LONGLONG: on disk they are the same.
    constexpr Datatype signedChar =
        std::is_signed_v<char> ? Datatype::CHAR : Datatype::SCHAR;
    Datatype const dt =
        isSigned ? bySize(std::array{signedChar, Datatype::SHORT, Datatype::INT,
                                     Datatype::LONG, Datatype::LONGLONG},
                          size)
                 : bySize(std::array{Datatype::UCHAR, Datatype::USHORT, Datatype::UINT,
                                     Datatype::ULONG, Datatype::ULONGLONG},
                          size);
    if (dt == Datatype::UNDEFINED)
    {
        whyNot =
            fmt::format("{} integer of {} bytes", isSigned ? "signed" : "unsigned", size);
    }
    return dt;
}

Datatype classifyFloat(size_t size, std::string& whyNot)
{
    if (size == sizeof(float))
    {
        return Datatype::FLOAT;
    }
    if (size == sizeof(double))
    {
        return Datatype::DOUBLE;
    }
    if (size > sizeof(double))
    {
        // Extended or quad precision: HDF5 converts it to the native long double.
        return Datatype::LONG_DOUBLE;
    }
    whyNot = fmt::format("floating point number of {} bytes", size);
    return Datatype::UNDEFINED;
}

std::string memberName(hid_t type, unsigned index)
{
    char* name = H5Tget_member_name(type, index);
    if (name == nullptr)
    {
        return {};
    }
    std::string result(name);
    H5free_memory(name);
    return result;
}

Datatype classifyCompound(hid_t type, std::string& whyNot)
{
    int const members = H5Tget_nmembers(type);
    std::string names;
    for (int i = 0; i < members; ++i)
    {
        names += (i > 0 ? ", " : "") + memberName(type, static_cast<unsigned>(i));
    }
    whyNot = fmt::format("compound type {{{}}} (only {{r, i}} complex numbers are known)",
                         names);
    if (members != 2 || memberName(type, 0) != "r" || memberName(type, 1) != "i")
    {
        return Datatype::UNDEFINED;
    }
    Handle const real(H5Tget_member_type(type, 0));
    Handle const imaginary(H5Tget_member_type(type, 1));
    if (!real || !imaginary || H5Tget_class(real.get()) != H5T_FLOAT ||
        H5Tget_class(imaginary.get()) != H5T_FLOAT ||
        H5Tget_size(real.get()) != H5Tget_size(imaginary.get()))
    {
        return Datatype::UNDEFINED;
    }
    std::string ignored;
    switch (classifyFloat(H5Tget_size(real.get()), ignored))
    {
    case Datatype::FLOAT:
        whyNot.clear();
        return Datatype::CFLOAT;
    case Datatype::DOUBLE:
        whyNot.clear();
        return Datatype::CDOUBLE;
    case Datatype::LONG_DOUBLE:
        whyNot.clear();
        return Datatype::CLONG_DOUBLE;
    default:
        return Datatype::UNDEFINED;
    }
}

/** h5py and openPMD-api store bool as an enum {FALSE = 0, TRUE = 1} over int8. */
bool isBoolEnum(hid_t type)
{
    if (H5Tget_nmembers(type) != 2 || H5Tget_size(type) != 1)
    {
        return false;
    }
    bool sawTrue = false;
    bool sawFalse = false;
    for (unsigned i = 0; i < 2; ++i)
    {
        std::int8_t value = -1;
        if (H5Tget_member_value(type, i, &value) < 0)
        {
            return false;
        }
        std::string const name = memberName(type, i);
        sawTrue = sawTrue || (name == "TRUE" && value == 1);
        sawFalse = sawFalse || (name == "FALSE" && value == 0);
    }
    return sawTrue && sawFalse;
}
} // namespace

TypeTable::TypeTable()
    : m_bool(makeBoolType()),
      m_complexFloat(makeComplexType<float>(H5T_NATIVE_FLOAT, "complex float")),
      m_complexDouble(makeComplexType<double>(H5T_NATIVE_DOUBLE, "complex double")),
      m_complexLongDouble(
          makeComplexType<long double>(H5T_NATIVE_LDOUBLE, "complex long double"))
{
}

hid_t TypeTable::elementType(Datatype dt) const
{
    switch (basicDatatype(dt))
    {
    case Datatype::CHAR:
        return H5T_NATIVE_CHAR;
    case Datatype::UCHAR:
        return H5T_NATIVE_UCHAR;
    case Datatype::SCHAR:
        return H5T_NATIVE_SCHAR;
    case Datatype::SHORT:
        return H5T_NATIVE_SHORT;
    case Datatype::INT:
        return H5T_NATIVE_INT;
    case Datatype::LONG:
        return H5T_NATIVE_LONG;
    case Datatype::LONGLONG:
        return H5T_NATIVE_LLONG;
    case Datatype::USHORT:
        return H5T_NATIVE_USHORT;
    case Datatype::UINT:
        return H5T_NATIVE_UINT;
    case Datatype::ULONG:
        return H5T_NATIVE_ULONG;
    case Datatype::ULONGLONG:
        return H5T_NATIVE_ULLONG;
    case Datatype::FLOAT:
        return H5T_NATIVE_FLOAT;
    case Datatype::DOUBLE:
        return H5T_NATIVE_DOUBLE;
    case Datatype::LONG_DOUBLE:
        return H5T_NATIVE_LDOUBLE;
    case Datatype::CFLOAT:
        return m_complexFloat.get();
    case Datatype::CDOUBLE:
        return m_complexDouble.get();
    case Datatype::CLONG_DOUBLE:
        return m_complexLongDouble.get();
    case Datatype::BOOL:
        return m_bool.get();
    default:
        throw error::Internal(
            fmt::format("HDF5: no element type for datatype {}", datatypeToString(dt)));
    }
}

Handle makeStringType(size_t size)
{
    Handle type = checked(H5Tcopy(H5T_C_S1), "string");
    checkedStatus(H5Tset_size(type.get(), size), "string");
    checkedStatus(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "string");
    checkedStatus(H5Tset_cset(type.get(), H5T_CSET_ASCII), "string");
    return type;
}

Handle makeVariableStringType()
{
    Handle type = checked(H5Tcopy(H5T_C_S1), "variable-length string");
    checkedStatus(H5Tset_size(type.get(), H5T_VARIABLE), "variable-length string");
    return type;
}

bool isVariableString(hid_t type)
{
    return H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) > 0;
}

Datatype classifyElement(hid_t type, std::string& whyNot)
{
    size_t const size = H5Tget_size(type);
    switch (H5Tget_class(type))
    {
    case H5T_INTEGER:
        return classifyInteger(type, size, whyNot);
    case H5T_FLOAT:
        return classifyFloat(size, whyNot);
    case H5T_COMPOUND:
        return classifyCompound(type, whyNot);
    case H5T_STRING:
        return Datatype::STRING;
    case H5T_ENUM:
        if (isBoolEnum(type))
        {
            return Datatype::BOOL;
        }
        whyNot = "enum type (only the boolean enum {TRUE=1, FALSE=0} is known)";
        return Datatype::UNDEFINED;
    case H5T_TIME:
        whyNot = "time type";
        break;
    case H5T_BITFIELD:
        whyNot = "bitfield type";
        break;
    case H5T_OPAQUE:
        whyNot = "opaque type";
        break;
    case H5T_REFERENCE:
        whyNot = "reference type";
        break;
    case H5T_VLEN:
        whyNot = "variable-length sequence type";
        break;
    case H5T_ARRAY:
        whyNot = "array type";
        break;
    default:
        whyNot = "type of unknown class";
        break;
    }
    return Datatype::UNDEFINED;
}
} // namespace openPMD::hdf5
