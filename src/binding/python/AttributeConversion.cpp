#include "AttributeConversion.hpp"

#include "Numpy.hpp"

#include <array>
#include <complex>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace openPMD::python
{
namespace
{
bool isNumpyScalar(py::handle value)
{
    return py::isinstance(value, py::module_::import("numpy").attr("generic"));
}

/** A numpy scalar's bytes as T, exactly (long double keeps its precision). */
template <typename T>
T fromNumpyScalar(py::handle value)
{
    py::array const array = py::module_::import("numpy").attr("asarray")(value);
    T result;
    std::memcpy(&result, array.data(), sizeof(T));
    return result;
}

/** A Python value as T, converted by pybind11 (no silent truncation). */
template <typename T>
T castValue(py::handle value)
{
    if constexpr (std::is_same_v<T, char>)
    {
        if (py::isinstance<py::int_>(value))
        {
            return static_cast<char>(value.cast<int>());
        }
        return value.cast<char>();
    }
    else if constexpr (std::is_same_v<T, std::vector<char>>)
    {
        if (py::isinstance<py::str>(value))
        {
            auto const text = value.cast<std::string>();
            return std::vector<char>(text.begin(), text.end());
        }
        std::vector<char> result;
        for (auto element : value)
        {
            result.push_back(castValue<char>(element));
        }
        return result;
    }
    else if constexpr (std::is_arithmetic_v<T> ||
                       std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>> ||
                       std::is_same_v<T, std::complex<long double>>)
    {
        if (isNumpyScalar(value) &&
            isSame(datatypeOf(py::dtype::from_args(value.attr("dtype"))),
                   determineDatatype<T>()))
        {
            return fromNumpyScalar<T>(value);
        }
        if constexpr (std::is_same_v<T, std::complex<long double>>)
        {
            return std::complex<long double>(value.cast<std::complex<double>>());
        }
        else
        {
            return value.cast<T>();
        }
    }
    else if constexpr (std::is_same_v<T, std::vector<long double>> ||
                       std::is_same_v<T, std::vector<std::complex<long double>>>)
    {
        T result;
        for (auto element : value)
        {
            result.push_back(castValue<typename T::value_type>(element));
        }
        return result;
    }
    else
    {
        return value.cast<T>();
    }
}

struct CastAttribute
{
    template <typename T>
    static Attribute call(py::handle value)
    {
        try
        {
            return Attribute(castValue<T>(value));
        }
        catch (py::cast_error const&)
        {
            throw py::type_error("cannot convert " + py::repr(value).cast<std::string>() +
                                 " to the attribute type " +
                                 datatypeToString(determineDatatype<T>()));
        }
    }
    template <int>
    static Attribute call(py::handle)
    {
        throw py::type_error("an attribute cannot have the type UNDEFINED");
    }
};

Attribute fromInt(py::handle value)
{
    try
    {
        return Attribute(value.cast<long>());
    }
    catch (py::cast_error const&)
    {
        try
        {
            return Attribute(value.cast<unsigned long long>());
        }
        catch (py::cast_error const&)
        {
            throw py::value_error("the integer " + py::repr(value).cast<std::string>() +
                                  " fits no openPMD integer type (64 bit)");
        }
    }
}

/** The vector type of a list's elements (see toAttribute). */
Datatype listType(py::sequence const& list)
{
    if (py::len(list) == 0)
    {
        throw py::type_error("the type of an empty list is unknown: pass "
                             "set_attribute(key, [], datatype) or a numpy array");
    }
    bool allStrings = true, allInts = true, anyComplex = false, allNumbers = true,
         allBools = true;
    for (auto element : list)
    {
        bool const isBool = py::isinstance<py::bool_>(element);
        allBools = allBools && isBool;
        bool const isInt = !isBool && (py::isinstance<py::int_>(element) ||
                                       py::hasattr(element, "__index__"));
        bool const isComplex = PyComplex_Check(element.ptr()) != 0;
        bool const isFloat = PyFloat_Check(element.ptr()) != 0 ||
                             (isNumpyScalar(element) && !isInt && !isBool);
        allStrings = allStrings && py::isinstance<py::str>(element);
        allInts = allInts && isInt;
        anyComplex = anyComplex || isComplex;
        allNumbers = allNumbers && (isInt || isFloat || isComplex);
    }
    if (allStrings)
    {
        return Datatype::VEC_STRING;
    }
    if (allBools)
    {
        // openPMD has no vector of bool: 0 and 1 as unsigned chars, as
        // openPMD-api stores them.
        return Datatype::VEC_UCHAR;
    }
    if (allInts)
    {
        return Datatype::VEC_LONG;
    }
    if (allNumbers)
    {
        return anyComplex ? Datatype::VEC_CDOUBLE : Datatype::VEC_DOUBLE;
    }
    throw py::type_error("a list attribute holds strings or numbers of one kind, not " +
                         py::repr(list).cast<std::string>());
}

Attribute fromArray(py::array const& array)
{
    if (array.ndim() == 0)
    {
        return toAttribute(array.attr("__getitem__")(py::tuple()));
    }
    if (array.ndim() != 1)
    {
        throw py::type_error("an attribute array must have one dimension, this one has " +
                             std::to_string(array.ndim()));
    }
    Datatype const element = datatypeOf(array.dtype());
    Datatype const vector = toVectorType(element);
    if (element == Datatype::UNDEFINED || vector == Datatype::UNDEFINED)
    {
        throw py::type_error("arrays of dtype " +
                             py::str(array.dtype()).cast<std::string>() +
                             " have no openPMD attribute type");
    }
    return toAttribute(array.attr("tolist")(), vector);
}
} // namespace

Attribute toAttribute(py::handle value, Datatype dtype)
{
    if (PyBytes_Check(value.ptr()) || PyByteArray_Check(value.ptr()))
    {
        // Bytes are a sequence of small ints: as such they convert to vector
        // types, and a single byte to a scalar number type.
        py::list const bytes(py::reinterpret_borrow<py::object>(value));
        if (isVector(dtype))
        {
            return switchType<CastAttribute>(dtype, bytes);
        }
        if (bytes.size() == 1 && dtype != Datatype::STRING)
        {
            return switchType<CastAttribute>(dtype, bytes[0]);
        }
    }
    return switchType<CastAttribute>(dtype, value);
}

Attribute toAttribute(py::handle value)
{
    if (py::isinstance<py::bool_>(value))
    {
        return Attribute(value.cast<bool>());
    }
    if (py::isinstance<py::str>(value))
    {
        return Attribute(value.cast<std::string>());
    }
    if (PyBytes_Check(value.ptr()) || PyByteArray_Check(value.ptr()))
    {
        // As openPMD-api: bytes are unsigned chars. One byte (such as
        // ctypes.c_char(...).value) is a UCHAR, which is also what openPMD-api
        // reads back from HDF5 for its one-element VEC_UCHAR.
        return toAttribute(value,
                           py::len(value) == 1 ? Datatype::UCHAR : Datatype::VEC_UCHAR);
    }
    if (py::isinstance<py::memoryview>(value))
    {
        return fromArray(py::module_::import("numpy").attr("asarray")(value));
    }
    if (py::isinstance<py::array>(value))
    {
        return fromArray(value.cast<py::array>());
    }
    if (isNumpyScalar(value))
    {
        Datatype const dt = datatypeOf(py::dtype::from_args(value.attr("dtype")));
        if (dt == Datatype::UNDEFINED)
        {
            throw py::type_error("numpy scalars of type " +
                                 py::str(value.attr("dtype")).cast<std::string>() +
                                 " have no openPMD attribute type");
        }
        return toAttribute(value, dt);
    }
    if (py::isinstance<py::int_>(value))
    {
        return fromInt(value);
    }
    if (PyFloat_Check(value.ptr()))
    {
        return Attribute(value.cast<double>());
    }
    if (PyComplex_Check(value.ptr()))
    {
        return Attribute(value.cast<std::complex<double>>());
    }
    if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value))
    {
        auto const list = value.cast<py::sequence>();
        return toAttribute(list, listType(list));
    }
    throw py::type_error("no openPMD attribute type for a value of Python type " +
                         py::str(value.get_type().attr("__name__")).cast<std::string>());
}

