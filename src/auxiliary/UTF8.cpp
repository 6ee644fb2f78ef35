#include "auxiliary/UTF8.hpp"

#include <cstdio>

namespace openPMD::auxiliary
{
namespace
{
/** Length of the valid UTF-8 sequence starting at text[i]; 0 if invalid. */
size_t validSequenceLength(std::string_view text, size_t i)
{
    auto const lead = static_cast<unsigned char>(text[i]);
    size_t length = 0;
    unsigned min = 0;
    unsigned codePoint = 0;
    if (lead < 0x80)
    {
        return 1;
    }
    else if ((lead & 0xe0) == 0xc0)
    {
        length = 2;
        min = 0x80;
        codePoint = lead & 0x1f;
    }
    else if ((lead & 0xf0) == 0xe0)
    {
        length = 3;
        min = 0x800;
        codePoint = lead & 0x0f;
    }
    else if ((lead & 0xf8) == 0xf0)
    {
        length = 4;
        min = 0x10000;
        codePoint = lead & 0x07;
    }
    else
    {
        return 0;
    }
    if (i + length > text.size())
    {
        return 0;
    }
    for (size_t j = 1; j < length; ++j)
    {
        auto const next = static_cast<unsigned char>(text[i + j]);
        if ((next & 0xc0) != 0x80)
        {
            return 0;
        }
        codePoint = (codePoint << 6) | (next & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are invalid.
    if (codePoint < min || codePoint > 0x10ffff ||
        (codePoint >= 0xd800 && codePoint <= 0xdfff))
    {
        return 0;
    }
    return length;
}
} // namespace

bool isValidUTF8(std::string_view text)
{
    size_t i = 0;
    while (i < text.size())
    {
        size_t const length = validSequenceLength(text, i);
        if (length == 0)
        {
            return false;
        }
        i += length;
    }
    return true;
}

std::string printable(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    size_t i = 0;
    while (i < text.size())
    {
        size_t const length = validSequenceLength(text, i);
        auto const byte = static_cast<unsigned char>(text[i]);
        if (length == 0 || byte < 0x20 || byte == 0x7f)
        {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            result += escaped;
            ++i;
            continue;
        }
        result.append(text.substr(i, length));
        i += length;
    }
    return result;
}
} // namespace openPMD::auxiliary
