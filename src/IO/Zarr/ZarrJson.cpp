#include "IO/Zarr/ZarrJson.hpp"

#include <limits>
#include <stdexcept>

namespace openPMD::zarr
{
namespace
{
// Bare NaN / Infinity / -Infinity become strings with this first character
// (JSON text "\u0001"), then numbers again once parsed.
constexpr char placeholder = '\x01';
constexpr char const* placeholderEscape = "\\u0001";

/** Replaces bare NaN / Infinity / -Infinity outside strings by marked string literals. */
std::string quoteNonFiniteWords(std::string const& text)
{
    std::string out;
    out.reserve(text.size());
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        char const c = text[i];
        if (inString)
        {
            out += c;
            if (c == '\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        bool replaced = false;
        for (char const* word : {"-Infinity", "Infinity", "NaN"})
        {
            std::string const w(word);
            if (text.compare(i, w.size(), w) == 0)
            {
                out += "\"" + std::string(placeholderEscape) + w + '"';
                i += w.size() - 1;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out += c;
    }
    return out;
}
/** Turns the marked strings back into numbers. */
void restoreNonFinite(Json& value)
{
    if (value.is_structured())
    {
        for (auto& child : value)
            restoreNonFinite(child);
        return;
    }
    if (!value.is_string())
        return;
    auto const& s = value.get_ref<std::string const&>();
    if (s.empty() || s[0] != placeholder)
        return;
    if (s == std::string(1, placeholder) + "NaN")
        value = std::numeric_limits<long double>::quiet_NaN();
    else if (s == std::string(1, placeholder) + "Infinity")
        value = std::numeric_limits<long double>::infinity();
    else if (s == std::string(1, placeholder) + "-Infinity")
        value = -std::numeric_limits<long double>::infinity();
}
} // namespace

Json parseDocument(std::string const& text)
{
    try
    {
        bool const hasWords = text.find("NaN") != std::string::npos ||
                              text.find("Infinity") != std::string::npos;
        if (!hasWords)
            return Json::parse(text);
        auto document = Json::parse(quoteNonFiniteWords(text));
        restoreNonFinite(document);
        return document;
    }
    catch (nlohmann::json::exception const& e)
    {
        throw std::invalid_argument(e.what());
    }
}

std::string quote(std::string const& text)
{
    try
    {
        // ASCII only: zarr-python decodes metadata documents as ASCII.
        return nlohmann::json(text).dump(-1, ' ', true);
    }
    catch (nlohmann::json::exception const&)
    {
        throw std::invalid_argument("the string is not valid UTF-8");
    }
}
} // namespace openPMD::zarr
