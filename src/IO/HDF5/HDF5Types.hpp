#pragma once

#include "IO/HDF5/HDF5Handle.hpp"
#include "openPMD/Datatype.hpp"

#include <hdf5.h>

#include <string>

namespace openPMD::hdf5
{
/**
 * The HDF5 datatypes libopenPMD writes, and how types found on disk map back
 * to Datatype (see docs/hdf5-backend.md, "Type mapping").
 *
 * Written types (as openPMD-api 0.16 and h5py expect them):
 *  - integers and floats as the native HDF5 type of the C++ type;
 *  - complex as a compound {"r", "i"} of the native float type;
 *  - bool as an enum over int8 with members TRUE = 1, FALSE = 0;
 *  - strings as fixed-length, NUL-terminated ASCII (built per value, since
 *    their size depends on the value: see makeStringType).
 *
 * The compound and enum types are created once and kept here.
 */
class TypeTable
{
public:
    /** @throws error::Internal if HDF5 cannot build the derived types. */
    TypeTable();

    /**
     * The HDF5 type of one element of `dt` (for vectors, of their element):
     * used both as file type and as memory type. STRING has none (see
     * makeStringType); UNDEFINED throws error::Internal.
     */
    hid_t elementType(Datatype dt) const;

    hid_t boolType() const { return m_bool.get(); }

private:
    Handle m_bool;
    Handle m_complexFloat;
    Handle m_complexDouble;
    Handle m_complexLongDouble;
};

/** A fixed-length, NUL-terminated ASCII string type of `size` bytes (NUL included). */
Handle makeStringType(size_t size);

/** A variable-length C string type (for reading what other tools wrote). */
Handle makeVariableStringType();

/**
 * What one element of the HDF5 type `type` reads back as.
 *
 * Integers and floats are matched by class, size and signedness (so CHAR and
 * SCHAR, LONG and LONGLONG cannot be told apart: 1-byte signed integers come
 * back as CHAR, 8-byte ones as LONG where long has 8 bytes); compounds
 * {"r","i"} of two equal floats are complex; an enum {TRUE=1, FALSE=0} is BOOL;
 * strings (fixed or variable length) are STRING.
 *
 * @return UNDEFINED if the type is none of these; `whyNot` then says what the
 *         type is, for the error message.
 */
Datatype classifyElement(hid_t type, std::string& whyNot);

/** True if `type` is a variable-length string. */
bool isVariableString(hid_t type);
} // namespace openPMD::hdf5
