#include "openPMD/IO/KeyValueStore.hpp"

#include <algorithm>

namespace openPMD
{
std::optional<std::vector<std::byte>> KeyValueStore::getRange(std::string const& key,
                                                              std::uint64_t offset,
                                                              std::uint64_t length)
{
    auto value = get(key);
    if (!value)
        return value;
    auto const begin = std::min<std::uint64_t>(offset, value->size());
    auto const end = begin + std::min<std::uint64_t>(length, value->size() - begin);
    return std::vector<std::byte>(value->begin() + static_cast<std::ptrdiff_t>(begin),
                                  value->begin() + static_cast<std::ptrdiff_t>(end));
}

void KeyValueStore::eraseWithPrefix(std::string const& prefix)
{
    for (auto const& key : list(prefix))
        erase(key);
}

bool KeyValueStore::contains(std::string const& key)
{
    return get(key).has_value();
}

void KeyValueStore::sync() {}

std::uint64_t KeyValueStore::maxValueSize() const
{
    return 0;
}
} // namespace openPMD
