#include "ChunkIO.hpp"

#include "Numpy.hpp"

#include <string>
#include <vector>

namespace openPMD::python
{
namespace
{
/**
 * Deleter of the shared_ptr handed to the library: holds one reference on
 * the numpy array that owns the memory, dropped (under the GIL) when the
 * library releases the buffer after the flush.
 */
struct KeepArrayAlive
{
    PyObject* owner;

    void operator()(void const*) const
    {
        if (!Py_IsInitialized())
        {
            return; // interpreter gone: nothing left to release to
        }
        py::gil_scoped_acquire gil;
        Py_DECREF(owner);
    }
};

template <typename T>
std::shared_ptr<T> sharedBuffer(py::array const& array, T* data)
{
    Py_INCREF(array.ptr());
    return std::shared_ptr<T>(data, KeepArrayAlive{array.ptr()});
}

struct Store
{
    template <typename T>
    static void call(RecordComponent& rc, py::array const& array, Offset offset,
                     Extent extent)
    {
        auto data = sharedBuffer(array, static_cast<T const*>(array.data()));
        rc.storeChunk(std::move(data), std::move(offset), std::move(extent));
    }
};

struct Load
{
    template <typename T>
    static void call(RecordComponent& rc, py::array& array, Offset offset, Extent extent)
    {
        auto data = sharedBuffer(array, static_cast<T*>(array.mutable_data()));
        rc.loadChunk(std::move(data), std::move(offset), std::move(extent));
    }
};

std::string shapeString(std::vector<std::uint64_t> const& shape)
{
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i)
    {
        text += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return text + ")";
}

/**
 * Like switchDatasetType, plus BOOL: loads of constant components, whose
 * value may be a bool (openPMD datasets have no bool type).
 */
template <typename Action, typename... Args>
void switchLoadType(Datatype dt, Args&&... args)
{
    if (dt == Datatype::BOOL)
    {
        Action::template call<bool>(std::forward<Args>(args)...);
        return;
    }
    switchDatasetType<Action>(dt, std::forward<Args>(args)...);
}
} // namespace

std::string location(RecordComponent const& rc)
{
    return "'" + rc.myPath().openPMDPath() + "' in '" + rc.myPath().filePath() + "'";
}

py::dtype datasetDtype(RecordComponent const& rc, char const* what)
{
    Datatype const dt = rc.getDatatype();
    if (dt == Datatype::UNDEFINED)
    {
        throw error::WrongAPIUsage(std::string(what) + ": " + location(rc) +
                                   " has no dataset (a record with components, or no "
                                   "reset_dataset() yet)");
    }
    return dtypeOf(dt);
}

void storeArray(RecordComponent& rc, py::handle value, Offset offset, Extent extent)
{
    py::array array = py::module_::import("numpy").attr("asarray")(value);
    Datatype const given = datatypeOf(array.dtype());
    if (given == Datatype::UNDEFINED || given == Datatype::BOOL ||
        given == Datatype::STRING)
    {
        throw py::type_error("store_chunk: numpy arrays of dtype " +
                             py::str(array.dtype()).cast<std::string>() +
                             " cannot be stored (no openPMD dataset type) into " +
                             location(rc));
    }
    bool const native = array.dtype().attr("isnative").cast<bool>();
    if (!native || !(array.flags() & py::array::c_style))
    {
        array = contiguousArray(array, array.dtype());
    }
    if (extent.empty())
    {
        extent.assign(array.shape(), array.shape() + array.ndim());
    }
    if (offset.empty())
    {
        offset.assign(extent.size(), 0);
    }
    std::uint64_t count = 1;
    for (auto e : extent)
    {
        count *= e;
    }
    if (count != static_cast<std::uint64_t>(array.size()))
    {
        throw py::value_error("store_chunk: the array has " +
                              std::to_string(array.size()) + " elements, the extent " +
                              shapeString(extent) + " needs " + std::to_string(count) +
                              " (" + location(rc) + ")");
    }
    // LONG and LONGLONG (and the like) are the same type on this platform:
    // store as the declared one.
    Datatype const declared = rc.getDatatype();
    Datatype const dt =
        declared != Datatype::UNDEFINED && isSame(given, declared) ? declared : given;
    switchDatasetType<Store>(dt, rc, array, std::move(offset), std::move(extent));
}

void completeSelection(RecordComponent const& rc, Offset& offset, Extent& extent)
{
    Extent const full = rc.getExtent();
    if (offset.empty())
    {
        offset.assign(full.size(), 0);
    }
    if (extent.empty())
    {
        extent.resize(offset.size());
        for (size_t i = 0; i < offset.size() && i < full.size(); ++i)
        {
            extent[i] = offset[i] <= full[i] ? full[i] - offset[i] : 0;
        }
    }
}

py::array loadArray(RecordComponent& rc, Offset offset, Extent extent)
{
    completeSelection(rc, offset, extent);
    py::dtype const dtype = datasetDtype(rc, "load_chunk");
    std::vector<py::ssize_t> shape(extent.begin(), extent.end());
    py::array array(dtype, shape);
    switchLoadType<Load>(rc.getDatatype(), rc, array, std::move(offset),
                         std::move(extent));
    return array;
}

void loadInto(RecordComponent& rc, py::array buffer, Offset offset, Extent extent)
{
    completeSelection(rc, offset, extent);
    py::dtype const dtype = datasetDtype(rc, "load_chunk");
    Datatype const dt = rc.getDatatype();
    if (!isSame(datatypeOf(buffer.dtype()), dt) ||
        !buffer.dtype().attr("isnative").cast<bool>())
    {
        throw py::type_error("load_chunk: the buffer has dtype " +
                             py::str(buffer.dtype()).cast<std::string>() + ", " +
                             location(rc) + " holds " +
                             py::str(py::handle(dtype)).cast<std::string>());
    }
    if (!(buffer.flags() & py::array::c_style) || !buffer.writeable())
    {
        throw py::value_error("load_chunk: the buffer must be a writable C-contiguous "
                              "array (" +
                              location(rc) + ")");
    }
    std::uint64_t count = 1;
    for (auto e : extent)
    {
        count *= e;
    }
    if (count != static_cast<std::uint64_t>(buffer.size()))
    {
        throw py::value_error("load_chunk: the buffer has " +
                              std::to_string(buffer.size()) + " elements, the extent " +
                              shapeString(extent) + " needs " + std::to_string(count) +
                              " (" + location(rc) + ")");
    }
    switchLoadType<Load>(dt, rc, buffer, std::move(offset), std::move(extent));
}
} // namespace openPMD::python
