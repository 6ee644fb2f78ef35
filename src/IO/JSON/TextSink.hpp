#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace openPMD::jsonio
{
/**
 * Where serialized JSON goes: a string buffer that is handed to `drain` in
 * pieces of about a megabyte, so that writing a large file does not hold
 * its whole text in memory. Without a drain the text accumulates.
 */
class TextSink
{
public:
    using Drain = std::function<void(std::string_view)>;

    explicit TextSink(Drain drain = {});

    /** The buffer to append to. */
    std::string& text() { return m_text; }
    /** Hands the buffer to the drain if it has grown large. */
    void checkpoint()
    {
        if (m_drain && m_text.size() >= drainSize)
        {
            flush();
        }
    }
    /** Hands everything still buffered to the drain. */
    void flush();

    /** Bytes produced so far: drained, written past the sink, and buffered. */
    std::uint64_t position() const { return m_drained + m_text.size(); }
    /**
     * Notes `length` bytes written to the destination past the sink (after
     * flush()), e.g. copied from a file by the kernel.
     */
    void skip(std::uint64_t length) { m_drained += length; }

private:
    static constexpr size_t drainSize = size_t(1) << 20;
    Drain m_drain;
    std::string m_text;
    std::uint64_t m_drained = 0;
};
} // namespace openPMD::jsonio
