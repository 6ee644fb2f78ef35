#include "openPMD/backend/Writable.hpp"

namespace openPMD
{
bool Writable::isDescendantOf(Writable const* ancestor) const
{
    for (Writable const* node = this; node != nullptr; node = node->parent)
    {
        if (node == ancestor)
        {
            return true;
        }
    }
    return false;
}
} // namespace openPMD