namespace
{
template <typename T>
py::object numpyScalar(T const& value)
{
    py::array array(dtypeOf(determineDatatype<T>()), std::vector<py::ssize_t>{});
    std::memcpy(array.mutable_data(), &value, sizeof(T));
    // array[()]: the numpy scalar of the 0-d array.
    PyObject* scalar = PyObject_GetItem(array.ptr(), py::tuple().ptr());
    if (scalar == nullptr)
    {
        throw py::error_already_set();
    }
    return py::reinterpret_steal<py::object>(scalar);
}

template <typename T>
py::object toPython(T const& value)
{
    if constexpr (std::is_same_v<T, char>)
    {
        // A number, not a str: HDF5 reads every int8 attribute back as CHAR.
        return py::int_(static_cast<int>(value));
    }
    else if constexpr (std::is_same_v<T, long double> ||
                       std::is_same_v<T, std::complex<long double>>)
    {
        return numpyScalar(value);
    }
    else if constexpr (std::is_same_v<T, std::vector<char>> ||
                       std::is_same_v<T, std::vector<long double>> ||
                       std::is_same_v<T, std::vector<std::complex<long double>>>)
    {
        py::list list;
        for (auto const& element : value)
        {
            list.append(toPython(element));
        }
        return list;
    }
    else
    {
        return py::cast(value);
    }
}
} // namespace

