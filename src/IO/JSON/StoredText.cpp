#include "IO/JSON/StoredText.hpp"
#include "IO/JSON/JSONErrors.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <utility>

namespace openPMD::jsonio
{
StoredText::StoredText(int descriptor, std::string path, std::uint64_t size)
    : m_fd(descriptor), m_path(std::move(path)), m_size(size)
{
}

StoredText::~StoredText()
{
    if (m_fd >= 0)
    {
        ::close(m_fd);
    }
}

StoredText::StoredText(StoredText&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)),
      m_size(other.m_size),
      m_overlayOffset(std::exchange(other.m_overlayOffset, noOverlay)),
      m_overlay(std::move(other.m_overlay))
{
}

void StoredText::overlayTail(std::uint64_t offset, std::string tail)
{
    m_overlayOffset = offset;
    m_size = offset + tail.size();
    m_overlay = std::move(tail);
}

StoredText& StoredText::operator=(StoredText&& other) noexcept
{
    if (this != &other)
    {
        if (m_fd >= 0)
        {
            ::close(m_fd);
        }
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
        m_size = other.m_size;
        m_overlayOffset = std::exchange(other.m_overlayOffset, noOverlay);
        m_overlay = std::move(other.m_overlay);
    }
    return *this;
}

std::string StoredText::read(std::uint64_t offset, std::uint64_t length) const
{
    std::string text;
    readInto(text, offset, length);
    return text;
}

void StoredText::readInto(std::string& text, std::uint64_t offset,
                          std::uint64_t length) const
{
    text.resize(static_cast<size_t>(length));
    std::uint64_t fromFile = length;
    if (hasOverlay() && offset + length > m_overlayOffset)
    {
        std::uint64_t const overlayStart = std::max(offset, m_overlayOffset);
        fromFile = overlayStart - offset;
        std::uint64_t const inOverlay = overlayStart - m_overlayOffset;
        if (inOverlay + (length - fromFile) > m_overlay.size())
        {
            throwReadError(error::AffectedObject::File, error::Reason::CannotRead, m_path,
                           "", "cannot read back content: the file is shorter");
        }
        m_overlay.copy(text.data() + fromFile, static_cast<size_t>(length - fromFile),
                       static_cast<size_t>(inOverlay));
    }
    readFromFile(text.data(), offset, fromFile);
}

void StoredText::readFromFile(char* into, std::uint64_t offset,
                              std::uint64_t length) const
{
    size_t done = 0;
    while (done < length)
    {
        auto const got = ::pread(m_fd, into + done, static_cast<size_t>(length) - done,
                                 static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR)
        {
            continue;
        }
        if (got <= 0)
        {
            int const errorNumber = got < 0 ? errno : 0;
            throwReadError(error::AffectedObject::File, error::Reason::CannotRead, m_path,
                           "",
                           "cannot read back content written earlier: " +
                               (errorNumber != 0 ? std::string(std::strerror(errorNumber))
                                                 : std::string("the file is shorter")));
        }
        done += static_cast<size_t>(got);
    }
}
} // namespace openPMD::jsonio
