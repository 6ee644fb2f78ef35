#include "Slicing.hpp"

#include "ChunkIO.hpp"
#include "Numpy.hpp"

#include <string>
#include <vector>

namespace openPMD::python
{
namespace
{
/** The block an index selects, and how to cut the loaded block down to it. */
struct Selection
{
    Offset offset;
    Extent extent;
    /** Applied to the loaded block: drops integer axes, applies steps. */
    py::list postIndex;
    bool needsPostIndex = false;
    bool hasStep = false;
    /** The shape of the result (integer axes dropped). */
    std::vector<py::ssize_t> shape;
};

/** The index as a tuple with the Ellipsis expanded to one entry per axis. */
std::vector<py::object> expandIndex(py::handle index, size_t ndim)
{
    py::tuple items = py::isinstance<py::tuple>(index)
                          ? py::reinterpret_borrow<py::tuple>(index)
                          : py::make_tuple(index);
    std::vector<py::object> expanded;
    bool sawEllipsis = false;
    size_t const given = items.size();
    for (auto item : items)
    {
        if (item.is(py::ellipsis()))
        {
            if (sawEllipsis)
            {
                throw py::index_error("an index can only have a single ellipsis ('...')");
            }
            sawEllipsis = true;
            for (size_t i = given - 1; i < ndim; ++i)
            {
                expanded.push_back(py::slice(py::none(), py::none(), py::none()));
            }
        }
        else if (item.is_none())
        {
            throw py::index_error("numpy.newaxis (None) is not supported when indexing a "
                                  "record component; reshape the loaded array instead");
        }
        else
        {
            expanded.push_back(py::reinterpret_borrow<py::object>(item));
        }
    }
    if (expanded.size() > ndim)
    {
        throw py::index_error("too many indices: the record component has " +
                              std::to_string(ndim) + " dimensions, the index " +
                              std::to_string(expanded.size()));
    }
    while (expanded.size() < ndim)
    {
        expanded.push_back(py::slice(py::none(), py::none(), py::none()));
    }
    return expanded;
}

void selectInteger(Selection& s, py::handle item, std::uint64_t size, size_t axis)
{
    auto position = item.cast<long long>();
    long long const n = static_cast<long long>(size);
    if (position < -n || position >= n)
    {
        throw py::index_error("index " + std::to_string(position) +
                              " is out of bounds for axis " + std::to_string(axis) +
                              " with size " + std::to_string(size));
    }
    if (position < 0)
    {
        position += n;
    }
    s.offset.push_back(static_cast<std::uint64_t>(position));
    s.extent.push_back(1);
    s.postIndex.append(0);
    s.needsPostIndex = true;
}

void selectSlice(Selection& s, py::slice const& slice, std::uint64_t size)
{
    size_t start = 0, stop = 0, step = 0, length = 0;
    if (!slice.compute(size, &start, &stop, &step, &length))
    {
        throw py::error_already_set();
    }
    auto const signedStep = static_cast<py::ssize_t>(step);
    auto const signedStart = static_cast<py::ssize_t>(start);
    auto const count = static_cast<py::ssize_t>(length);
    s.shape.push_back(count);
    if (count == 0)
    {
        s.offset.push_back(0);
        s.extent.push_back(0);
        s.postIndex.append(py::slice(py::none(), py::none(), py::none()));
        return;
    }
    // The block from the first to the last selected element, in storage order.
    py::ssize_t const last = signedStart + (count - 1) * signedStep;
    py::ssize_t const low = signedStep > 0 ? signedStart : last;
    py::ssize_t const span =
        (count - 1) * (signedStep > 0 ? signedStep : -signedStep) + 1;
    s.offset.push_back(static_cast<std::uint64_t>(low));
    s.extent.push_back(static_cast<std::uint64_t>(span));
    s.postIndex.append(py::slice(py::none(), py::none(), py::int_(signedStep)));
    if (signedStep != 1)
    {
        s.needsPostIndex = true;
        s.hasStep = true;
    }
}

Selection select(py::handle index, Extent const& full)
{
    Selection s;
    auto const items = expandIndex(index, full.size());
    for (size_t axis = 0; axis < items.size(); ++axis)
    {
        py::handle item = items[axis];
        if (py::isinstance<py::slice>(item))
        {
            selectSlice(s, item.cast<py::slice>(), full[axis]);
        }
        else if (!py::isinstance<py::bool_>(item) &&
                 (py::isinstance<py::int_>(item) || py::hasattr(item, "__index__")))
        {
            selectInteger(s, item, full[axis], axis);
        }
        else
        {
            throw py::index_error("only integers, slices and '...' index a record "
                                  "component, not " +
                                  py::repr(item).cast<std::string>());
        }
    }
    return s;
}

bool anyZero(Extent const& extent)
{
    for (auto e : extent)
    {
        if (e == 0)
        {
            return true;
        }
    }
    return false;
}
} // namespace

py::array loadSlice(RecordComponent& rc, py::handle index)
{
    Selection s = select(index, rc.getExtent());
    if (anyZero(s.extent))
    {
        return py::array(datasetDtype(rc, "rc[index]"), s.shape);
    }
    py::array block = loadArray(rc, s.offset, s.extent);
    if (!s.needsPostIndex)
    {
        return block;
    }
    // A view on the block: it sees the data once the flush fills the block.
    // A trailing Ellipsis keeps an all-integer index a 0-d view, not a copy.
    s.postIndex.append(py::ellipsis());
    return block.attr("__getitem__")(py::tuple(s.postIndex));
}

void storeSlice(RecordComponent& rc, py::handle index, py::handle value)
{
    Selection s = select(index, rc.getExtent());
    if (s.hasStep)
    {
        throw py::index_error("storing into a slice with a step other than 1 is not "
                              "supported; store a contiguous block");
    }
    py::object const numpy = py::module_::import("numpy");
    bool const isArray = py::isinstance<py::array>(value);
    if (isArray &&
        !(py::reinterpret_borrow<py::array>(value).flags() & py::array::c_style))
    {
        // As openPMD-api: a strided view is not copied silently here.
        throw py::index_error("rc[index] = value: the array is not C-contiguous (a "
                              "strided view?); pass np.ascontiguousarray(value) or use "
                              "store_chunk, which copies (" +
                              location(rc) + ")");
    }
    py::object array =
        isArray ? py::reinterpret_borrow<py::object>(value)
                : numpy.attr("asarray")(value, datasetDtype(rc, "rc[index] = value"));
    std::vector<py::ssize_t> boxShape(s.extent.begin(), s.extent.end());
    py::object const shape = array.attr("shape");
    py::object const wanted = py::tuple(py::cast(s.shape));
    if (!shape.equal(wanted) && !shape.equal(py::tuple(py::cast(boxShape))))
    {
        try
        {
            array = numpy.attr("broadcast_to")(array, wanted);
        }
        catch (py::error_already_set const& e)
        {
            if (!e.matches(PyExc_ValueError))
            {
                throw;
            }
            throw py::index_error(
                "rc[index] = value: a value of shape " +
                py::str(shape).cast<std::string>() + " does not fit the selection " +
                py::str(wanted).cast<std::string>() + " (" + location(rc) + ")");
        }
    }
    if (anyZero(s.extent))
    {
        return;
    }
    storeArray(rc, array, s.offset, s.extent);
}
} // namespace openPMD::python
