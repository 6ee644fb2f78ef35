#include "AttributeConversion.hpp"
#include "ChunkIO.hpp"
#include "Numpy.hpp"
#include "Slicing.hpp"

#include <string>
#include <vector>

namespace openPMD::python
{
namespace
{
/** What the span API returns: the buffer the next flush writes. */
struct MemoryView
{
    py::array buffer;
};

/**
 * A new array of the component's dtype, queued for writing at the next flush.
 * Empty `offset` means zeros, empty `extent` the rest of the dataset.
 */
py::array storeBuffer(RecordComponent& rc, Offset offset, Extent extent)
{
    completeSelection(rc, offset, extent);
    std::vector<py::ssize_t> shape(extent.begin(), extent.end());
    py::array buffer(datasetDtype(rc, "store_chunk"), shape);
    storeArray(rc, buffer, std::move(offset), std::move(extent));
    return buffer;
}

struct MakeConstant
{
    template <typename T>
    static void call(RecordComponent& rc, Attribute const& value)
    {
        if constexpr (std::is_same_v<T, std::string>)
        {
            throw py::type_error("make_constant: a record component holds numbers (or "
                                 "a bool), not the string " +
                                 value.get<std::string>() + " (" + location(rc) + ")");
        }
        else
        {
            rc.makeConstant(value.get<T>());
        }
    }
};

py::object numpyDtype(RecordComponent const& rc)
{
    Datatype const dt = rc.getDatatype();
    if (dt == Datatype::UNDEFINED)
    {
        return py::none();
    }
    return dtypeOf(dt);
}

/**
 * make_constant(value): the value converted to the declared type, if any
 * (a number type or BOOL; a one-character str makes a CHAR constant).
 */
void makeConstant(RecordComponent& rc, py::handle value)
{
    Datatype const declared = rc.getDatatype();
    Attribute const attribute = declared == Datatype::UNDEFINED
                                    ? toAttribute(value)
                                    : toAttribute(value, declared);
    if (isVector(attribute.dtype))
    {
        throw py::type_error("make_constant: one value is needed, not " +
                             py::repr(value).cast<std::string>() + " (" + location(rc) +
                             ")");
    }
    switchNonVectorType<MakeConstant>(attribute.dtype, rc, attribute);
}

/** Declaring the dataset: type, extent, constant or empty. */
template <typename Class>
void addDeclarationMethods(Class& cls)
{
    using RC = typename Class::type;
    cls.def(
           "reset_dataset",
           [](RC& rc, Dataset d) -> RC&
           {
               rc.resetDataset(std::move(d));
               return rc;
           },
           py::arg("dataset"), py::return_value_policy::reference_internal,
           "Declare (or extend) type and extent")
        .def(
            "reset_datatype",
            [](RC& rc, py::handle dtype) { rc.resetDatatype(toDatatype(dtype)); },
            py::arg("dtype"))
        .def(
            "make_constant", [](RC& rc, py::handle value) { makeConstant(rc, value); },
            py::arg("value"), "One value for the whole extent")
        .def(
            "make_empty",
            [](RC& rc, py::handle dtype, std::uint8_t dimensions)
            { rc.makeEmpty(toDatatype(dtype), dimensions); },
            py::arg("datatype"), py::arg("dimensionality"), "A dataset with zero extent");
}

/** Chunk IO: store_chunk, load_chunk, slicing, available_chunks. */
template <typename Class>
void addChunkMethods(Class& cls)
{
    using RC = typename Class::type;
    // Overloads in the order openPMD-api resolves them: a numpy array is
    // data; lists of ints (or nothing) are the offset and extent of the span
    // API; anything else np.asarray accepts (e.g. a list of floats) is data.
    auto const storeData = [](RC& rc, py::handle array, Offset offset, Extent extent)
    { storeArray(rc, array, std::move(offset), std::move(extent)); };
    cls.def(
           "store_chunk",
           [](RC& rc, py::array array, Offset offset, Extent extent)
           { storeArray(rc, array, std::move(offset), std::move(extent)); },
           py::arg("array"), py::arg("offset") = Offset{}, py::arg("extent") = Extent{},
           "Queue the store of a numpy array (kept alive until the flush)")
        .def(
            "store_chunk",
            [](RC& rc, Offset offset, Extent extent)
            { return MemoryView{storeBuffer(rc, std::move(offset), std::move(extent))}; },
            py::arg("offset") = Offset{}, py::arg("extent") = Extent{},
            "Span API: a buffer (current_buffer()) to fill before the next flush; "
            "offset defaults to zeros, extent to the rest of the dataset")
        .def("store_chunk", storeData, py::arg("array"), py::arg("offset") = Offset{},
             py::arg("extent") = Extent{},
             "Queue the store of anything np.asarray accepts (copied once)")
        .def(
            "load_chunk",
            [](RC& rc, Offset offset, Extent extent)
            { return loadArray(rc, std::move(offset), std::move(extent)); },
            py::arg("offset") = Offset{}, py::arg("extent") = Extent{},
            "A numpy array filled at the next flush")
        .def(
            "load_chunk",
            [](RC& rc, py::array buffer, Offset offset, Extent extent)
            { loadInto(rc, std::move(buffer), std::move(offset), std::move(extent)); },
            py::arg("buffer"), py::arg("offset") = Offset{}, py::arg("extent") = Extent{},
            "Load into a pre-allocated array, filled at the next flush")
        .def(
            "__getitem__", [](RC& rc, py::handle index) { return loadSlice(rc, index); },
            py::arg("index"))
        .def(
            "__setitem__",
            [](RC& rc, py::handle index, py::handle value)
            { storeSlice(rc, index, value); },
            py::arg("index"), py::arg("value"))
        .def("available_chunks", &RC::availableChunks);
}

/** What describes the dataset: shape, dtype, unit. */
template <typename Class>
void addDatasetProperties(Class& cls)
{
    using RC = typename Class::type;
    cls.def_property_readonly("shape", &RC::getExtent)
        .def_property_readonly("ndim", &RC::getDimensionality)
        .def_property_readonly("ndims", &RC::getDimensionality)
        .def_property_readonly("dtype", &numpyDtype,
                               "The numpy dtype (None if undeclared)")
        .def_property_readonly("datatype", &RC::getDatatype)
        .def_property_readonly("empty", &RC::empty)
        .def_property_readonly("constant", &RC::constant)
        .def_property("unit_SI", &RC::unitSI,
                      [](RC& rc, double unit) { rc.setUnitSI(unit); })
        .def(
            "set_unit_SI",
            [](RC& rc, double unit) -> RC&
            {
                rc.setUnitSI(unit);
                return rc;
            },
            py::arg("unit_SI"), py::return_value_policy::reference_internal);
}
} // namespace

void initRecordComponent(py::module_& m)
{
    py::class_<MemoryView>(
        m, "Dynamic_Memory_View",
        "A buffer from store_chunk(offset, extent), written at the next "
        "flush: fill current_buffer() before that")
        .def("current_buffer", [](MemoryView const& view) { return view.buffer; });

    py::class_<BaseRecordComponent, Attributable>(m, "Base_Record_Component");
    py::class_<RecordComponent, BaseRecordComponent> rc(
        m, "Record_Component", "One component of a record: an n-d dataset or a constant");
    rc.attr("SCALAR") = RecordComponent::SCALAR;
    rc.def(py::init<RecordComponent const&>(), py::arg("other"),
           "Another handle on the same object (shares its state, as a copy in C++)");
    rc.def("__repr__",
           [](RecordComponent const& r) {
               return "<openPMD.Record_Component at '" + r.myPath().openPMDPath() + "'>";
           });
    // Records that are their own scalar component (Mesh, Record) inherit these.
    addDeclarationMethods(rc);
    addChunkMethods(rc);
    addDatasetProperties(rc);

    py::class_<MeshRecordComponent, RecordComponent> mrc(
        m, "Mesh_Record_Component",
        "A component of a mesh, with its position in the cell");
    mrc.attr("SCALAR") = RecordComponent::SCALAR;
    mrc.def(py::init<MeshRecordComponent const&>(), py::arg("other"),
            "Another handle on the same object (shares its state, as a copy in C++)");
    mrc.def_property(
           "position", [](MeshRecordComponent const& c) { return c.position<double>(); },
           [](MeshRecordComponent& c, std::vector<double> p) { c.setPosition(p); })
        .def(
            "set_position",
            [](MeshRecordComponent& c, std::vector<double> p) -> MeshRecordComponent&
            { return c.setPosition(p); },
            py::arg("position"), py::return_value_policy::reference_internal);

    py::class_<PatchRecordComponent, RecordComponent>(m, "Patch_Record_Component",
                                                      "One value per particle patch")
        .def(py::init<PatchRecordComponent const&>(), py::arg("other"),
             "Another handle on the same object (shares its state, as a copy in C++)")
        .def(
            "store",
            [](PatchRecordComponent& c, std::uint64_t index, py::handle value)
            {
                py::array one = py::module_::import("numpy").attr("asarray")(
                    value, datasetDtype(c, "store"));
                storeArray(c, one.attr("reshape")(1), {index}, {1});
            },
            py::arg("index"), py::arg("value"),
            "Queue the value of patch `index` (in the component's dtype)")
        .def(
            "load", [](PatchRecordComponent& c) { return loadArray(c, {}, {}); },
            "All patches' values, filled at the next flush");
}
} // namespace openPMD::python
