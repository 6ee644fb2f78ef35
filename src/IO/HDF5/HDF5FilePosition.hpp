#pragma once

#include "openPMD/IO/AbstractFilePosition.hpp"

#include <string>

namespace openPMD::hdf5
{
/** The HDF5 backend's handle on a Writable: the object's path in its file. */
class FilePosition : public AbstractFilePosition
{
public:
    explicit FilePosition(std::string path_in) : path(std::move(path_in)) {}
    std::string path;
};
} // namespace openPMD::hdf5
