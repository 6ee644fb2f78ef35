#include "IO/JSON/TextSink.hpp"

namespace openPMD::jsonio
{
TextSink::TextSink(Drain drain) : m_drain(std::move(drain))
{
    if (m_drain)
    {
        m_text.reserve(drainSize + drainSize / 4);
    }
}

void TextSink::flush()
{
    if (m_drain && !m_text.empty())
    {
        m_drain(m_text);
        m_drained += m_text.size();
        m_text.clear();
    }
}
} // namespace openPMD::jsonio
