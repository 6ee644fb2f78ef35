#include "AttributeConversion.hpp"
#include "Common.hpp"
#include "Numpy.hpp"

#include <map>
#include <string>

namespace openPMD::python
{
namespace
{
/**
 * The type named by set_attribute's third argument. A numpy dtype names the
 * element type: with a list, tuple or array it means the vector of it.
 */
Datatype requestedType(py::handle value, py::handle datatype)
{
    Datatype const dt = toDatatype(datatype);
    bool const sequence = py::isinstance<py::list>(value) ||
                          py::isinstance<py::tuple>(value) ||
                          py::isinstance<py::array>(value);
    if (sequence && !py::isinstance<Datatype>(datatype) && !isVector(dt))
    {
        return toVectorType(dt);
    }
    return dt;
}
} // namespace

void initAttributable(py::module_& m)
{
    py::class_<Attributable::MyPath>(m, "My_Path", "Where an object is stored")
        .def_readonly("directory", &Attributable::MyPath::directory)
        .def_readonly("series_name", &Attributable::MyPath::seriesName)
        .def_readonly("series_extension", &Attributable::MyPath::seriesExtension)
        .def_readonly("group", &Attributable::MyPath::group)
        .def_readonly("access", &Attributable::MyPath::access)
        .def_property_readonly("file_path", &Attributable::MyPath::filePath)
        .def_property_readonly("openPMD_path", &Attributable::MyPath::openPMDPath);

    py::class_<Attributable>(m, "Attributable",
                             "Base of every object with attributes; written at flush")
        .def(py::init<Attributable const&>(), py::arg("other"),
             "Another handle on the same object (shares its state, as a copy in C++)")
        .def(
            "set_attribute",
            [](Attributable& self, std::string const& key, py::handle value)
            { return self.setAttribute(key, toAttribute(value)); },
            py::arg("key"), py::arg("value"),
            "Set an attribute; its type follows the value (see docs/python.md)")
        .def(
            "set_attribute",
            [](Attributable& self, std::string const& key, py::handle value,
               py::handle datatype) {
                return self.setAttribute(
                    key, toAttribute(value, requestedType(value, datatype)));
            },
            py::arg("key"), py::arg("value"), py::arg("datatype"),
            "Set an attribute converted to the given Datatype or numpy dtype")
        .def(
            "get_attribute",
            [](Attributable const& self, std::string const& key)
            { return fromAttribute(self.getAttribute(key)); },
            py::arg("key"))
        .def("delete_attribute", &Attributable::deleteAttribute, py::arg("key"))
        .def("contains_attribute", &Attributable::containsAttribute, py::arg("key"))
        .def_property_readonly("attributes", &Attributable::attributes,
                               "The names of all attributes, sorted")
        .def_property_readonly(
            "attribute_dtypes",
            [](Attributable const& self)
            {
                std::map<std::string, Datatype> types;
                for (auto const& key : self.attributes())
                {
                    types.emplace(key, self.getAttribute(key).dtype);
                }
                return types;
            },
            "The Datatype of each attribute")
        .def_property_readonly("num_attributes", &Attributable::numAttributes)
        .def_property("comment", &Attributable::comment, &Attributable::setComment)
        .def("set_comment", &Attributable::setComment, py::arg("comment"))
        .def("series_flush", &Attributable::seriesFlush, py::arg("backend_config") = "{}",
             "Flush the whole Series this object belongs to")
        .def("iteration_flush", &Attributable::iterationFlush,
             py::arg("backend_config") = "{}",
             "Flush the iteration this object belongs to")
        .def("my_path", &Attributable::myPath)
        .def("touch", &Attributable::touch);
}
} // namespace openPMD::python
