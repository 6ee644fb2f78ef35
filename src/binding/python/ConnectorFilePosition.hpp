#pragma once

#include <openPMD/IO/AbstractFilePosition.hpp>

#include <string>

namespace openPMD::python
{
/**
 * What the connector bridge stores in Writable::abstractFilePosition: the
 * file (as passed to the connector) and the absolute path inside it.
 */
class ConnectorFilePosition final : public AbstractFilePosition
{
public:
    ConnectorFilePosition(std::string file_in, std::string path_in)
        : file(std::move(file_in)), path(std::move(path_in))
    {
    }

    /** The file's path, directory included, e.g. "out/data_100.pymem". */
    std::string file;
    /** The absolute path of the node in the file, "/" for the root. */
    std::string path;
};
} // namespace openPMD::python
