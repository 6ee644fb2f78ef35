#include "IO/JSON/JSONScanner.hpp"
#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/RawJSON.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace openPMD::jsonio
{
namespace
{
/** Reads the text byte by byte through a window of 1 MiB blocks. */
class ByteReader
{
public:
    ByteReader(StoredText const& text, std::uint64_t position, std::uint64_t end,
               std::string const& file, std::string const& jsonPath)
        : m_text(text), m_position(position), m_end(end), m_file(file),
          m_jsonPath(jsonPath)
    {
    }

    std::uint64_t position() const { return m_position; }
    bool atEnd() const { return m_position >= m_end; }

    /** The current byte. @pre !atEnd() */
    char peek()
    {
        if (m_position < m_blockStart || m_position >= m_blockStart + m_block.size())
        {
            m_blockStart = m_position;
            m_text.readInto(m_block, m_position, std::min(blockSize, m_end - m_position));
        }
        return m_block[static_cast<size_t>(m_position - m_blockStart)];
    }
    /** The bytes from the current one to the end of the loaded block. @pre !atEnd() */
    std::string_view window()
    {
        require("more text");
        peek();
        return std::string_view(m_block).substr(
            static_cast<size_t>(m_position - m_blockStart));
    }
    /** Moves past `count` bytes of window(). */
    void advance(size_t count) { m_position += count; }
    char next()
    {
        require("more text");
        char const c = peek();
        ++m_position;
        return c;
    }
    void skipWhitespace()
    {
        while (!atEnd())
        {
            char const c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }
            ++m_position;
        }
    }
    void expect(char wanted, char const* what)
    {
        skipWhitespace();
        require(what);
        if (peek() != wanted)
        {
            fail(std::string("expected ") + what);
        }
        ++m_position;
    }
    /** Skips a string whose opening quote was read; keeps up to `keep` bytes of it. */
    std::string skipString(size_t keep)
    {
        std::string kept;
        while (true)
        {
            char const c = next();
            if (c == '"')
            {
                return kept;
            }
            if (kept.size() < keep)
            {
                kept += c;
            }
            if (c == '\\')
            {
                char const escaped = next();
                if (kept.size() < keep)
                {
                    kept += escaped;
                }
            }
        }
    }
    [[noreturn]] void fail(std::string const& what) const
    {
        throwReadError(error::AffectedObject::File, error::Reason::UnexpectedContent,
                       m_file, m_jsonPath,
                       "not valid JSON at byte " + std::to_string(m_position) + ": " +
                           what);
    }

private:
    void require(char const* what) const
    {
        if (atEnd())
        {
            fail(std::string("the text ends early, expected ") + what);
        }
    }

    static constexpr std::uint64_t blockSize = std::uint64_t(1) << 20;
    StoredText const& m_text;
    std::uint64_t m_position;
    std::uint64_t m_end;
    std::uint64_t m_blockStart = 0;
    std::string m_block;
    std::string const& m_file;
    std::string const& m_jsonPath;
};

/** A key as JSON text decodes it (escapes are rare in keys). */
std::string decodeKey(std::string raw, ByteReader const& reader)
{
    if (raw.find('\\') == std::string::npos)
    {
        return raw;
    }
    JSONSyntaxError syntax;
    auto const parsed = parseRawJSON('"' + raw + '"', syntax);
    if (!parsed || !parsed->is_string())
    {
        reader.fail("a key with an invalid escape sequence");
    }
    return parsed->get<std::string>();
}

/**
 * Skips the bytes of one object or array, block by block, in a tight loop
 * (listing a large file's groups reads most of its text), with its state kept
 * across block boundaries. For an object, notes whether it has a "data" key
 * whose value is an array (a dataset).
 */
class ContainerSkipper
{
public:
    /** The opening bracket was read. */
    explicit ContainerSkipper(bool isObject) : m_isObject(isObject), m_expectKey(isObject)
    {
    }

    bool done() const { return m_depth == 0; }
    bool dataset() const { return m_dataset; }

    /** Consumes `block` up to the container's end. @return the bytes consumed */
    size_t consume(std::string_view block)
    {
        size_t i = 0;
        while (i < block.size() && m_depth > 0)
        {
            if (m_inString)
            {
                i = consumeString(block, i);
                continue;
            }
            if (!m_checkArray)
            {
                // Numbers, literals and whitespace: nothing to track. Deeper
                // than the outer object's members, neither are ':' and ','.
                auto const& stops = m_depth == 1 && m_isObject ? structural() : nesting();
                while (i < block.size() && !stops[static_cast<unsigned char>(block[i])])
                {
                    ++i;
                }
                if (i == block.size())
                {
                    break;
                }
            }
            token(block[i++]);
        }
        return i;
    }

private:
    static std::array<bool, 256> const& structural()
    {
        static std::array<bool, 256> const table = []
        {
            std::array<bool, 256> t{};
            for (char c : {'"', '{', '}', '[', ']', ':', ','})
            {
                t[static_cast<unsigned char>(c)] = true;
            }
            return t;
        }();
        return table;
    }

    /** The bytes that open or close a string or a nested value. */
    static std::array<bool, 256> const& nesting()
    {
        static std::array<bool, 256> const table = []
        {
            std::array<bool, 256> t{};
            for (char c : {'"', '{', '}', '[', ']'})
            {
                t[static_cast<unsigned char>(c)] = true;
            }
            return t;
        }();
        return table;
    }

    /** Inside a string: consumes up to and including its next byte that matters. */
    size_t consumeString(std::string_view block, size_t i)
    {
        if (!m_inKey && !m_escaped)
        {
            // Most bytes are inside strings that are not keys.
            while (i < block.size() && block[i] != '"' && block[i] != '\\')
            {
                ++i;
            }
            if (i == block.size())
            {
                return i;
            }
        }
        char const c = block[i];
        if (m_escaped)
        {
            m_escaped = false;
        }
        else if (c == '\\')
        {
            m_escaped = true;
        }
        else if (c == '"')
        {
            m_inString = false;
            if (m_inKey)
            {
                m_inKey = false;
                m_expectKey = false;
                m_lastKeyIsData =
                    m_keyLength == 4 && std::string_view(m_key, 4) == "data";
            }
            return i + 1;
        }
        if (m_inKey && m_keyLength++ < sizeof(m_key))
        {
            m_key[m_keyLength - 1] = c;
        }
        return i + 1;
    }

    /** A byte outside strings. */
    void token(char c)
    {
        if (m_checkArray && c != ' ' && c != '\n' && c != '\t' && c != '\r')
        {
            m_dataset = c == '[';
            m_checkArray = false;
        }
        switch (c)
        {
        case '"':
            m_inString = true;
            m_inKey = m_depth == 1 && m_expectKey;
            m_keyLength = 0;
            break;
        case ':':
            m_checkArray = m_depth == 1 && m_isObject && m_lastKeyIsData;
            break;
        case ',':
            m_expectKey = m_depth == 1 && m_isObject;
            break;
        case '{':
        case '[':
            ++m_depth;
            break;
        case '}':
        case ']':
            --m_depth;
            break;
        default:
            break;
        }
    }

    bool m_isObject;
    size_t m_depth = 1;
    bool m_inString = false;
    bool m_escaped = false;
    // Directly inside the outer object: is the next string a key, is it
    // "data", and is the value after its ':' an array?
    bool m_expectKey;
    bool m_inKey = false;
    size_t m_keyLength = 0;
    char m_key[4] = {};
    bool m_lastKeyIsData = false;
    bool m_checkArray = false;
    bool m_dataset = false;
};

bool skipContainer(ByteReader& reader, bool isObject)
{
    ContainerSkipper skipper(isObject);
    while (!skipper.done())
    {
        reader.advance(skipper.consume(reader.window()));
    }
    return skipper.dataset();
}

/**
 * Skips one value; for an object, tells whether it has a "data" key whose
 * value is an array.
 */
bool skipValue(ByteReader& reader)
{
    char const first = reader.next();
    if (first == '"')
    {
        reader.skipString(0);
        return false;
    }
    if (first != '{' && first != '[')
    {
        // A number or literal: up to the next separator.
        while (!reader.atEnd())
        {
            char const c = reader.peek();
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' ||
                c == '\r')
            {
                return false;
            }
            reader.next();
        }
        return false;
    }
    return skipContainer(reader, first == '{');
}
} // namespace

