"""openPMD datatype names, their numpy dtypes, and attribute values.

Shared by the shipped connectors and usable by any other: the names are the
spellings of openPMD's ``Datatype`` enum (include/openPMD/Datatype.hpp), in
its order. See docs/python-connectors.md for the value forms.
"""
import json
import sysconfig

import numpy as np

#: The 38 attribute datatypes, in the order of openPMD's Datatype enum.
DATATYPES = (
    "CHAR", "UCHAR", "SCHAR", "SHORT", "INT", "LONG", "LONGLONG",
    "USHORT", "UINT", "ULONG", "ULONGLONG", "FLOAT", "DOUBLE",
    "LONG_DOUBLE", "CFLOAT", "CDOUBLE", "CLONG_DOUBLE",
    "STRING",
    "VEC_CHAR", "VEC_SHORT", "VEC_INT", "VEC_LONG", "VEC_LONGLONG",
    "VEC_UCHAR", "VEC_USHORT", "VEC_UINT", "VEC_ULONG", "VEC_ULONGLONG",
    "VEC_FLOAT", "VEC_DOUBLE", "VEC_LONG_DOUBLE",
    "VEC_CFLOAT", "VEC_CDOUBLE", "VEC_CLONG_DOUBLE", "VEC_SCHAR",
    "VEC_STRING", "ARR_DBL_7", "BOOL",
)

#: The 17 datatypes a dataset can have (the scalar numeric ones).
DATASET_DATATYPES = DATATYPES[:17]


def _char_is_signed():
    """The signedness of C's ``char`` as the compiled module sees it."""
    try:
        from .. import openpmd_api_cxx as cxx
        return np.dtype(cxx.to_numpy_dtype(cxx.Datatype.CHAR)).kind == "i"
    except ImportError:  # used outside the package: ask Python's own build
        return not sysconfig.get_config_var("__CHAR_UNSIGNED__")


# numpy's one-letter codes tell apart the C types (long vs long long) that
# share a size; they are those of src/binding/python/Numpy.cpp.
_CODES = {
    "CHAR": "b" if _char_is_signed() else "B",
    "UCHAR": "B", "SCHAR": "b", "SHORT": "h", "INT": "i", "LONG": "l",
    "LONGLONG": "q", "USHORT": "H", "UINT": "I", "ULONG": "L",
    "ULONGLONG": "Q", "FLOAT": "f", "DOUBLE": "d", "LONG_DOUBLE": "g",
    "CFLOAT": "F", "CDOUBLE": "D", "CLONG_DOUBLE": "G",
}
_NUMPY = {name: np.dtype(code) for name, code in _CODES.items()}


def numpy_dtype(name):
    """The numpy dtype of a dataset datatype (one of DATASET_DATATYPES)."""
    try:
        return _NUMPY[name]
    except (KeyError, TypeError):
        raise ValueError("{!r} is not an openPMD dataset datatype (expected one "
                         "of {})".format(name, ", ".join(DATASET_DATATYPES))) from None


def datatype_of(dtype):
    """The dataset datatype name of a numpy dtype (CHAR is never returned:
    its dtype is that of SCHAR or UCHAR)."""
    dtype = np.dtype(dtype)
    for name, known in _NUMPY.items():
        if name != "CHAR" and known.char == dtype.char:
            return name
    raise ValueError("the numpy dtype {} has no openPMD datatype".format(dtype))


def element_datatype(name):
    """The datatype of one element of an attribute of type `name`: the type
    itself for numeric scalars, the element type for the numeric vectors and
    ARR_DBL_7 (DOUBLE); None for STRING, VEC_STRING and BOOL."""
    if name in _NUMPY:
        return name
    if name == "ARR_DBL_7":
        return "DOUBLE"
    if isinstance(name, str) and name.startswith("VEC_") and name[4:] in _NUMPY:
        return name[4:]
    if name in ("STRING", "VEC_STRING", "BOOL"):
        return None
    raise ValueError("{!r} is not an openPMD datatype".format(name))


