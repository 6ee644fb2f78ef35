#include "IO/JSON/StoredText.hpp"
#include "IO/JSON/JSONErrors.hpp"

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
      m_size(other.m_size)
{
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
    }
    return *this;
}

std::string StoredText::read(std::uint64_t offset, std::uint64_t length) const
{
    std::string text(static_cast<size_t>(length), '\0');
    size_t done = 0;
    while (done < text.size())
    {
        auto const got = ::pread(m_fd, text.data() + done, text.size() - done,
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
    return text;
}
} // namespace openPMD::jsonio
