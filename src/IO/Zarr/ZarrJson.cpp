#include "IO/Zarr/ZarrJson.hpp"

#include <stdexcept>

namespace openPMD::zarr
{
namespace
{
/** Replaces bare NaN / Infinity / -Infinity outside strings by string literals. */
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
                out += '"' + w + '"';
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
} // namespace

Json parseDocument(std::string const& text)
{
    try
    {
        bool const hasWords = text.find("NaN") != std::string::npos ||
                              text.find("Infinity") != std::string::npos;
        return Json::parse(hasWords ? quoteNonFiniteWords(text) : text);
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
