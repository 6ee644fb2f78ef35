#include "IO/JSON/RawJSON.hpp"
#include "IO/JSON/JSONText.hpp"
#include "auxiliary/UTF8.hpp"

#include <cmath>
#include <limits>

namespace openPMD::jsonio
{
namespace
{
/** Converts a long double to Float; out-of-range values become +-infinity. */
template <typename Float>
Float narrow(long double value)
{
    if (std::fabs(value) > static_cast<long double>(std::numeric_limits<Float>::max()))
    {
        Float const infinity = std::numeric_limits<Float>::infinity();
        return value > 0 ? infinity : -infinity;
    }
    return static_cast<Float>(value);
}

template <typename Float>
bool narrowsExactly(long double value, std::string_view text)
{
    auto const direct = parseFloatLiteral<Float>(text);
    return direct && *direct == narrow<Float>(value);
}

/**
 * Builds a RawJSON from SAX events, like nlohmann's own DOM builder, but
 * keeps the text of float literals that long double would misround.
 */
class DomBuilder
{
public:
    using number_integer_t = RawJSON::number_integer_t;
    using number_unsigned_t = RawJSON::number_unsigned_t;
    using number_float_t = RawJSON::number_float_t;
    using string_t = RawJSON::string_t;
    using binary_t = RawJSON::binary_t;

    DomBuilder(RawJSON& root, JSONSyntaxError& error) : m_root(root), m_error(error) {}

    bool null() { return put(nullptr); }
    bool boolean(bool value) { return put(value); }
    bool number_integer(number_integer_t value) { return put(value); }
    bool number_unsigned(number_unsigned_t value) { return put(value); }
    bool number_float(number_float_t value, string_t const& text)
    {
        // nlohmann 3.11.2 hands over the text with the C locale's decimal
        // point (e.g. ',' under de_DE); JSON's is '.'.
        std::string localized;
        std::string_view literal = text;
        if (auto const point = text.find_first_not_of("0123456789+-eE.");
            point != std::string::npos)
        {
            localized = text;
            localized[point] = '.';
            literal = localized;
        }
        if (narrowsExactly<double>(value, literal) &&
            narrowsExactly<float>(value, literal))
        {
            return put(value);
        }
        return put(
            RawJSON::binary(std::vector<std::uint8_t>(literal.begin(), literal.end())));
    }
    bool string(string_t& value) { return put(std::move(value)); }
    bool binary(binary_t& value) { return put(RawJSON(std::move(value))); }
    bool start_object(std::size_t)
    {
        put(RawJSON::object());
        m_stack.push_back(m_last);
        return true;
    }
    bool key(string_t& key)
    {
        m_key = std::move(key);
        return true;
    }
    bool end_object()
    {
        m_stack.pop_back();
        return true;
    }
    bool start_array(std::size_t)
    {
        put(RawJSON::array());
        m_stack.push_back(m_last);
        return true;
    }
    bool end_array()
    {
        m_stack.pop_back();
        return true;
    }
    bool parse_error(std::size_t position, std::string const&,
                     RawJSON::exception const& e)
    {
        m_error.byte = position;
        // nlohmann quotes the bytes it read: they may be binary.
        m_error.message = auxiliary::printable(e.what());
        return false;
    }

private:
    template <typename Value>
    bool put(Value&& value)
    {
        if (m_stack.empty())
        {
            m_root = RawJSON(std::forward<Value>(value));
            m_last = &m_root;
            return true;
        }
        RawJSON& parent = *m_stack.back();
        if (parent.is_array())
        {
            auto& array = parent.get_ref<RawJSON::array_t&>();
            array.emplace_back(std::forward<Value>(value));
            m_last = &array.back();
        }
        else
        {
            auto& slot = parent.get_ref<RawJSON::object_t&>()[m_key];
            slot = RawJSON(std::forward<Value>(value));
            m_last = &slot;
        }
        return true;
    }

