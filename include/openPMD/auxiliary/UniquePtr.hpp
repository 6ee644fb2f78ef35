#pragma once

#include <functional>
#include <memory>
#include <type_traits>

namespace openPMD
{
/** A unique_ptr whose deleter is any callable (e.g. a lambda freeing GPU memory). */
template <typename T>
using UniquePtrWithLambda =
    std::unique_ptr<T, std::function<void(std::remove_extent_t<T>*)>>;
} // namespace openPMD
