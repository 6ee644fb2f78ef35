#include "IO/JSON/JSONFile.hpp"
#include "IO/JSON/AtomicFileWriter.hpp"
#include "IO/JSON/JSONReader.hpp"
#include "IO/JSON/JSONWriter.hpp"

namespace openPMD::jsonio
{
void JSONFile::createEmpty()
{
    m_root = std::make_unique<JSONNode>(JSONNode::Kind::Group);
    m_changed = true;
}

void JSONFile::load()
{
    std::string const text = readWholeFile(m_path);
    m_root = readDocument(text, m_path);
    m_changed = false;
}

void JSONFile::close()
{
    m_root.reset();
    m_changed = false;
}

bool JSONFile::saveIfChanged(bool durable)
{
    if (!m_changed || !m_root)
    {
        if (durable && m_unsynced)
        {
            syncExistingFile(m_path);
            m_unsynced = false;
        }
        return false;
    }
    AtomicFileWriter file(m_path);
    TextSink sink([&file](std::string_view text) { file.write(text); });
    JSONWriter(sink).writeDocument(*m_root);
    file.commit(durable);
    m_changed = false;
    m_unsynced = !durable;
    return true;
}

std::string JSONFile::serialize() const
{
    TextSink sink;
    if (m_root)
    {
        JSONWriter(sink).writeDocument(*m_root);
    }
    return sink.text();
}
} // namespace openPMD::jsonio
