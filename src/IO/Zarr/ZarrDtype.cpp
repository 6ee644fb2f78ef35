#include "IO/Zarr/ZarrDtype.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace openPMD::zarr
{
namespace
{
bool isFloatKind(Datatype dt)
{
    return dt == Datatype::FLOAT || dt == Datatype::DOUBLE || dt == Datatype::LONG_DOUBLE;
}

bool isComplexKind(Datatype dt)
{
    return dt == Datatype::CFLOAT || dt == Datatype::CDOUBLE ||
           dt == Datatype::CLONG_DOUBLE;
}

long double floatOf(Json const& value)
{
    if (value.is_null())
        return 0;
    if (value.is_number())
        return value.get<long double>();
    if (value.is_string())
    {
        auto const s = value.get<std::string>();
        if (s == "NaN")
            return std::numeric_limits<long double>::quiet_NaN();
        if (s == "Infinity")
            return std::numeric_limits<long double>::infinity();
        if (s == "-Infinity")
            return -std::numeric_limits<long double>::infinity();
    }
    throw std::invalid_argument("expected a number, \"NaN\", \"Infinity\" or "
                                "\"-Infinity\" as fill value, found " +
                                value.dump());
}

template <typename F>
void storeFloat(std::byte* out, long double value)
{
    F const v = static_cast<F>(value);
    std::memcpy(out, &v, sizeof(F));
}

void storeFloatOfSize(std::byte* out, std::size_t size, long double value)
{
    if (size == sizeof(float))
        storeFloat<float>(out, value);
    else if (size == sizeof(double))
        storeFloat<double>(out, value);
    else
        storeFloat<long double>(out, value);
}
} // namespace

std::string zarrDtypeOf(Datatype dt)
{
    auto const size = std::to_string(toBytes(dt));
    if (isComplexKind(dt))
        return "<c" + size; // toBytes counts both parts
    if (isFloatKind(dt))
        return "<f" + size;
    if (isChar(dt))
        return std::get<1>(isCharSigned(dt)) ? "|i1" : "|u1";
    auto const [integer, isSigned] = isInteger(dt);
    if (integer)
        return std::string("<") + (isSigned ? "i" : "u") + size;
    throw std::invalid_argument("no Zarr dtype for " + datatypeToString(dt));
}

Datatype datatypeOfZarrDtype(std::string const& s)
{
    if (s == "|b1" || s == "|u1" || s == "<u1" || s == ">u1")
        return Datatype::UCHAR;
    if (s == "|i1" || s == "<i1" || s == ">i1")
        return Datatype::SCHAR;
    if (s == "|S1")
        return Datatype::CHAR;
    if (s.size() < 3 || (s[0] != '<' && s[0] != '|'))
        return Datatype::UNDEFINED;
    char const kind = s[1];
    std::size_t size = 0;
    try
    {
        size = std::stoul(s.substr(2));
    }
    catch (std::exception const&)
    {
        return Datatype::UNDEFINED;
    }
    std::vector<Datatype> candidates;
    if (kind == 'i')
        candidates = {Datatype::SHORT, Datatype::INT, Datatype::LONG, Datatype::LONGLONG};
    else if (kind == 'u')
        candidates = {Datatype::USHORT, Datatype::UINT, Datatype::ULONG,
                      Datatype::ULONGLONG};
    else if (kind == 'f')
        candidates = {Datatype::FLOAT, Datatype::DOUBLE, Datatype::LONG_DOUBLE};
    else if (kind == 'c')
        candidates = {Datatype::CFLOAT, Datatype::CDOUBLE, Datatype::CLONG_DOUBLE};
    for (auto dt : candidates)
        if (toBytes(dt) == size)
            return dt;
    return Datatype::UNDEFINED;
}

Json defaultFillValue(Datatype dt)
{
    if (isFloatKind(dt))
        return "NaN";
    if (isComplexKind(dt))
        return Json::array({"NaN", "NaN"});
    return 0;
}

std::vector<std::byte> fillElement(Datatype dt, Json const& fill)
{
    std::size_t const size = toBytes(dt);
    if (isComplexKind(dt))
    {
        std::vector<std::byte> out(size);
        std::size_t const part = size / 2;
        if (fill.is_array() && fill.size() == 2)
        {
            storeFloatOfSize(out.data(), part, floatOf(fill[0]));
            storeFloatOfSize(out.data() + part, part, floatOf(fill[1]));
        }
        else
            storeFloatOfSize(out.data(), part, floatOf(fill)); // imaginary part 0
        return out;
    }
    std::vector<std::byte> out(size);
    if (isFloatKind(dt))
    {
        storeFloatOfSize(out.data(), size, floatOf(fill));
        return out;
    }
    if (fill.is_null())
        return out;
    if (fill.is_boolean())
    {
        out[0] = fill.get<bool>() ? std::byte{1} : std::byte{0};
        return out;
    }
    if (!fill.is_number_integer())
        throw std::invalid_argument("expected an integer fill value, found " +
                                    fill.dump());
    // Two's complement little-endian: the low bytes of the 64-bit value.
    std::uint64_t const bits = fill.is_number_unsigned()
                                   ? fill.get<std::uint64_t>()
                                   : static_cast<std::uint64_t>(fill.get<std::int64_t>());
    for (std::size_t i = 0; i < size && i < 8; ++i)
        out[i] = static_cast<std::byte>((bits >> (8 * i)) & 0xffu);
    return out;
}
} // namespace openPMD::zarr