def _is_numeric_array(name):
    return name == "ARR_DBL_7" or name.startswith("VEC_") and name != "VEC_STRING"


def check_attribute(name, value):
    """Checks that `value` has the form the protocol gives attributes of type
    `name` and returns a private copy of it in that form: numpy scalars of
    the exact type, 1-D numpy arrays for the numeric vectors and ARR_DBL_7
    (7 elements), str, list of str, bool. Raises ValueError for an unknown
    datatype name, TypeError for a value of another form."""
    element = element_datatype(name)

    def wrong(expected):
        return TypeError("attribute of type {}: expected {}, got {!r} ({})".format(
            name, expected, value, type(value).__name__))

    if name == "STRING":
        if not isinstance(value, str):
            raise wrong("a str")
        return value
    if name == "VEC_STRING":
        if not isinstance(value, (list, tuple)) or \
                not all(isinstance(item, str) for item in value):
            raise wrong("a list of str")
        return list(value)
    if name == "BOOL":
        if not isinstance(value, bool):
            raise wrong("a bool")
        return value
    dtype = _NUMPY[element]
    if _is_numeric_array(name):
        if not isinstance(value, np.ndarray) or value.ndim != 1 or value.dtype != dtype:
            raise wrong("a 1-D numpy array of dtype {}".format(dtype))
        if name == "ARR_DBL_7" and value.shape != (7,):
            raise wrong("7 elements")
        return np.array(value, dtype=dtype, copy=True)
    if not isinstance(value, np.generic) or value.dtype != dtype:
        raise wrong("a numpy scalar of type {}".format(dtype.type.__name__))
    return dtype.type(value)


