#include "IO/JSON/JSONFile.hpp"
#include "IO/JSON/AtomicFileWriter.hpp"
#include "IO/JSON/FileUpdate.hpp"
#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/JSONReader.hpp"
#include "IO/JSON/JSONScanner.hpp"
#include "IO/JSON/JSONWriter.hpp"
#include "IO/JSON/SaveJournal.hpp"

#include <algorithm>
#include <fcntl.h>

namespace openPMD::jsonio
{
namespace
{
/** The JSON pointer of `node`, found through the parents (for messages). */
std::string pointerTo(JSONNode const& node)
{
    std::string pointer;
    for (JSONNode const* current = &node; current->parent != nullptr;
         current = current->parent)
    {
        pointer = "/" + current->name + pointer;
    }
    return pointer.empty() ? "/" : pointer;
}

/** Frees what `node` holds in memory; its text stays in the stored file. */
void dropContent(JSONNode& node)
{
    node.attributes.clear();
    node.attributesProblem.clear();
    node.children.clear();
    node.dataset.reset();
    node.verbatim.clear();
    node.verbatimValue.reset();
    node.problem.clear();
    node.loaded = false;
}
} // namespace

void JSONFile::createEmpty()
{
    m_prescanned.clear();
    m_root = std::make_unique<JSONNode>(JSONNode::Kind::Group);
    m_stored = StoredText();
    m_storedIsOurs = false;
    m_releasable.clear();
    m_changed = true;
}

void JSONFile::load(bool writable)
{
    if (writable)
    {
        SaveJournal::repair(m_path);
    }
    std::uint64_t size = 0;
    int const descriptor = openForReading(m_path, size);
    StoredText stored(descriptor, m_path, size);
    if (!writable)
    {
        // A torn save is read as the state before it, leaving the file as it is.
        SaveJournal journal;
        if (SaveJournal::read(m_path, descriptor, journal) == SaveJournal::Found::Valid)
        {
            stored.overlayTail(journal.offset, std::move(journal.oldTail));
            size = stored.size();
        }
    }
    m_releasable.clear();
    m_prescanned.clear();
    m_changed = false;
    m_storedIsOurs = false;
    if (size <= eagerFileSize)
    {
        m_root = readDocument(stored.read(0, size), m_path);
        m_stored = StoredText();
        return;
    }
    // A large file: only the root's own content now, the rest when used.
    auto root = std::make_unique<JSONNode>(JSONNode::Kind::Group);
    root->stored = JSONNode::Span{0, size};
    root->changed = false;
    root->ownChanged = false;
    m_stored = std::move(stored);
    loadMembers(*root, 0, true);
    std::uint64_t const end = root->stored->length;
    if (end < size)
    {
        std::string const rest = m_stored.read(end, std::min(size - end, lazyGroupSize));
        if (rest.find_first_not_of(" \t\r\n") != std::string::npos ||
            size - end > rest.size())
        {
            throwReadError(error::AffectedObject::File, error::Reason::UnexpectedContent,
                           m_path, "",
                           "not valid JSON at byte " + std::to_string(end) +
                               ": text after the top-level object");
        }
    }
    m_root = std::move(root);
}

void JSONFile::loadMembers(JSONNode& node, std::uint64_t start, bool isRoot)
{
    std::string const pointer = pointerTo(node);
    ScannedObject scanned;
    auto const prescanned = m_prescanned.find(start);
    if (prescanned != m_prescanned.end())
    {
        scanned = std::move(prescanned->second);
        m_prescanned.erase(prescanned);
    }
    else
    {
        // The root's large groups (e.g. /data) are scanned in the same pass.
        scanned =
            scanObject(m_stored, start, m_stored.size(), m_path, pointer, isRoot ? 1 : 0);
    }
    JSONNode loaded(JSONNode::Kind::Group);
    for (auto& member : scanned.members)
    {
        JSONNode::Span const span{member.offset - start, member.length};
        if (member.inner && member.length > lazyGroupSize && !member.looksLikeDataset)
        {
            m_prescanned[member.offset] = std::move(*member.inner);
        }
        if (member.key == "attributes")
        {
            // Decoded as the only member of an object at the node's own path.
            auto holder = readSubtree(
                "{\"attributes\":" + m_stored.read(member.offset, member.length) + "}",
                m_path, pointer);
            loaded.attributes = std::move(holder->attributes);
            loaded.attributesProblem = std::move(holder->attributesProblem);
            loaded.verbatim = std::move(holder->verbatim);
        }
        else if (isRoot && member.key == "platform_byte_widths")
        {
            // Describes the last writer only; written anew on save.
        }
        else if (member.first == '{')
        {
            auto child = std::make_unique<JSONNode>(member.looksLikeDataset
                                                        ? JSONNode::Kind::Dataset
                                                        : JSONNode::Kind::Group);
            child->loaded = false;
            child->changed = false;
            child->ownChanged = false;
            child->stored = span;
            loaded.adopt(member.key, std::move(child));
        }
        else
        {
            std::string const childPointer =
                (pointer == "/" ? "" : pointer) + "/" + member.key;
            auto child = readSubtree(m_stored.read(member.offset, member.length), m_path,
                                     childPointer);
            child->changed = false;
            child->ownChanged = false;
            child->stored = span;
            loaded.adopt(member.key, std::move(child));
        }
    }
    node.attributes = std::move(loaded.attributes);
    node.attributesProblem = std::move(loaded.attributesProblem);
    node.verbatim = std::move(loaded.verbatim);
    node.children = std::move(loaded.children);
    for (auto& [name, child] : node.children)
    {
        child->parent = &node;
    }
    node.stored->length = scanned.length;
    node.membersPlaced = true;
    node.loaded = true;
}

void JSONFile::close()
{
    m_root.reset();
    m_prescanned.clear();
    m_stored = StoredText();
    m_storedIsOurs = false;
    m_releasable.clear();
    m_changed = false;
}

void JSONFile::markChanged(JSONNode& node)
{
    node.ownChanged = true;
    for (JSONNode* current = &node; current != nullptr; current = current->parent)
    {
        // Listed and changed: so are its ancestors already (O(1) per change).
        bool const marked =
            current->changed && (current->parent == nullptr || current->listed);
        current->changed = true;
        if (current->parent != nullptr && !current->listed)
        {
            current->parent->changedChildren.push_back(current);
            current->listed = true;
        }
        if (marked)
        {
            break;
        }
    }
    m_changed = true;
}

void JSONFile::ensureLoaded(JSONNode& node)
{
    if (node.loaded)
    {
        return;
    }
    std::uint64_t start = 0;
    for (JSONNode const* current = &node; current != nullptr; current = current->parent)
    {
        start += current->stored->offset;
    }
    if (node.kind == JSONNode::Kind::Group && node.stored->length > lazyGroupSize)
    {
        loadMembers(node, start, node.parent == nullptr);
        return;
    }
    auto fresh =
        readSubtree(m_stored.read(start, node.stored->length), m_path, pointerTo(node));
    node.kind = fresh->kind;
    node.attributes = std::move(fresh->attributes);
    node.attributesProblem = std::move(fresh->attributesProblem);
    node.children = std::move(fresh->children);
    for (auto& [name, child] : node.children)
    {
        child->parent = &node;
    }
    node.dataset = std::move(fresh->dataset);
    node.verbatim = std::move(fresh->verbatim);
    node.verbatimValue = std::move(fresh->verbatimValue);
    node.problem = std::move(fresh->problem);
    node.membersPlaced = fresh->membersPlaced;
    node.loaded = true;
}

JSONNode* JSONFile::find(Path const& path)
{
    JSONNode* current = m_root.get();
    for (auto const& key : path)
    {
        ensureLoaded(*current);
        auto const found = current->children.find(key);
        if (found == current->children.end())
        {
            return nullptr;
        }
        current = found->second.get();
    }
    ensureLoaded(*current);
    return current;
}

void JSONFile::releaseWhenStored(Path path)
{
    if (!path.empty())
    {
        m_releasable.push_back(std::move(path));
        // Unchanged content (e.g. of a file being read) goes now, the rest
        // after the next save.
        releasePending();
    }
}

void JSONFile::releasePending()
{
    if (!m_stored.valid() || !m_root)
    {
        return;
    }
    std::vector<Path> keep;
    for (auto& path : m_releasable)
    {
        JSONNode* current = m_root.get();
        for (auto const& key : path)
        {
            auto const found = current->children.find(key);
            current = found == current->children.end() ? nullptr : found->second.get();
            if (current == nullptr || !current->loaded)
            {
                break;
            }
        }
        if (current == nullptr || !current->loaded ||
            current->kind == JSONNode::Kind::Verbatim)
        {
            continue; // gone, released already, or nothing worth releasing
        }
        if (current->stored && !current->changed)
        {
            dropContent(*current);
        }
        else
        {
            keep.push_back(std::move(path));
        }
    }
    m_releasable = std::move(keep);
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
        releasePending();
        return false;
    }
    bool const copyable = m_stored.valid() && m_storedIsOurs;
    FileUpdate file(m_path, m_stored, copyable, durable);
    TextSink sink([&file](std::string_view text) { file.write(text); });
    JSONWriter::CopyStored copy;
    if (copyable)
    {
        copy = [&](std::uint64_t offset, std::uint64_t length)
        {
            sink.flush();
            file.copy(offset, length);
            sink.skip(length);
        };
    }
    JSONWriter writer(sink, std::move(copy),
                      [this](JSONNode& node) { ensureLoaded(node); });
    writer.writeDocument(*m_root);
    std::uint64_t const size = sink.position();
    auto const result = file.commit(size);
    m_prescanned.clear(); // positions in the old version
    int readable = result.descriptor;
    if (!result.inPlace && readable < 0)
    {
        // No descriptor to spare from the writer: open the new file by name.
        readable = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (result.inPlace || readable >= 0)
    {
        // The new version is in place: spans now refer to it.
        applyPlacements(writer.placements());
        if (result.inPlace)
        {
            m_stored.resize(size);
        }
        else
        {
            m_stored = StoredText(readable, m_path, size);
        }
        m_storedIsOurs = true;
    }
    // Else the spans keep referring to the old version, which is still held:
    // the next save copies from it again.
    m_changed = false;
    m_unsynced = !durable;
    releasePending();
    return true;
}

void JSONFile::applyPlacements(JSONWriter::Placements const& placements)
{
    for (auto const& placed : placements)
    {
        JSONNode& node = *placed.node;
        node.stored = placed.span;
        node.changed = false;
        node.ownChanged = false;
        node.listed = false;
        node.changedChildren.clear();
        if (placed.whole)
        {
            node.membersPlaced = true;
        }
    }
}

std::string JSONFile::serialize()
{
    TextSink sink;
    if (m_root)
    {
        JSONWriter::CopyStored copy;
        if (m_stored.valid() && m_storedIsOurs)
        {
            copy = [&](std::uint64_t offset, std::uint64_t length)
            { sink.text() += m_stored.read(offset, length); };
        }
        JSONWriter(sink, std::move(copy), [this](JSONNode& node) { ensureLoaded(node); })
            .writeDocument(*m_root);
    }
    return sink.text();
}
} // namespace openPMD::jsonio