py::object fromAttribute(Attribute const& attribute)
{
    return std::visit([](auto const& value) { return toPython(value); },
                      attribute.getResource());
}
} // namespace openPMD::python

namespace openPMD::python
{
namespace
{
py::object decodeString(std::string const& text)
{
    // surrogateescape: any bytes round-trip, also those that are not UTF-8.
    PyObject* decoded = PyUnicode_DecodeUTF8(
        text.data(), static_cast<Py_ssize_t>(text.size()), "surrogateescape");
    if (decoded == nullptr)
    {
        throw py::error_already_set();
    }
    return py::reinterpret_steal<py::object>(decoded);
}

std::string encodeString(py::handle value)
{
    PyObject* encoded =
        PyUnicode_AsEncodedString(value.ptr(), "utf-8", "surrogateescape");
    if (encoded == nullptr)
    {
        throw py::error_already_set();
    }
    auto const bytes = py::reinterpret_steal<py::bytes>(encoded);
    return bytes.cast<std::string>();
}

template <typename T>
py::array numpyVector(T const* data, std::size_t size)
{
    py::array array(dtypeOf(determineDatatype<T>()),
                    std::vector<py::ssize_t>{static_cast<py::ssize_t>(size)});
    if (size > 0)
    {
        std::memcpy(array.mutable_data(), data, size * sizeof(T));
    }
    return array;
}

template <typename T>
py::object toConnectorForm(T const& value)
{
    if constexpr (std::is_same_v<T, bool>)
    {
        return py::bool_(value);
    }
    else if constexpr (std::is_same_v<T, std::string>)
    {
        return decodeString(value);
    }
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    {
        py::list list;
        for (auto const& element : value)
        {
            list.append(decodeString(element));
        }
        return std::move(list);
    }
    else if constexpr (std::is_same_v<T, std::array<double, 7>>)
    {
        return numpyVector(value.data(), value.size());
    }
    else if constexpr (std::is_arithmetic_v<T> ||
                       std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>> ||
                       std::is_same_v<T, std::complex<long double>>)
    {
        return numpyScalar(value);
    }
    else
    {
        return numpyVector(value.data(), value.size());
    }
}

[[noreturn]] void wrongForm(Datatype dtype, char const* expected, py::handle value)
{
    throw py::type_error("a " + datatypeToString(dtype) + " attribute value must be " +
                         expected + ", got " + py::repr(value).cast<std::string>() +
                         " of type " +
                         py::str(value.get_type().attr("__name__")).cast<std::string>());
}

/** A 1-d numpy array of exactly `element`'s dtype, else wrongForm. */
py::array checkedVector(Datatype dtype, Datatype element, py::handle value)
{
    if (!py::isinstance<py::array>(value))
    {
        wrongForm(dtype, "a 1-d numpy array", value);
    }
    auto array = py::reinterpret_borrow<py::array>(value);
    if (array.ndim() != 1 || !array.dtype().equal(dtypeOf(element)))
    {
        wrongForm(dtype, "a 1-d numpy array of the element's dtype", value);
    }
    return contiguousArray(array, dtypeOf(element));
}

struct FromConnectorForm
{
    template <typename T>
    static Attribute call(Datatype dtype, py::handle value)
    {
        if constexpr (std::is_same_v<T, bool>)
        {
            if (!PyBool_Check(value.ptr()))
            {
                wrongForm(dtype, "a bool", value);
            }
            return Attribute(value.cast<bool>());
        }
        else if constexpr (std::is_same_v<T, std::string>)
        {
            if (!py::isinstance<py::str>(value))
            {
                wrongForm(dtype, "a str", value);
            }
            return Attribute(encodeString(value));
        }
        else if constexpr (std::is_same_v<T, std::vector<std::string>>)
        {
            if (!py::isinstance<py::list>(value))
            {
                wrongForm(dtype, "a list of str", value);
            }
            std::vector<std::string> result;
            for (auto element : value)
            {
                if (!py::isinstance<py::str>(element))
                {
                    wrongForm(dtype, "a list of str", value);
                }
                result.push_back(encodeString(element));
            }
            return Attribute(std::move(result));
        }
        else if constexpr (std::is_same_v<T, std::array<double, 7>>)
        {
            py::array const array = checkedVector(dtype, Datatype::DOUBLE, value);
            if (array.size() != 7)
            {
                wrongForm(dtype, "a float64 array of 7 elements", value);
            }
            std::array<double, 7> result{};
            std::memcpy(result.data(), array.data(), sizeof(result));
            return Attribute(result);
        }
        else if constexpr (std::is_arithmetic_v<T> ||
                           std::is_same_v<T, std::complex<float>> ||
                           std::is_same_v<T, std::complex<double>> ||
                           std::is_same_v<T, std::complex<long double>>)
        {
            if (!isNumpyScalar(value) ||
                !py::dtype::from_args(value.attr("dtype")).equal(dtypeOf(dtype)))
            {
                wrongForm(dtype, "a numpy scalar of the datatype's dtype", value);
            }
            return Attribute(fromNumpyScalar<T>(value));
        }
        else
        {
            using Element = typename T::value_type;
            py::array const array =
                checkedVector(dtype, determineDatatype<Element>(), value);
            T result(static_cast<std::size_t>(array.size()));
            if (!result.empty())
            {
                std::memcpy(result.data(), array.data(), result.size() * sizeof(Element));
            }
            return Attribute(std::move(result));
        }
    }
    template <int>
    static Attribute call(Datatype, py::handle)
    {
        throw py::type_error("an attribute cannot have the type UNDEFINED");
    }
};
} // namespace

py::object toConnectorValue(Attribute const& attribute)
{
    return std::visit([](auto const& value) { return toConnectorForm(value); },
                      attribute.getResource());
}

Attribute fromConnectorValue(Datatype dtype, py::handle value)
{
    return switchType<FromConnectorForm>(dtype, dtype, value);
}
} // namespace openPMD::python
