"""Attributes of every Python type: type mapping, round trips, errors."""
import numpy as np
import pytest

import openpmd_api as io

D = io.Datatype

# (value, the Datatype it must be stored as)
PYTHON_VALUES = {
    "a_bool": (True, D.BOOL),
    "a_false": (False, D.BOOL),
    "an_int": (-42, D.LONG),
    "a_big_int": (2**63 + 5, D.ULONGLONG),
    "a_float": (2.5, D.DOUBLE),
    "a_complex": (1.5 - 2j, D.CDOUBLE),
    "a_string": ("hello openPMD", D.STRING),
    "strings": (["a", "bc", ""], D.VEC_STRING),
    "ints": ([1, -2, 3], D.VEC_LONG),
    "int_tuple": ((4, 5), D.VEC_LONG),
    "floats": ([1, 2.5, -3.0], D.VEC_DOUBLE),
    "complexes": ([1j, 2.0], D.VEC_CDOUBLE),
}

NUMPY_SCALARS = {
    "np_int8": (np.int8(-8), D.SCHAR),
    "np_uint8": (np.uint8(200), D.UCHAR),
    "np_int16": (np.int16(-1600), D.SHORT),
    "np_uint16": (np.uint16(60000), D.USHORT),
    "np_int32": (np.int32(-2**31), D.INT),
    "np_uint32": (np.uint32(2**32 - 1), D.UINT),
    "np_int64": (np.int64(-2**63), D.LONG),
    "np_uint64": (np.uint64(2**64 - 1), D.ULONG),
    "np_float32": (np.float32(0.25), D.FLOAT),
    "np_float64": (np.float64(1e-300), D.DOUBLE),
    "np_longdouble": (np.longdouble(0.75), D.LONG_DOUBLE),
    "np_complex64": (np.complex64(1 + 2j), D.CFLOAT),
    "np_complex128": (np.complex128(3 - 4j), D.CDOUBLE),
    "np_clongdouble": (np.clongdouble(0.5 + 0.25j), D.CLONG_DOUBLE),
    "np_bool": (np.bool_(True), D.BOOL),
}

NUMPY_ARRAYS = {
    "arr_int8": (np.array([-1, 2], dtype=np.int8), D.VEC_SCHAR),
    "arr_uint8": (np.array([1, 255], dtype=np.uint8), D.VEC_UCHAR),
    "arr_int16": (np.array([-3, 4], dtype=np.int16), D.VEC_SHORT),
    "arr_uint16": (np.array([3, 4], dtype=np.uint16), D.VEC_USHORT),
    "arr_int32": (np.array([-5, 6], dtype=np.int32), D.VEC_INT),
    "arr_uint32": (np.array([5, 6], dtype=np.uint32), D.VEC_UINT),
    "arr_int64": (np.array([-7, 8], dtype=np.int64), D.VEC_LONG),
    "arr_uint64": (np.array([7, 2**64 - 1], dtype=np.uint64), D.VEC_ULONG),
    "arr_float32": (np.array([0.5, -1.5], dtype=np.float32), D.VEC_FLOAT),
    "arr_float64": (np.array([0.1, 0.2, 0.3]), D.VEC_DOUBLE),
    "arr_longdouble": (np.array([0.5, 2.0], dtype=np.longdouble), D.VEC_LONG_DOUBLE),
    "arr_complex64": (np.array([1j, 2], dtype=np.complex64), D.VEC_CFLOAT),
    "arr_complex128": (np.array([1 + 1j, -2j]), D.VEC_CDOUBLE),
    "arr_clongdouble": (np.array([0.5j], dtype=np.clongdouble), D.VEC_CLONG_DOUBLE),
}

ALL_VALUES = {**PYTHON_VALUES, **NUMPY_SCALARS, **NUMPY_ARRAYS}


def expected_python_value(value):
    """What get_attribute returns for a value: lists for sequences."""
    if isinstance(value, (tuple, np.ndarray)):
        return list(value)
    return value


def check_attributes(obj, values):
    dtypes = obj.attribute_dtypes
    for key, (value, datatype) in values.items():
        assert obj.contains_attribute(key), key
        assert io.is_same(dtypes[key], datatype), (key, dtypes[key], datatype)
        got = obj.get_attribute(key)
        assert got == expected_python_value(value), (key, got, value)


