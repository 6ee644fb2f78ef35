#pragma once

#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>

namespace openPMD
{
/** A view on contiguous memory: a pointer and a size. */
template <typename T>
class Span
{
public:
    using iterator = T*;
    using reverse_iterator = std::reverse_iterator<iterator>;

    Span(T* data, size_t size) : m_data(data), m_size(size) {}

    size_t size() const { return m_size; }
    T* data() const { return m_data; }
    T& operator[](size_t i) const { return m_data[i]; }

    iterator begin() const { return m_data; }
    iterator end() const { return m_data + m_size; }
    reverse_iterator rbegin() const { return reverse_iterator(end()); }
    reverse_iterator rend() const { return reverse_iterator(begin()); }

private:
    T* m_data;
    size_t m_size;
};

/**
 * The buffer of a span-based storeChunk: fill currentBuffer() before the next
 * flush point.
 *
 * Where the backend offers one (JSON for a selection that is one contiguous
 * run of the dataset), the buffer is the backend's own memory: what is filled
 * in is written at the flush point without a copy. Otherwise the buffer is
 * library-owned (or from the user's allocator) and written at the flush like
 * a normal storeChunk. currentBuffer() returns the current address; call it
 * again after a flush, as a backend may move its buffers.
 */
template <typename T>
class DynamicMemoryView
{
public:
    /** A buffer of the library or the user, written at the next flush. */
    DynamicMemoryView(std::shared_ptr<T> buffer, size_t size)
        : m_buffer(std::move(buffer)), m_size(size)
    {
    }
    /** A backend-owned buffer; `currentAddress` asks where it is now. */
    DynamicMemoryView(std::function<void*()> currentAddress, size_t size)
        : m_currentAddress(std::move(currentAddress)), m_size(size)
    {
    }

    /** The memory to fill (valid until the next flush point). */
    Span<T> currentBuffer()
    {
        if (m_currentAddress)
        {
            return Span<T>(static_cast<T*>(m_currentAddress()), m_size);
        }
        return Span<T>(m_buffer.get(), m_size);
    }

private:
    std::shared_ptr<T> m_buffer;
    std::function<void*()> m_currentAddress;
    size_t m_size;
};
} // namespace openPMD
