#include "Common.hpp"
#include "Numpy.hpp"

#include <string>

namespace openPMD::python
{
void initDataset(py::module_& m)
{
    py::class_<Dataset>(m, "Dataset", "A dataset's type, extent and backend options")
        .def(py::init(
                 [](py::handle dtype, Extent extent, std::string options) {
                     return Dataset(toDatatype(dtype), std::move(extent),
                                    std::move(options));
                 }),
             py::arg("dtype"), py::arg("extent"), py::arg("options") = "{}",
             "dtype: a numpy dtype (or type, or array) or an openpmd_api.Datatype")
        .def(py::init<Extent>(), py::arg("extent"),
             "A dataset of undefined type, to extend an existing one")
        .def_readwrite("extent", &Dataset::extent)
        .def_readwrite("dtype", &Dataset::dtype)
        .def_readonly("rank", &Dataset::rank)
        .def_readwrite("options", &Dataset::options)
        .def("extend", &Dataset::extend, py::arg("extent"))
        .def_property_readonly("empty", &Dataset::empty)
        .def("__repr__",
             [](Dataset const& d)
             {
                 return "<openPMD.Dataset of type " + datatypeToString(d.dtype) +
                        " and rank " + std::to_string(d.rank) + ">";
             });

    py::class_<ChunkInfo>(m, "ChunkInfo", "A block of a dataset: offset and extent")
        .def(py::init<Offset, Extent>(), py::arg("offset"), py::arg("extent"))
        .def_readwrite("offset", &ChunkInfo::offset)
        .def_readwrite("extent", &ChunkInfo::extent)
        .def("__eq__", &ChunkInfo::operator==)
        .def("__repr__",
             [](ChunkInfo const& c) {
                 return "<openPMD.ChunkInfo of rank " + std::to_string(c.offset.size()) +
                        ">";
             });
    py::class_<WrittenChunkInfo, ChunkInfo>(m, "WrittenChunkInfo",
                                            "A block of a dataset and who wrote it")
        .def(py::init<Offset, Extent>(), py::arg("offset"), py::arg("extent"))
        .def(py::init<Offset, Extent, unsigned int>(), py::arg("offset"),
             py::arg("extent"), py::arg("source_id"))
        .def_readwrite("source_id", &WrittenChunkInfo::sourceID);
}
} // namespace openPMD::python