def test_types_follow_the_value(tmp_path):
    series = io.Series(str(tmp_path / "types.json"), io.Access.create)
    iteration = series.iterations[0]
    for key, (value, _) in ALL_VALUES.items():
        iteration.set_attribute(key, value)
    dtypes = iteration.attribute_dtypes
    for key, (_, datatype) in ALL_VALUES.items():
        assert dtypes[key] == datatype, key
    check_attributes(iteration, ALL_VALUES)
    series.close()


def test_round_trip_of_every_type(path):
    with io.Series(path, io.Access.create) as series:
        iteration = series.iterations[100]
        mesh = iteration.meshes["E"]
        for key, (value, _) in ALL_VALUES.items():
            iteration.set_attribute(key, value)
            series.set_attribute(key, value)
        mesh.set_attribute("a_string", "on a mesh")
        mesh["x"].reset_dataset(io.Dataset(np.float64, [1]))
        mesh["x"].make_constant(0.0)

    with io.Series(path, io.Access.read_only) as series:
        iteration = series.iterations[100]
        check_attributes(iteration, ALL_VALUES)
        check_attributes(series, ALL_VALUES)
        assert iteration.meshes["E"].get_attribute("a_string") == "on a mesh"


def test_long_double_keeps_its_precision(tmp_path):
    series = io.Series(str(tmp_path / "precision.json"), io.Access.create)
    value = np.longdouble(1) / np.longdouble(3)
    series.iterations[0].set_attribute("third", value)
    got = series.iterations[0].get_attribute("third")
    assert isinstance(got, np.longdouble)
    assert got == value
    series.close()


def test_explicit_datatype(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[1]
        it.set_attribute("ushort", 5, io.Datatype.USHORT)
        it.set_attribute("float_list", [1, 2.5], np.float32)
        it.set_attribute("empty_strings", [], io.Datatype.VEC_STRING)
        it.set_attribute("seven", [1, 2, 3, 4, 5, 6, 7], io.Datatype.ARR_DBL_7)
        it.set_attribute("char", "c", io.Datatype.CHAR)
        assert it.attribute_dtypes["ushort"] == D.USHORT
    with io.Series(path, io.Access.read_only) as series:
        it = series.iterations[1]
        dtypes = it.attribute_dtypes
        assert dtypes["ushort"] == D.USHORT and it.get_attribute("ushort") == 5
        assert dtypes["float_list"] == D.VEC_FLOAT
        assert it.get_attribute("float_list") == [1.0, 2.5]
        assert it.get_attribute("empty_strings") == []
        assert it.get_attribute("seven") == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
        assert it.get_attribute("char") == ord("c")  # CHAR reads as a number


def test_delete_and_contains(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[1]
        it.set_attribute("kept", 1)
        it.set_attribute("gone", 2)
        series.flush()
        assert it.delete_attribute("gone") is True
        assert it.delete_attribute("never") is False
        assert not it.contains_attribute("gone")
    with io.Series(path, io.Access.read_only) as series:
        it = series.iterations[1]
        assert it.contains_attribute("kept")
        assert not it.contains_attribute("gone")
        assert "gone" not in it.attributes
        assert "kept" in it.attributes


def test_attribute_errors(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[1]
        with pytest.raises(TypeError, match="empty list"):
            it.set_attribute("empty", [])
        with pytest.raises(TypeError, match="dict"):
            it.set_attribute("mapping", {"a": 1})
        with pytest.raises(TypeError, match="one kind"):
            it.set_attribute("mixed", [1, "a"])
        with pytest.raises(ValueError, match="fits no openPMD integer"):
            it.set_attribute("huge", 2**70)
        with pytest.raises(TypeError, match="INT"):
            it.set_attribute("not_int", "abc", io.Datatype.INT)
        with pytest.raises(TypeError, match="one dimension"):
            it.set_attribute("matrix", np.zeros((2, 2)))
        with pytest.raises(io.ErrorNoSuchAttribute, match="missing"):
            it.get_attribute("missing")
        it.set_attribute("x", 1)
    with io.Series(path, io.Access.read_only) as series:
        with pytest.raises(io.ErrorWrongAPIUsage):
            series.iterations[1].set_attribute("y", 2)
