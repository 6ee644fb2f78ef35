#include "IO/Zarr/ZarrAttributes.hpp"
#include "openPMD/backend/AttributeConversion.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <complex>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace openPMD::zarr
{
namespace
{
template <typename T>
constexpr bool isCharType = std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
                            std::is_same_v<T, unsigned char>;

template <typename T>
struct IsComplex : std::false_type
{
};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type
{
};

/**
 * Shortest text that reads back to the same value of T, always with a '.' or
 * an exponent; NaN, Infinity, -Infinity as bare words.
 */
template <typename T>
void appendFloat(std::string& out, T value)
{
    // The words Python's json module writes and reads (zarr-python's .zattrs).
    if (std::isnan(value))
    {
        out += "NaN";
        return;
    }
    if (std::isinf(value))
    {
        out += value > 0 ? "Infinity" : "-Infinity";
        return;
    }
    char buffer[64];
    auto const result = std::to_chars(buffer, buffer + sizeof(buffer), value);
    std::string text(buffer, result.ptr);
    if (text.find_first_of(".e") == std::string::npos)
        text += ".0";
    out += text;
}

template <typename T>
void appendScalar(std::string& out, T const& value)
{
    if constexpr (std::is_same_v<T, bool>)
        out += value ? "true" : "false";
    else if constexpr (std::is_same_v<T, std::string>)
        out += quote(value);
    else if constexpr (isCharType<T>)
        out += std::to_string(static_cast<int>(value));
    else if constexpr (std::is_integral_v<T>)
        out += std::to_string(value);
    else if constexpr (std::is_floating_point_v<T>)
        appendFloat(out, value);
    else if constexpr (IsComplex<T>::value)
    {
        out += '[';
        appendFloat(out, value.real());
        out += ", ";
        appendFloat(out, value.imag());
        out += ']';
    }
}

template <typename Container>
void appendSequence(std::string& out, Container const& values)
{
    out += '[';
    bool first = true;
    for (auto const& value : values)
    {
        if (!first)
            out += ", ";
        first = false;
        appendScalar(out, value);
    }
    out += ']';
}

long double floatFrom(Json const& value)
{
    if (value.is_number())
        return value.get<long double>();
    if (value.is_null())
        return std::numeric_limits<long double>::quiet_NaN();
    if (value.is_string())
    {
        auto const s = value.get<std::string>();
        if (s == "NaN" || s == "nan")
            return std::numeric_limits<long double>::quiet_NaN();
        if (s == "Infinity" || s == "inf")
            return std::numeric_limits<long double>::infinity();
        if (s == "-Infinity" || s == "-inf")
            return -std::numeric_limits<long double>::infinity();
    }
    throw std::invalid_argument("expected a number, found " + value.dump());
}

template <typename T>
T integerFrom(Json const& value)
{
    if (value.is_number_unsigned())
    {
        auto const v = value.get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
            throw std::invalid_argument("value " + value.dump() + " out of range");
        return static_cast<T>(v);
    }
    if (value.is_number_integer())
    {
        auto const v = value.get<std::int64_t>();
        if constexpr (std::is_signed_v<T>)
        {
            if (v < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
                v > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
                throw std::invalid_argument("value " + value.dump() + " out of range");
        }
        else if (v < 0)
            throw std::invalid_argument("negative value " + value.dump() +
                                        " for an unsigned type");
        return static_cast<T>(v);
    }
    if (value.is_number_float())
    {
        auto const v = value.get<long double>();
        if (v != std::floor(v))
            throw std::invalid_argument("expected an integer, found " + value.dump());
        return static_cast<T>(v);
    }
    if (isCharType<T> && value.is_string() && value.get<std::string>().size() == 1)
        return static_cast<T>(value.get<std::string>()[0]);
    throw std::invalid_argument("expected an integer, found " + value.dump());
}

template <typename T>
T scalarFrom(Json const& value)
{
    if constexpr (std::is_same_v<T, bool>)
    {
        if (!value.is_boolean())
            throw std::invalid_argument("expected true or false, found " + value.dump());
        return value.get<bool>();
    }
    else if constexpr (std::is_same_v<T, std::string>)
    {
        if (!value.is_string())
            throw std::invalid_argument("expected a string, found " + value.dump());
        return value.get<std::string>();
    }
    else if constexpr (std::is_integral_v<T>)
        return integerFrom<T>(value);
    else if constexpr (std::is_floating_point_v<T>)
        return static_cast<T>(floatFrom(value));
    else
    {
        static_assert(IsComplex<T>::value);
        using F = typename T::value_type;
        if (!value.is_array() || value.size() != 2)
            throw std::invalid_argument("expected [re, im], found " + value.dump());
        return T(static_cast<F>(floatFrom(value[0])),
                 static_cast<F>(floatFrom(value[1])));
    }
}

struct Decode
{
    template <typename T>
    static Attribute call(Json const& value)
    {
        if constexpr (detail::isSequence<T>)
        {
            if (!value.is_array())
                throw std::invalid_argument("expected an array, found " + value.dump());
            T result{};
            if constexpr (std::is_same_v<T, std::array<double, 7>>)
            {
                if (value.size() != 7)
                    throw std::invalid_argument("expected 7 numbers, found " +
                                                value.dump());
                for (std::size_t i = 0; i < 7; ++i)
                    result[i] = scalarFrom<double>(value[i]);
            }
            else
            {
                for (auto const& element : value)
                    result.push_back(scalarFrom<typename T::value_type>(element));
            }
            return Attribute(std::move(result));
        }
        else
            return Attribute(scalarFrom<T>(value));
    }
};

/** The type of a value without a kept type, or UNDEFINED. */
Datatype inferType(Json const& value)
{
    auto integerType = [](Json const& v)
    {
        return v.is_number_unsigned() && v.get<std::uint64_t>() >
                                             static_cast<std::uint64_t>(
                                                 std::numeric_limits<std::int64_t>::max())
                   ? Datatype::ULONG
                   : Datatype::LONG;
    };
    if (value.is_boolean())
        return Datatype::BOOL;
    if (value.is_string())
        return Datatype::STRING;
    if (value.is_number_integer())
        return integerType(value);
    if (value.is_number_float())
        return Datatype::DOUBLE;
    if (!value.is_array())
        return Datatype::UNDEFINED;
    bool allStrings = true, allIntegers = true, allNumbers = true;
    for (auto const& element : value)
    {
        allStrings = allStrings && element.is_string();
        allIntegers = allIntegers && element.is_number_integer();
        allNumbers = allNumbers && element.is_number();
    }
    if (value.empty())
        return Datatype::VEC_DOUBLE;
    if (allStrings)
        return Datatype::VEC_STRING;
    if (allIntegers)
        return Datatype::VEC_LONG;
    return allNumbers ? Datatype::VEC_DOUBLE : Datatype::UNDEFINED;
}
} // namespace

bool isReservedAttributeName(std::string const& name)
{
    return name == typesKey || name == dimensionsKey;
}

std::string encodeAttributeValue(Attribute const& attribute)
{
    std::string out;
    std::visit(
        [&out](auto const& value)
        {
            using T = std::decay_t<decltype(value)>;
            if constexpr (detail::isSequence<T>)
                appendSequence(out, value);
            else
                appendScalar(out, value);
        },
        attribute.getResource());
    return out;
}

std::string attributesDocument(AttributeMap const& attributes,
                               AttributeExtras const& extras)
{
    // Keys sorted like zarr-python writes them: the reserved ones start with
    // '_' and sort after upper-case names.
    std::map<std::string, std::string> entries;
    std::string types;
    for (auto const& [name, entry] : attributes)
    {
        if (!entry.value)
            continue; // an undecodable foreign value: dropped when rewritten
        entries[name] = encodeAttributeValue(*entry.value);
        types += (types.empty() ? "" : ", ") + quote(name) + ": " +
                 quote(datatypeToString(entry.value->dtype));
    }
    if (extras.arrayDimensions)
    {
        std::vector<std::string> dims = *extras.arrayDimensions;
        entries[dimensionsKey] = encodeAttributeValue(Attribute(dims));
    }
    std::string kept = "{\"attribute_types\": {" + types + "}";
    if (extras.datasetType)
        kept += ", \"datatype\": " + quote(datatypeToString(*extras.datasetType));
    entries[typesKey] = kept + "}";
    std::string out = "{";
    bool first = true;
    for (auto const& [key, text] : entries)
    {
        out += first ? "\n    " : ",\n    ";
        first = false;
        out += quote(key) + ": " + text;
    }
    return out + "\n}";
}

AttributeMap decodeAttributesDocument(Json const& document, AttributeExtras& extras)
{
    if (!document.is_object())
        throw std::invalid_argument("expected a JSON object");
    Json types = Json::object();
    if (auto kept = document.find(typesKey); kept != document.end() && kept->is_object())
    {
        if (auto t = kept->find("attribute_types"); t != kept->end() && t->is_object())
            types = *t;
        if (auto d = kept->find("datatype"); d != kept->end() && d->is_string())
        {
            try
            {
                extras.datasetType = stringToDatatype(d->get<std::string>());
            }
            catch (std::exception const&)
            {
                // unknown tag: the dtype of .zarray decides
            }
        }
    }
    if (auto dims = document.find(dimensionsKey); dims != document.end())
    {
        std::vector<std::string> names;
        for (auto const& name : *dims)
            names.push_back(name.is_string() ? name.get<std::string>() : name.dump());
        extras.arrayDimensions = std::move(names);
    }
    AttributeMap result;
    for (auto const& [name, value] : document.items())
    {
        if (isReservedAttributeName(name))
            continue;
        auto& entry = result[name];
        Datatype dtype = Datatype::UNDEFINED;
        if (auto t = types.find(name); t != types.end() && t->is_string())
        {
            try
            {
                dtype = stringToDatatype(t->get<std::string>());
            }
            catch (std::exception const&)
            {
                entry.problem = "unknown kept type " + t->dump();
                continue;
            }
        }
        else
            dtype = inferType(value);
        if (dtype == Datatype::UNDEFINED)
        {
            entry.problem = "the JSON value " + value.dump() +
                            " has no openPMD type (expected a number, string, "
                            "boolean or array of one of them)";
            continue;
        }
        try
        {
            entry.value = switchType<Decode>(dtype, value);
        }
        catch (std::exception const& e)
        {
            entry.problem = "the value does not fit its type " + datatypeToString(dtype) +
                            ": " + e.what();
        }
    }
    return result;
}
} // namespace openPMD::zarr
