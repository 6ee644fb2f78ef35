#pragma once

namespace openPMD
{
/**
 * A backend's own handle on one node of the storage tree: a path, a JSON
 * pointer, an HDF5 object id ... Backends derive from it and keep an instance
 * in Writable::abstractFilePosition; the frontend never looks inside.
 */
class AbstractFilePosition
{
public:
    virtual ~AbstractFilePosition() = default;
};
} // namespace openPMD
