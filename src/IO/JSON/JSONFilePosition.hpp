#pragma once

#include "IO/JSON/JSONFile.hpp"
#include "openPMD/IO/AbstractFilePosition.hpp"

#include <memory>
#include <string>
#include <vector>

namespace openPMD::jsonio
{
/**
 * Where a node lives: its file and its path of keys from the document root.
 *
 * The file is fixed when the node is created or opened (a child takes its
 * parent's file at that moment), so that in file-based encoding the nodes
 * of earlier iteration files keep pointing to their own file. The path is
 * resolved on use: a node whose group was deleted gets a clear error, never
 * a dangling pointer.
 */
class JSONFilePosition : public AbstractFilePosition
{
public:
    JSONFilePosition(std::shared_ptr<JSONFile> file_in, std::vector<std::string> path_in)
        : file(std::move(file_in)), path(std::move(path_in))
    {
    }

    std::shared_ptr<JSONFile> file;
    std::vector<std::string> path;
};
} // namespace openPMD::jsonio