def copy_attribute(name, value):
    """A copy of a checked attribute value that the caller may modify."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return list(value)
    return value


def _stored_dtype(dtype):
    """Numbers are stored little-endian whatever the machine."""
    return dtype.newbyteorder("<")


def encode_attribute(name, value):
    """The bytes that store a checked attribute value: numbers little-endian
    (long double in the platform's format), strings as UTF-8 (lone surrogates
    kept), string vectors as JSON, bools as one byte."""
    if name == "STRING":
        return value.encode("utf-8", "surrogatepass")
    if name == "VEC_STRING":
        return json.dumps(value).encode("ascii")
    if name == "BOOL":
        return b"\x01" if value else b"\x00"
    dtype = _NUMPY[element_datatype(name)]
    return np.asarray(value, dtype=_stored_dtype(dtype)).tobytes()


def decode_attribute(name, data):
    """The value that encode_attribute(name, value) stored as `data`."""
    data = bytes(data)
    if name == "STRING":
        return data.decode("utf-8", "surrogatepass")
    if name == "VEC_STRING":
        return json.loads(data.decode("ascii"))
    if name == "BOOL":
        return data == b"\x01"
    dtype = _NUMPY[element_datatype(name)]
    array = np.frombuffer(data, dtype=_stored_dtype(dtype)).astype(dtype)
    if _is_numeric_array(name):
        return array
    if array.shape != (1,):
        raise ValueError("a stored {} attribute of {} bytes".format(name, len(data)))
    return array[0]


def split_path(path):
    """'/a/b' -> ('a', 'b'); '/' -> (). Repeated and trailing slashes are
    ignored; a path must start with '/'."""
    if not isinstance(path, str) or not path.startswith("/"):
        raise ValueError("object path {!r}: expected an absolute path "
                         "starting with '/'".format(path))
    return tuple(segment for segment in path.split("/") if segment)


def join_path(segments):
    """('a', 'b') -> '/a/b'; () -> '/'."""
    return "/" + "/".join(segments)


def as_shape(values, what):
    """A tuple of non-negative Python ints from a sequence of integers."""
    if type(values) is tuple and all(type(v) is int and 0 <= v < 2**63 for v in values):
        return values  # the bridge's form: nothing to convert
    try:
        shape = tuple(int(v) for v in values)
        exact = all(int(v) == v for v in values)
    except (TypeError, ValueError):
        raise ValueError("{}: expected a sequence of integers, got {!r}".format(
            what, values)) from None
    if not exact or any(v < 0 or v >= 2**63 for v in shape):
        raise ValueError("{}: expected integers in [0, 2**63), got {!r}".format(
            what, values))
    return shape


def check_selection(offset, extent, dataset_extent):
    """(offset, extent) as tuples of ints after checking that they select a
    box inside a dataset of `dataset_extent`; ValueError if they do not."""
    # The bridge passes tuples of ints: check those without converting
    # (this runs for every chunk; the general path below explains errors).
    if type(offset) is tuple and type(extent) is tuple and \
            len(offset) == len(extent) == len(dataset_extent):
        for o, e, n in zip(offset, extent, dataset_extent):
            if type(o) is not int or type(e) is not int or o < 0 or e < 0 or \
                    o + e > n:
                break
        else:
            return offset, extent
    offset = as_shape(offset, "chunk offset")
    extent = as_shape(extent, "chunk extent")
    rank = len(dataset_extent)
    if len(offset) != rank or len(extent) != rank:
        raise ValueError("chunk offset {} extent {} does not have the rank {} of the "
                         "dataset".format(list(offset), list(extent), rank))
    for d in range(rank):
        if offset[d] + extent[d] > dataset_extent[d]:
            raise ValueError(
                "chunk offset {} extent {} reaches outside the dataset extent {} in "
                "dimension {}".format(list(offset), list(extent),
                                      list(dataset_extent), d))
    return offset, extent


def check_extension(old_extent, new_extent):
    """The new extent as a tuple after checking that it has the rank of the
    old one and no dimension shrinks; ValueError otherwise."""
    new_extent = as_shape(new_extent, "dataset extent")
    if len(new_extent) != len(old_extent):
        raise ValueError("cannot extend a dataset of extent {} to {}: the rank "
                         "differs".format(list(old_extent), list(new_extent)))
    if any(n < o for n, o in zip(new_extent, old_extent)):
        raise ValueError("cannot extend a dataset of extent {} to {}: a dimension "
                         "would shrink".format(list(old_extent), list(new_extent)))
    return new_extent


def check_chunk_buffer(array, dtype, extent, writable, what):
    """Checks the `data` / `out` array of a chunk: a numpy array of the
    dataset's dtype and of shape `extent` (and writable for `out`)."""
    if not isinstance(array, np.ndarray):
        raise TypeError("{}: expected a numpy array, got {}".format(
            what, type(array).__name__))
    if array.dtype != dtype:
        raise TypeError("{}: expected dtype {}, got {}".format(what, dtype, array.dtype))
    if array.shape != tuple(extent):
        raise ValueError("{}: expected shape {}, got {}".format(
            what, tuple(extent), array.shape))
    if writable and not array.flags.writeable:
        raise ValueError("{}: the array is read-only".format(what))


def box(offset, extent):
    """The numpy index of the box (offset, extent)."""
    return tuple(slice(o, o + e) for o, e in zip(offset, extent))


def intersect(offset_a, extent_a, offset_b, extent_b):
    """The box common to two boxes as (offset, extent), or None if it has no
    elements."""
    offset, extent = [], []
    for oa, ea, ob, eb in zip(offset_a, extent_a, offset_b, extent_b):
        low, high = max(oa, ob), min(oa + ea, ob + eb)
        if high <= low:
            return None
        offset.append(low)
        extent.append(high - low)
    return tuple(offset), tuple(extent)


def contains(offset_outer, extent_outer, offset_inner, extent_inner):
    """Is the box (offset_inner, extent_inner) inside the outer box?"""
    return all(oo <= oi and oi + ei <= oo + eo for oo, eo, oi, ei in
               zip(offset_outer, extent_outer, offset_inner, extent_inner))
