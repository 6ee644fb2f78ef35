#pragma once

#include "Common.hpp"

#include <string>

namespace openPMD::python
{
/** "'<object path>' in '<file>'", for error messages. */
std::string location(RecordComponent const&);
/**
 * The numpy dtype of the component's dataset.
 * @throws error::WrongAPIUsage naming the object if it has none (a record
 *         with components, or nothing declared yet); `what` names the caller.
 */
py::dtype datasetDtype(RecordComponent const&, char const* what);
/** Completes a selection: empty `offset` means zeros, empty `extent` the rest. */
void completeSelection(RecordComponent const&, Offset& offset, Extent& extent);
/**
 * Queue the store of a numpy array (or anything np.asarray accepts) into
 * the block at `offset` with `extent`. A C-contiguous native-order array is
 * not copied: it is kept alive until the flush that writes it. Anything else
 * is copied once into such an array. Empty `offset` means zeros, empty
 * `extent` the array's shape.
 */
void storeArray(RecordComponent&, py::handle array, Offset offset, Extent extent);
/**
 * A new array of the component's dtype with shape `extent`, filled at the next
 * flush point (constants at once). Empty `offset` means zeros, empty `extent`
 * the rest of the dataset.
 */
py::array loadArray(RecordComponent&, Offset offset, Extent extent);
/**
 * Load into a caller's writable C-contiguous array of the dataset's dtype
 * with as many elements as the extent; it is kept alive and filled at the
 * next flush point.
 */
void loadInto(RecordComponent&, py::array buffer, Offset offset, Extent extent);
} // namespace openPMD::python
