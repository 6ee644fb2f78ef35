#pragma once

#include "IO/HDF5/HDF5Error.hpp"
#include "IO/HDF5/HDF5Types.hpp"
#include "openPMD/backend/Attribute.hpp"

#include <hdf5.h>

#include <string>
#include <vector>

namespace openPMD::hdf5
{
/**
 * Writes the attribute `name` of `object`. An existing attribute of the same
 * type and size is overwritten in place; one of another type or size is
 * deleted and created anew, so nothing is ever truncated. With
 * `objectCreated` (the object is new), creating is tried first and the
 * existing attribute is looked for only if HDF5 refuses.
 */
void writeAttribute(hid_t object, bool objectCreated, std::string const& name,
                    Attribute const& value, TypeTable const& types, Site const& site);

/**
 * Reads the attribute `name` of `object`; a missing one is
 * error::ReadError(Attribute, NotFound), one of a type we do not know is
 * error::ReadError(Attribute, UnexpectedContent).
 */
Attribute readAttribute(hid_t object, std::string const& name, TypeTable const& types,
                        Site const& site);

/** Names of the attributes of `object`, sorted. */
std::vector<std::string> listAttributes(hid_t object, Site const& site);

/** Deletes the attribute `name` of `object` if it exists. */
void deleteAttribute(hid_t object, std::string const& name, Site const& site);
} // namespace openPMD::hdf5
