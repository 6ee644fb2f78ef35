#include "IO/JSON/AttributeCodec.hpp"
#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/ValueCodec.hpp"

#include <array>
#include <unordered_map>
#include <vector>

namespace openPMD::jsonio
{
namespace
{
template <typename T>
struct IsVector : std::false_type
{
};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type
{
};
template <typename T>
struct IsStdArray : std::false_type
{
};
template <typename T, size_t n>
struct IsStdArray<std::array<T, n>> : std::true_type
{
};

template <typename T>
void appendAttributeValue(std::string& out, T const& value)
{
    if constexpr (IsVector<T>::value || IsStdArray<T>::value)
    {
        out += '[';
        bool first = true;
        for (auto const& element : value)
        {
            if (!first)
            {
                out += ',';
            }
            first = false;
            appendValue(out, static_cast<typename T::value_type const&>(element));
        }
        out += ']';
    }
    else
    {
        appendValue(out, value);
    }
}

struct DecodeAttributeValue
{
    template <typename T>
    static Attribute call(RawJSON const& value, std::string const& path)
    {
        if constexpr (IsVector<T>::value || IsStdArray<T>::value)
        {
            using Element = typename T::value_type;
            if (!value.is_array())
            {
                throw ContentError{path, "expected an array, found " + describe(value)};
            }
            T result{};
            if constexpr (IsStdArray<T>::value)
            {
                if (value.size() != result.size())
                {
                    throw ContentError{path, "expected an array of " +
                                                 std::to_string(result.size()) +
                                                 " numbers, found " + describe(value)};
                }
            }
            else
            {
                result.resize(value.size());
            }
            for (size_t i = 0; i < value.size(); ++i)
            {
                result[i] =
                    decodeValue<Element>(value[i], path + "/" + std::to_string(i));
            }
            return Attribute(std::move(result));
        }
        else
        {
            return Attribute(decodeValue<T>(value, path));
        }
    }

    template <int>
    static Attribute call(RawJSON const&, std::string const& path)
    {
        throw ContentError{path, "the datatype UNDEFINED has no values"};
    }
};

std::unordered_map<std::string, Datatype> makeTagTable()
{
    std::unordered_map<std::string, Datatype> table;
    for (auto const dtype : openPMD_Datatypes())
    {
        table.emplace(datatypeToString(dtype), dtype);
    }
    return table;
}
} // namespace

Datatype datatypeOfTag(std::string const& tag)
{
    static auto const table = makeTagTable();
    auto const found = table.find(tag);
    return found == table.end() ? Datatype::UNDEFINED : found->second;
}

void appendAttribute(std::string& out, Attribute const& attribute)
{
    out += "{\"datatype\":";
    appendString(out, datatypeToString(attribute.dtype));
    out += ",\"value\":";
    std::visit([&out](auto const& value) { appendAttributeValue(out, value); },
               attribute.getResource());
    out += '}';
}

Attribute decodeAttribute(RawJSON const& entry, std::string const& path)
{
    if (!entry.is_object())
    {
        throw ContentError{
            path, "expected an object {\"datatype\": ..., \"value\": ...}, found " +
                      describe(entry)};
    }
    auto const tag = entry.find("datatype");
    if (tag == entry.end() || !tag->is_string())
    {
        throw ContentError{path + "/datatype",
                           "expected a datatype tag (a string such as \"DOUBLE\")"};
    }
    auto const& tagText = tag->get_ref<std::string const&>();
    Datatype const dtype = datatypeOfTag(tagText);
    if (dtype == Datatype::UNDEFINED)
    {
        throw ContentError{
            path + "/datatype",
            "unknown datatype tag \"" + tagText +
                "\" (expected a Datatype name such as DOUBLE, VEC_STRING or ARR_DBL_7)"};
    }
    auto const value = entry.find("value");
    if (value == entry.end())
    {
        throw ContentError{path, "the attribute has no \"value\""};
    }
    return switchType<DecodeAttributeValue>(dtype, *value, path + "/value");
}

std::string unwritableReason(Attribute const& attribute)
{
    auto const check = [](std::string const& text) { return isValidUTF8(text); };
    bool valid = true;
    if (auto const* text = std::get_if<std::string>(&attribute.getResource()))
    {
        valid = check(*text);
    }
    else if (auto const* texts =
                 std::get_if<std::vector<std::string>>(&attribute.getResource()))
    {
        for (auto const& text : *texts)
        {
            valid = valid && check(text);
        }
    }
    return valid ? std::string()
                 : std::string(
                       "the string value is not valid UTF-8, which JSON text requires");
}
} // namespace openPMD::jsonio
