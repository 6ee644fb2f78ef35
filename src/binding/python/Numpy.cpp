#include "Numpy.hpp"

#include <array>
#include <string>
#include <utility>

namespace openPMD::python
{
namespace
{
// numpy's one-letter type codes; they tell the C type apart where the kind
// and size do not (long vs long long, char vs signed char).
std::pair<char, Datatype> const typeCodes[] = {
    {'?', Datatype::BOOL},     {'b', Datatype::SCHAR},        {'B', Datatype::UCHAR},
    {'h', Datatype::SHORT},    {'H', Datatype::USHORT},       {'i', Datatype::INT},
    {'I', Datatype::UINT},     {'l', Datatype::LONG},         {'L', Datatype::ULONG},
    {'q', Datatype::LONGLONG}, {'Q', Datatype::ULONGLONG},    {'f', Datatype::FLOAT},
    {'d', Datatype::DOUBLE},   {'g', Datatype::LONG_DOUBLE},  {'F', Datatype::CFLOAT},
    {'D', Datatype::CDOUBLE},  {'G', Datatype::CLONG_DOUBLE}, {'c', Datatype::CHAR},
};

char typeCode(py::dtype const& dtype)
{
    return dtype.attr("char").cast<std::string>().at(0);
}
} // namespace

Datatype datatypeOf(py::dtype const& dtype)
{
    char const code = typeCode(dtype);
    for (auto const& [c, dt] : typeCodes)
    {
        if (c == code)
        {
            return dt;
        }
    }
    if (code == 'U' || code == 'S')
    {
        return Datatype::STRING;
    }
    return Datatype::UNDEFINED;
}

namespace
{
py::dtype makeDtype(Datatype dt)
{
    // char's signedness is the platform's; numpy's 'c' would be a bytes type.
    if (dt == Datatype::CHAR)
    {
        return py::dtype(std::string(1, std::is_signed_v<char> ? 'b' : 'B'));
    }
    for (auto const& [c, known] : typeCodes)
    {
        if (known == dt)
        {
            return py::dtype(std::string(1, c));
        }
    }
    throw error::WrongAPIUsage("the openPMD datatype " + datatypeToString(dt) +
                               " has no numpy dtype (only scalar numeric types do)");
}
} // namespace

py::dtype dtypeOf(Datatype dt)
{
    // Made once per process: the connector bridge asks for every chunk and
    // attribute. The references are never released (the interpreter may be
    // gone when static objects are destroyed); the GIL guards the table.
    static std::array<PyObject*, static_cast<std::size_t>(Datatype::UNDEFINED) + 1>
        made{};
    auto const index = static_cast<std::size_t>(dt);
    if (index >= made.size())
    {
        return makeDtype(dt);
    }
    if (made[index] == nullptr)
    {
        made[index] = makeDtype(dt).release().ptr();
    }
    return py::reinterpret_borrow<py::dtype>(made[index]);
}

Datatype toDatatype(py::handle value)
{
    if (py::isinstance<Datatype>(value))
    {
        return value.cast<Datatype>();
    }
    py::object const numpy = py::module_::import("numpy");
    py::dtype dtype;
    if (py::isinstance<py::array>(value))
    {
        dtype = value.cast<py::array>().dtype();
    }
    else
    {
        try
        {
            dtype =
                py::reinterpret_steal<py::dtype>(numpy.attr("dtype")(value).release());
        }
        catch (py::error_already_set const&)
        {
            throw py::type_error(
                "not a datatype: " + py::repr(value).cast<std::string>() +
                " (expected an openpmd_api.Datatype or a numpy dtype)");
        }
    }
    Datatype const dt = datatypeOf(dtype);
    if (dt == Datatype::UNDEFINED)
    {
        throw py::type_error("the numpy dtype " + py::str(dtype).cast<std::string>() +
                             " has no openPMD datatype");
    }
    return dt;
}

py::array contiguousArray(py::handle value, py::dtype const& dtype)
{
    py::object const numpy = py::module_::import("numpy");
    // np.ascontiguousarray returns its argument when nothing has to change.
    return numpy.attr("ascontiguousarray")(value, dtype.attr("newbyteorder")("="))
        .cast<py::array>();
}

void initDatatype(py::module_& m)
{
    py::enum_<Datatype> datatype(m, "Datatype", "The types of attributes and datasets");
    for (Datatype dt : openPMD_Datatypes())
    {
        datatype.value(datatypeToString(dt).c_str(), dt);
    }
    datatype.value("UNDEFINED", Datatype::UNDEFINED);

    m.def("determine_datatype", &toDatatype, py::arg("dtype"),
          "The openPMD Datatype of a numpy dtype, numpy type or array");
    m.def(
        "to_numpy_dtype", [](Datatype dt) { return dtypeOf(dt); }, py::arg("datatype"),
        "The numpy dtype of a scalar openPMD Datatype");
    m.def("is_same", py::overload_cast<Datatype, Datatype>(&isSame),
          "Same kind, size and signedness (LONG and LONGLONG on LP64)");
}
} // namespace openPMD::python
