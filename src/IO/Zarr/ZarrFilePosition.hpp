#pragma once

#include "openPMD/IO/AbstractFilePosition.hpp"

#include <string>

namespace openPMD
{
/** Where a node lives: its hierarchy (file) and its path inside ("" = root). */
struct ZarrFilePosition final : AbstractFilePosition
{
    ZarrFilePosition(std::string file_in, std::string path_in)
        : file(std::move(file_in)), path(std::move(path_in))
    {
    }
    std::string file;
    std::string path;
};
} // namespace openPMD
