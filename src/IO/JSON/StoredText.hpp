#pragma once

#include <cstdint>
#include <string>

namespace openPMD::jsonio
{
/**
 * One version of a JSON file's text, held by an open descriptor: the file
 * as this process last wrote or read it, even after it was replaced on disk.
 * Nodes keep spans into it (JSONNode::stored), so unchanged subtrees are
 * copied from it at the next save and evicted subtrees are read back from it.
 */
class StoredText
{
public:
    StoredText() = default;
    /**
     * Takes ownership of `descriptor` (open for reading) of the file `path`
     * of `size` bytes.
     */
    StoredText(int descriptor, std::string path, std::uint64_t size);
    ~StoredText();
    StoredText(StoredText&& other) noexcept;
    StoredText& operator=(StoredText&& other) noexcept;
    StoredText(StoredText const&) = delete;
    StoredText& operator=(StoredText const&) = delete;

    /**
     * The file's text is its first `offset` bytes followed by `tail`, not
     * what follows on disk: the last saved state of a file whose in-place
     * save was torn, read without repairing it (see SaveJournal).
     */
    void overlayTail(std::uint64_t offset, std::string tail);
    bool hasOverlay() const { return m_overlayOffset != noOverlay; }

    bool valid() const { return m_fd >= 0; }
    std::uint64_t size() const { return m_size; }
    /** The file was patched in place to `size` bytes. */
    void resize(std::uint64_t size) { m_size = size; }
    int descriptor() const { return m_fd; }
    /** The bytes [offset, offset + length). @throws error::ReadError naming the file */
    std::string read(std::uint64_t offset, std::uint64_t length) const;
    /** As read(), into `into`, reusing its memory (a scan reads many blocks). */
    void readInto(std::string& into, std::uint64_t offset, std::uint64_t length) const;

private:
    void readFromFile(char* into, std::uint64_t offset, std::uint64_t length) const;

    static constexpr std::uint64_t noOverlay = ~std::uint64_t(0);
    int m_fd = -1;
    std::string m_path;
    std::uint64_t m_size = 0;
    std::uint64_t m_overlayOffset = noOverlay;
    std::string m_overlay;
};
} // namespace openPMD::jsonio