namespace
{
ScannedObject scanMembers(ByteReader& reader, unsigned nestedLevels)
{
    std::uint64_t const start = reader.position();
    ScannedObject result;
    reader.expect('{', "'{' (an object)");
    reader.skipWhitespace();
    if (!reader.atEnd() && reader.peek() == '}')
    {
        reader.next();
        result.length = reader.position() - start;
        return result;
    }
    while (true)
    {
        reader.expect('"', "a key (a string)");
        ScannedMember member;
        member.key = decodeKey(reader.skipString(std::string::npos), reader);
        reader.expect(':', "':' after a key");
        reader.skipWhitespace();
        if (reader.atEnd())
        {
            reader.fail("the text ends early, expected a value");
        }
        member.offset = reader.position();
        member.first = reader.peek();
        if (member.first == '{' && nestedLevels > 0)
        {
            member.inner =
                std::make_unique<ScannedObject>(scanMembers(reader, nestedLevels - 1));
            auto const& members = member.inner->members;
            member.looksLikeDataset = std::any_of(
                members.begin(), members.end(),
                [](ScannedMember const& m) { return m.key == "data" && m.first == '['; });
        }
        else
        {
            member.looksLikeDataset = skipValue(reader);
        }
        member.length = reader.position() - member.offset;
        result.members.push_back(std::move(member));
        reader.skipWhitespace();
        char const c = reader.next();
        if (c == '}')
        {
            break;
        }
        if (c != ',')
        {
            reader.fail("expected ',' or '}' after a value");
        }
    }
    result.length = reader.position() - start;
    return result;
}
} // namespace

ScannedObject scanObject(StoredText const& text, std::uint64_t start,
                         std::uint64_t fileSize, std::string const& file,
                         std::string const& jsonPath, unsigned nestedLevels)
{
    ByteReader reader(text, start, fileSize, file, jsonPath);
    reader.skipWhitespace();
    ScannedObject result = scanMembers(reader, nestedLevels);
    // Lengths count from `start`, leading whitespace included, as before.
    result.length = reader.position() - start;
    return result;
}
} // namespace openPMD::jsonio