    RawJSON& m_root;
    JSONSyntaxError& m_error;
    std::vector<RawJSON*> m_stack;
    RawJSON* m_last = nullptr;
    std::string m_key;
};

void setLineAndColumn(std::string const& text, JSONSyntaxError& error)
{
    size_t const end = std::min(error.byte, text.size());
    error.line = 1;
    error.column = 1;
    for (size_t i = 0; i + 1 < end; ++i)
    {
        if (text[i] == '\n')
        {
            ++error.line;
            error.column = 1;
        }
        else
        {
            ++error.column;
        }
    }
}

std::string_view binaryText(RawJSON const& value)
{
    auto const& bytes = value.get_binary();
    return {reinterpret_cast<char const*>(bytes.data()), bytes.size()};
}
void appendArray(std::string& out, RawJSON::array_t const& array)
{
    out += '[';
    for (size_t i = 0; i < array.size(); ++i)
    {
        if (i != 0)
        {
            out += ',';
        }
        appendRawJSON(out, array[i]);
    }
    out += ']';
}

void appendObject(std::string& out, RawJSON::object_t const& object)
{
    out += '{';
    bool first = true;
    for (auto const& [key, element] : object)
    {
        if (!first)
        {
            out += ',';
        }
        first = false;
        appendString(out, key);
        out += ':';
        appendRawJSON(out, element);
    }
    out += '}';
}
} // namespace

std::optional<RawJSON> parseRawJSON(std::string const& text, JSONSyntaxError& error)
{
    RawJSON root;
    DomBuilder builder(root, error);
    bool const ok = RawJSON::sax_parse(text, &builder);
    if (!ok)
    {
        setLineAndColumn(text, error);
        return std::nullopt;
    }
    return root;
}

bool isNumber(RawJSON const& value)
{
    return value.is_number() || value.is_binary();
}

template <typename Float>
std::optional<Float> floatLiteral(RawJSON const& value)
{
    switch (value.type())
    {
    case RawJSON::value_t::number_integer:
        return static_cast<Float>(value.get_ref<RawJSON::number_integer_t const&>());
    case RawJSON::value_t::number_unsigned:
        return static_cast<Float>(value.get_ref<RawJSON::number_unsigned_t const&>());
    case RawJSON::value_t::number_float:
        return narrow<Float>(value.get_ref<RawJSON::number_float_t const&>());
    case RawJSON::value_t::binary:
        return parseFloatLiteral<Float>(binaryText(value));
    default:
        return std::nullopt;
    }
}

template std::optional<float> floatLiteral<float>(RawJSON const&);
template std::optional<double> floatLiteral<double>(RawJSON const&);
template std::optional<long double> floatLiteral<long double>(RawJSON const&);

void appendRawJSON(std::string& out, RawJSON const& value)
{
    switch (value.type())
    {
    case RawJSON::value_t::null:
    case RawJSON::value_t::discarded:
        out += "null";
        break;
    case RawJSON::value_t::boolean:
        out += value.get<bool>() ? "true" : "false";
        break;
    case RawJSON::value_t::number_integer:
        appendInteger(out, value.get_ref<RawJSON::number_integer_t const&>());
        break;
    case RawJSON::value_t::number_unsigned:
        appendInteger(out, value.get_ref<RawJSON::number_unsigned_t const&>());
        break;
    case RawJSON::value_t::number_float:
        appendFloat(out, value.get_ref<RawJSON::number_float_t const&>());
        break;
    case RawJSON::value_t::binary:
        out += binaryText(value);
        break;
    case RawJSON::value_t::string:
        appendString(out, value.get_ref<std::string const&>());
        break;
    case RawJSON::value_t::array:
        appendArray(out, value.get_ref<RawJSON::array_t const&>());
        break;
    case RawJSON::value_t::object:
        appendObject(out, value.get_ref<RawJSON::object_t const&>());
        break;
    }
}

std::string describe(RawJSON const& value)
{
    constexpr size_t maxLength = 40;
    switch (value.type())
    {
    case RawJSON::value_t::array:
        return "an array of " + std::to_string(value.size());
    case RawJSON::value_t::object:
        return "an object with " + std::to_string(value.size()) + " keys";
    case RawJSON::value_t::null:
        return "null";
    default:
    {
        std::string text;
        appendRawJSON(text, value);
        if (text.size() > maxLength)
        {
            text = text.substr(0, maxLength) + "...";
        }
        char const* kind = value.is_string()    ? "the string "
                           : value.is_boolean() ? "the boolean "
                                                : "the number ";
        return kind + text;
    }
    }
}
} // namespace openPMD::jsonio
