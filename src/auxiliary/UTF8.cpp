#include "auxiliary/UTF8.hpp"

namespace openPMD::auxiliary
{
bool isValidUTF8(std::string_view text)
{
    size_t i = 0;
    while (i < text.size())
    {
        auto const lead = static_cast<unsigned char>(text[i]);
        size_t length = 0;
        unsigned min = 0;
        unsigned codePoint = 0;
        if (lead < 0x80)
        {
            ++i;
            continue;
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
            return false;
        }
        if (i + length > text.size())
        {
            return false;
        }
        for (size_t j = 1; j < length; ++j)
        {
            auto const next = static_cast<unsigned char>(text[i + j]);
            if ((next & 0xc0) != 0x80)
            {
                return false;
            }
            codePoint = (codePoint << 6) | (next & 0x3f);
        }
        // Overlong forms, surrogates and code points past U+10FFFF are invalid.
        if (codePoint < min || codePoint > 0x10ffff ||
            (codePoint >= 0xd800 && codePoint <= 0xdfff))
        {
            return false;
        }
        i += length;
    }
    return true;
}
} // namespace openPMD::auxiliary
