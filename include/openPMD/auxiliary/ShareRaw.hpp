#pragma once

#include <array>
#include <memory>
#include <vector>

namespace openPMD
{
/**
 * A shared_ptr that does not own `ptr`: the caller keeps the memory alive
 * until the next flush point. Prefer storeChunkRaw / storeChunk(container).
 */
template <typename T>
[[deprecated("use storeChunkRaw or loadChunkRaw")]] std::shared_ptr<T> shareRaw(T* ptr)
{
    return std::shared_ptr<T>(ptr, [](T*) {});
}
template <typename T>
[[deprecated("use storeChunkRaw or loadChunkRaw")]] std::shared_ptr<T const>
shareRaw(T const* ptr)
{
    return std::shared_ptr<T const>(ptr, [](T const*) {});
}
template <typename T>
[[deprecated("use storeChunk(container)")]] auto shareRaw(T& container)
    -> std::shared_ptr<typename T::value_type>
{
    return std::shared_ptr<typename T::value_type>(container.data(),
                                                   [](typename T::value_type*) {});
}
} // namespace openPMD
