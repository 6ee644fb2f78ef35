"""The shipped Python connectors (openpmd_api.connectors), driven directly
through the protocol of docs/python-connectors.md, as the C++ bridge will."""
import gc
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import weakref

import numpy as np
import pytest

import openpmd_api as io
from openpmd_api.connectors import (CONNECTORS, MemoryConnector, SQLiteConnector,
                                    datatypes as dt)

LD = np.longdouble
EPS = LD(2) ** -60  # below double precision, within long double's (x86: 64 bits)


def T(name):
    """The exact numpy scalar type of a dataset datatype."""
    return dt.numpy_dtype(name).type


def A(name, values):
    """A 1-D array of the numpy dtype of a dataset datatype."""
    return np.array(values, dtype=dt.numpy_dtype(name))


def complex_of(name, real, imag):
    array = np.zeros(1, dtype=dt.numpy_dtype(name))
    array.real, array.imag = real, imag
    return array[0]


# ------------------------------------------------------------------ fixtures
@pytest.fixture(params=CONNECTORS, ids=[c.name for c in CONNECTORS])
def cls(request):
    return request.param


@pytest.fixture
def make(cls):
    """Makes serial instances of the connector class."""
    return lambda options=None: cls(options or {}, 0, 1)


@pytest.fixture
def conn(make):
    return make()


@pytest.fixture
def fname(tmp_path, cls):
    return str(tmp_path / ("data." + cls.extensions[0]))


@pytest.fixture
def opened(conn, fname):
    """A connector with a freshly created file."""
    conn.create_file(fname)
    return conn


# ------------------------------------------------------------------- helpers
def same_numbers(got, expected):
    """Equal values, NaN equal to NaN, and the sign of zeros kept."""
    got, expected = np.asarray(got), np.asarray(expected)
    if got.shape != expected.shape:
        return False
    if expected.dtype.kind == "c":
        return same_numbers(got.real, expected.real) and \
            same_numbers(got.imag, expected.imag)
    if expected.dtype.kind == "f":
        nan = np.isnan(expected)
        return bool(np.array_equal(np.isnan(got), nan) and
                    np.array_equal(got[~nan], expected[~nan]) and
                    np.array_equal(np.signbit(got[~nan]), np.signbit(expected[~nan])))
    return bool(np.array_equal(got, expected))


def assert_same_array(got, expected):
    assert isinstance(got, np.ndarray)
    assert got.dtype == expected.dtype and got.dtype.char == expected.dtype.char
    assert got.shape == expected.shape
    assert same_numbers(got, expected), (got, expected)


def assert_same_attribute(got, name, expected):
    got_name, value = got
    assert got_name == name
    if isinstance(expected, np.ndarray):
        assert_same_array(value, expected)
    elif isinstance(expected, np.generic):
        assert type(value) is type(expected), (type(value), type(expected))
        assert same_numbers(value, expected), (value, expected)
    elif isinstance(expected, bool):
        assert value is expected
    elif isinstance(expected, str):
        assert type(value) is str and value == expected
    else:
        assert type(value) is list and value == expected
        assert all(type(item) is str for item in value)


def sample(name, shape, seed):
    """Distinct values of the datatype `name` (extremes, NaN and ±Inf
    included where the type has them)."""
    dtype = dt.numpy_dtype(name)
    count = int(np.prod(shape, dtype=np.int64))
    k = np.arange(count, dtype=np.int64) + 1000 * seed
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        values = (k * 37 + seed) % 100 + (-50 if dtype.kind == "i" else 1)
        values = values.astype(dtype)
        if count >= 2:
            values[0], values[1] = info.max, info.min
    else:
        part = np.dtype(dtype.char.lower()) if dtype.kind == "c" else dtype
        if part == np.dtype(np.longdouble):
            real = LD(1) + (k + 1).astype(LD) * EPS
        else:
            real = (k * 0.25 + seed + 1).astype(part)
        if count >= 3:
            real[0], real[1], real[2] = np.nan, np.inf, -np.inf
        if dtype.kind == "c":
            values = np.zeros(count, dtype=dtype)
            values.real, values.imag = real, -real[::-1]
        else:
            values = real
    return values.reshape(shape)


def reference_after(shape, name, writes):
    """What the dataset holds after `writes` [(offset, data)], in order."""
    reference = np.zeros(shape, dtype=dt.numpy_dtype(name))
    for offset, data in writes:
        reference[dt.box(offset, data.shape)] = data
    return reference


def read(conn, fname, path, offset, extent, fill=1):
    """read_chunk into a fresh buffer that holds `fill` (not zero) before."""
    dtype = dt.numpy_dtype(conn.dataset_info(fname, path)[0])
    out = np.full(extent, fill, dtype=dtype)
    conn.read_chunk(fname, path, offset, extent, out)
    return out


def covered(shape, chunks):
    """A mask of the elements inside any of the boxes `chunks`."""
    mask = np.zeros(shape, dtype=bool)
    for offset, extent in chunks:
        mask[dt.box(offset, extent)] = True
    return mask


# ------------------------------------------------------------ the dtype table
def test_datatype_names_are_the_enum_in_order():
    members = [name for name in io.Datatype.__members__ if name != "UNDEFINED"]
    assert list(dt.DATATYPES) == members
    assert len(dt.DATATYPES) == 38
    for index, name in enumerate(dt.DATATYPES):
        assert int(io.Datatype.__members__[name]) == index
    assert dt.DATASET_DATATYPES == dt.DATATYPES[:17]


@pytest.mark.parametrize("name", dt.DATATYPES[:17])
def test_numpy_dtypes_are_the_modules(name):
    expected = np.dtype(io.to_numpy_dtype(io.Datatype.__members__[name]))
    assert dt.numpy_dtype(name).char == expected.char


def test_non_dataset_types_have_no_numpy_dtype():
    for name in ("STRING", "VEC_INT", "BOOL", "ARR_DBL_7", "UNDEFINED", "double", None):
        with pytest.raises(ValueError):
            dt.numpy_dtype(name)


def test_connector_class_attributes():
    assert MemoryConnector.name == "pymemory"
    assert MemoryConnector.extensions == ["pymem"]
    assert SQLiteConnector.name == "pysqlite"
    assert SQLiteConnector.extensions == ["sqlite"]


# ------------------------------------------------------------------ datasets
@pytest.mark.parametrize("name", dt.DATASET_DATATYPES)
def test_every_dataset_datatype_in_partial_chunks(opened, fname, name):
    path = "/data/100/meshes/E/x"
    shape = (6, 5)
    opened.create_dataset(fname, path, name, shape, {})
    assert opened.dataset_info(fname, path) == (name, shape)
    writes = [((0, 0), sample(name, (3, 5), 1)),
              ((2, 1), sample(name, (3, 3), 2)),   # overlaps the first
              ((4, 3), sample(name, (1, 2), 3))]   # overlaps the second
    opened.begin_flush()
    for offset, data in writes:
        opened.write_chunk(fname, path, offset, data.shape, data)
    opened.end_flush()
    reference = reference_after(shape, name, writes)
    assert reference[5].tolist() == [0] * 5  # row 5 is never written

    assert_same_array(read(opened, fname, path, (0, 0), shape), reference)
    assert_same_array(read(opened, fname, path, (1, 0), (4, 4)), reference[1:5, 0:4])
    assert_same_array(read(opened, fname, path, (4, 3), (1, 1)), reference[4:5, 3:4])
    unwritten = read(opened, fname, path, (5, 0), (1, 5))
    assert_same_array(unwritten, np.zeros((1, 5), dtype=dt.numpy_dtype(name)))
    assert read(opened, fname, path, (3, 0), (2, 1)).tolist() == [[0], [0]]
    assert read(opened, fname, path, (6, 0), (0, 5)).shape == (0, 5)


@pytest.mark.parametrize("name", ["DOUBLE", "INT", "CLONG_DOUBLE", "UCHAR"])
def test_n_dimensional_random_chunks(opened, fname, name):
    rng = np.random.default_rng(7)
    shape = (4, 5, 6)
    opened.create_dataset(fname, "/nd", name, shape, {})
    writes = []
    for seed in range(10):
        offset = tuple(int(rng.integers(0, n)) for n in shape)
        extent = tuple(int(rng.integers(1, n - o + 1)) for o, n in zip(offset, shape))
        data = sample(name, extent, seed)
        opened.write_chunk(fname, "/nd", offset, extent, data)
        writes.append((offset, data))
    reference = reference_after(shape, name, writes)
    for _ in range(10):
        offset = tuple(int(rng.integers(0, n)) for n in shape)
        extent = tuple(int(rng.integers(0, n - o + 1)) for o, n in zip(offset, shape))
        assert_same_array(read(opened, fname, "/nd", offset, extent),
                          reference[dt.box(offset, extent)])
    assert_same_array(read(opened, fname, "/nd", (0, 0, 0), shape), reference)


def test_one_and_zero_dimensional_datasets(opened, fname):
    opened.create_dataset(fname, "/line", "LONG", (10,), {})
    opened.write_chunk(fname, "/line", (3,), (4,), A("LONG", [1, 2, 3, 4]))
    assert read(opened, fname, "/line", (0,), (10,)).tolist() == \
        [0, 0, 0, 1, 2, 3, 4, 0, 0, 0]
    opened.create_dataset(fname, "/scalar", "DOUBLE", (), {})
    assert opened.dataset_info(fname, "/scalar") == ("DOUBLE", ())
    assert read(opened, fname, "/scalar", (), ()).tolist() == 0.0
    opened.write_chunk(fname, "/scalar", (), (), np.array(2.5))
    assert read(opened, fname, "/scalar", (), ()).tolist() == 2.5
    assert opened.available_chunks(fname, "/scalar") == [((), ())]


def test_extend_dataset(opened, fname):
    opened.create_dataset(fname, "/e", "INT", (2, 3), {})
    first = A("INT", [[1, 2, 3], [4, 5, 6]])
    opened.write_chunk(fname, "/e", (0, 0), (2, 3), first)
    opened.extend_dataset(fname, "/e", (4, 5))
    assert opened.dataset_info(fname, "/e") == ("INT", (4, 5))
    # Elements keep their N-D index; the new region is zero.
    expected = np.zeros((4, 5), dtype=dt.numpy_dtype("INT"))
    expected[:2, :3] = first
    assert_same_array(read(opened, fname, "/e", (0, 0), (4, 5)), expected)
    opened.write_chunk(fname, "/e", (3, 3), (1, 2), A("INT", [[7, 8]]))
    expected[3, 3:] = [7, 8]
    assert_same_array(read(opened, fname, "/e", (0, 0), (4, 5)), expected)
    assert covered((4, 5), opened.available_chunks(fname, "/e")).tolist() == \
        covered((4, 5), [((0, 0), (2, 3)), ((3, 3), (1, 2))]).tolist()
    opened.extend_dataset(fname, "/e", (4, 5))  # the same extent is no shrink
    for bad in [(3, 5), (4, 4), (4,), (4, 5, 1)]:
        with pytest.raises(ValueError):
            opened.extend_dataset(fname, "/e", bad)
    assert opened.dataset_info(fname, "/e") == ("INT", (4, 5))
    with pytest.raises(KeyError):
        opened.extend_dataset(fname, "/absent", (5,))


def test_available_chunks(opened, fname):
    shape = (8, 8)
    opened.create_dataset(fname, "/a", "FLOAT", shape, {})
    assert opened.available_chunks(fname, "/a") == []
    written = [((0, 0), (2, 8)), ((1, 2), (4, 2)), ((6, 6), (2, 2)), ((1, 2), (4, 2))]
    for offset, extent in written:
        opened.write_chunk(fname, "/a", offset, extent,
                           np.ones(extent, dtype=np.float32))
    opened.write_chunk(fname, "/a", (3, 3), (0, 4), np.ones((0, 4), dtype=np.float32))
    chunks = opened.available_chunks(fname, "/a")
    for offset, extent in chunks:
        assert all(isinstance(v, int) for v in offset + extent)
        assert np.prod(extent) > 0
    # The union of the reported regions is exactly what was written: merged or
    # not, never an element that was not written.
    assert covered(shape, chunks).tolist() == covered(shape, written).tolist()
    # A chunk that a later one covers is not reported on its own.
    opened.write_chunk(fname, "/a", (0, 0), shape, np.ones(shape, dtype=np.float32))
    assert opened.available_chunks(fname, "/a") == [((0, 0), shape)]


def test_create_dataset_replaces_an_existing_one(opened, fname):
    opened.create_dataset(fname, "/r", "DOUBLE", (4,), {})
    opened.write_chunk(fname, "/r", (0,), (4,), np.arange(4.0))
    opened.write_attribute(fname, "/r", "unitSI", "DOUBLE", np.float64(2.0))
    opened.create_dataset(fname, "/r", "SHORT", (3,), {})
    assert opened.dataset_info(fname, "/r") == ("SHORT", (3,))
    assert opened.available_chunks(fname, "/r") == []
    assert opened.list_attributes(fname, "/r") == []
    assert read(opened, fname, "/r", (0,), (3,)).tolist() == [0, 0, 0]


def test_dataset_options_and_types_are_checked(opened, fname):
    with pytest.raises(ValueError):
        opened.create_dataset(fname, "/d", "STRING", (1,), {})
    with pytest.raises(ValueError):
        opened.create_dataset(fname, "/d", "DOUBLE", (-1,), {})
    with pytest.raises(ValueError):
        opened.create_dataset(fname, "/d", "DOUBLE", (2,), {"chunks": [1]})
    with pytest.raises(ValueError):
        opened.create_dataset(fname, "/", "DOUBLE", (2,), {})
    assert opened.list_datasets(fname, "/") == []


# ---------------------------------------------------------------- attributes
ATTRIBUTES = [
    ("CHAR", T("CHAR")(99)),
    ("CHAR", T("CHAR")(np.iinfo(dt.numpy_dtype("CHAR")).min)),
    ("UCHAR", np.uint8(255)),
    ("SCHAR", np.int8(-128)),
    ("SHORT", T("SHORT")(-2**15)),
    ("INT", T("INT")(-2**31)),
    ("LONG", T("LONG")(-2**63)),
    ("LONGLONG", T("LONGLONG")(2**63 - 1)),
    ("USHORT", T("USHORT")(2**16 - 1)),
    ("UINT", T("UINT")(2**32 - 1)),
    ("ULONG", T("ULONG")(2**64 - 1)),
    ("ULONGLONG", T("ULONGLONG")(2**64 - 1)),
    ("FLOAT", np.float32(0.1)),
    ("FLOAT", np.float32(np.nan)),
    ("FLOAT", np.float32(-np.inf)),
    ("DOUBLE", np.float64(np.inf)),
    ("DOUBLE", np.float64(np.nan)),
    ("DOUBLE", np.float64(-0.0)),
    ("DOUBLE", np.float64(5e-324)),
    ("LONG_DOUBLE", LD(1) + EPS),
    ("LONG_DOUBLE", LD(-np.inf)),
    ("CFLOAT", np.complex64(1.5 - 2j)),
    ("CFLOAT", complex_of("CFLOAT", np.nan, np.inf)),
    ("CDOUBLE", complex_of("CDOUBLE", -np.inf, -0.0)),
    ("CLONG_DOUBLE", complex_of("CLONG_DOUBLE", LD(1) + EPS, -(LD(1) + 3 * EPS))),
    ("CLONG_DOUBLE", complex_of("CLONG_DOUBLE", np.nan, 0.0)),
    ("STRING", "openPMD"),
    ("STRING", ""),
    ("STRING", "ünïcödé ✓ with\x00nul"),
    ("VEC_CHAR", A("CHAR", [99, 0, np.iinfo(dt.numpy_dtype("CHAR")).max])),
    ("VEC_CHAR", A("CHAR", [])),
    ("VEC_SHORT", A("SHORT", [-2**15, 2**15 - 1])),
    ("VEC_INT", A("INT", [-2**31, 0, 2**31 - 1])),
    ("VEC_INT", A("INT", [])),
    ("VEC_LONG", A("LONG", [-2**63, 2**63 - 1])),
    ("VEC_LONGLONG", A("LONGLONG", [-1, 1])),
    ("VEC_UCHAR", A("UCHAR", [0, 255])),
    ("VEC_USHORT", A("USHORT", [0, 2**16 - 1])),
    ("VEC_UINT", A("UINT", [0, 2**32 - 1])),
    ("VEC_ULONG", A("ULONG", [0, 2**64 - 1])),
    ("VEC_ULONGLONG", A("ULONGLONG", [2**64 - 1])),
    ("VEC_FLOAT", A("FLOAT", [np.nan, np.inf, -np.inf, 0.5, -0.0])),
    ("VEC_DOUBLE", A("DOUBLE", [np.nan, -0.0, 1e300, np.inf])),
    ("VEC_DOUBLE", A("DOUBLE", [])),
    ("VEC_LONG_DOUBLE", np.array([LD(1) + EPS, np.nan, -np.inf], dtype=LD)),
    ("VEC_LONG_DOUBLE", np.array([], dtype=LD)),
    ("VEC_CFLOAT", A("CFLOAT", [1j, complex(np.nan, 1), complex(0, -np.inf)])),
    ("VEC_CDOUBLE", A("CDOUBLE", [1 + 1j, complex(np.inf, np.nan)])),
    ("VEC_CDOUBLE", A("CDOUBLE", [])),
    ("VEC_CLONG_DOUBLE", np.array([complex_of("CLONG_DOUBLE", LD(1) + EPS, -EPS),
                                   complex_of("CLONG_DOUBLE", np.nan, np.inf)])),
    ("VEC_CLONG_DOUBLE", A("CLONG_DOUBLE", [])),
    ("VEC_SCHAR", A("SCHAR", [-128, 127])),
    ("VEC_STRING", ["", "a", "ü", "x y"]),
    ("VEC_STRING", []),
    ("ARR_DBL_7", np.array([1.0, 1.0, -3.0, -1.0, 0.0, 0.0, np.nan])),
    ("BOOL", True),
    ("BOOL", False),
]
ATTRIBUTE_IDS = ["{}-{}".format(name, index) for index, (name, _) in enumerate(ATTRIBUTES)]


def test_attribute_samples_cover_all_38_types():
    assert sorted({name for name, _ in ATTRIBUTES}) == sorted(dt.DATATYPES)
    for name, value in ATTRIBUTES:  # and are in the protocol's form
        dt.check_attribute(name, value)


@pytest.mark.parametrize("name,value", ATTRIBUTES, ids=ATTRIBUTE_IDS)
def test_attribute_round_trip(make, fname, name, value):
    writer = make()
    writer.create_file(fname)
    writer.create_dataset(fname, "/data/x", "DOUBLE", (1,), {})
    writer.begin_flush()
    for path in ("/", "/data", "/data/x"):
        writer.write_attribute(fname, path, "attr", name, value)
    writer.end_flush()
    for path in ("/", "/data", "/data/x"):
        assert_same_attribute(writer.read_attribute(fname, path, "attr"), name, value)
    writer.close_file(fname)
    reader = make()  # a second instance reads the stored value back
    reader.open_file(fname)
    assert_same_attribute(reader.read_attribute(fname, "/data/x", "attr"), name, value)


def test_long_double_attribute_keeps_its_precision(opened, fname):
    value = LD(1) + EPS
    assert value != LD(float(value))  # the test value needs more than a double
    opened.write_attribute(fname, "/", "ld", "LONG_DOUBLE", value)
    assert opened.read_attribute(fname, "/", "ld")[1] - 1 == EPS


def test_attribute_values_are_copied(opened, fname):
    source = A("DOUBLE", [1.0, 2.0])
    opened.write_attribute(fname, "/", "v", "VEC_DOUBLE", source)
    source[0] = 99.0
    got = opened.read_attribute(fname, "/", "v")[1]
    assert got.tolist() == [1.0, 2.0]
    got[1] = -5.0
    strings = ["a", "b"]
    opened.write_attribute(fname, "/", "s", "VEC_STRING", strings)
    strings.append("c")
    opened.read_attribute(fname, "/", "s")[1].append("d")
    assert opened.read_attribute(fname, "/", "v")[1].tolist() == [1.0, 2.0]
    assert opened.read_attribute(fname, "/", "s")[1] == ["a", "b"]


def test_attribute_replace_list_delete(opened, fname):
    opened.create_group(fname, "/g")
    opened.write_attribute(fname, "/g", "b", "INT", T("INT")(1))
    opened.write_attribute(fname, "/g", "a", "INT", T("INT")(2))
    opened.write_attribute(fname, "/g", "b", "VEC_STRING", ["replaced", "by", "strings"])
    assert opened.list_attributes(fname, "/g") == ["a", "b"]
    assert opened.read_attribute(fname, "/g", "b") == ("VEC_STRING", ["replaced", "by",
                                                                     "strings"])
    opened.delete_attribute(fname, "/g", "a")
    opened.delete_attribute(fname, "/g", "a")  # a missing attribute: no error
    assert opened.list_attributes(fname, "/g") == ["b"]
    with pytest.raises(KeyError):
        opened.read_attribute(fname, "/g", "a")
    for call in (lambda: opened.read_attribute(fname, "/nowhere", "b"),
                 lambda: opened.write_attribute(fname, "/nowhere", "b", "INT",
                                                T("INT")(1)),
                 lambda: opened.list_attributes(fname, "/nowhere"),
                 lambda: opened.delete_attribute(fname, "/nowhere", "b")):
        with pytest.raises(KeyError):
            call()


@pytest.mark.parametrize("name,value", [
    ("INT", 5),                                   # a Python int, not numpy
    ("INT", np.int64(5)),                         # another size
    ("DOUBLE", 1.5),
    ("LONG_DOUBLE", np.float64(1.5)),             # precision lost on the way
    ("VEC_INT", [1, 2]),                          # a list, not an array
    ("VEC_FLOAT", np.array([1.0, 2.0])),          # float64, not float32
    ("VEC_DOUBLE", np.zeros((2, 2))),             # not 1-D
    ("ARR_DBL_7", np.zeros(6)),
    ("STRING", b"bytes"),
    ("VEC_STRING", ["a", 1]),
    ("BOOL", 1),
    ("BOOL", np.int8(1)),
])
def test_attribute_values_of_another_form_are_rejected(opened, fname, name, value):
    with pytest.raises(TypeError):
        opened.write_attribute(fname, "/", "x", name, value)
    assert opened.list_attributes(fname, "/") == []


@pytest.mark.skipif(np.dtype("l") != np.dtype("q"), reason="long is not 64 bits")
def test_attribute_scalars_come_back_as_the_exact_type(opened, fname):
    # numpy counts int64 and longlong as equal dtypes (on LP64); what comes
    # back is the numpy type of the datatype named.
    opened.write_attribute(fname, "/", "ll", "LONGLONG", np.int64(5))
    opened.write_attribute(fname, "/", "l", "LONG", np.longlong(6))
    assert type(opened.read_attribute(fname, "/", "ll")[1]) is np.longlong
    assert type(opened.read_attribute(fname, "/", "l")[1]) is np.dtype("l").type


def test_unknown_attribute_datatype_is_rejected(opened, fname):
    for name in ("UNDEFINED", "float", "VEC_BOOL"):
        with pytest.raises(ValueError):
            opened.write_attribute(fname, "/", "x", name, np.float64(1))
    assert opened.list_attributes(fname, "/") == []


# ----------------------------------------------------------------- hierarchy
def test_hierarchy(opened, fname):
    assert opened.group_exists(fname, "/")
    assert opened.list_groups(fname, "/") == []
    opened.create_group(fname, "/data/100/meshes")          # parents too
    opened.create_group(fname, "/data/100/meshes")          # exists: no error
    opened.create_group(fname, "/data/200")
    opened.create_group(fname, "/data/150/")                 # trailing slash
    assert opened.group_exists(fname, "/data/100")
    assert not opened.group_exists(fname, "/data/300")
    assert not opened.group_exists(fname, "/data/100/meshes/E")
    assert opened.list_groups(fname, "/data") == ["100", "150", "200"]
    opened.create_dataset(fname, "/data/100/meshes/E/x", "DOUBLE", (2,), {})
    opened.create_dataset(fname, "/data/100/meshes/E/y", "DOUBLE", (2,), {})
    opened.create_dataset(fname, "/data/100/meshes/rho", "FLOAT", (2,), {})
    assert opened.group_exists(fname, "/data/100/meshes/E")  # created as parent
    assert opened.list_groups(fname, "/data/100/meshes") == ["E"]
    assert opened.list_datasets(fname, "/data/100/meshes") == ["rho"]
    assert opened.list_datasets(fname, "/data/100/meshes/E") == ["x", "y"]
    assert not opened.group_exists(fname, "/data/100/meshes/rho")  # a dataset
    with pytest.raises(KeyError):
        opened.dataset_info(fname, "/data/100/meshes/E")           # a group
    with pytest.raises(KeyError):
        opened.list_groups(fname, "/data/100/meshes/rho")
    with pytest.raises(KeyError):
        opened.list_datasets(fname, "/absent")
    # Groups and datasets share one namespace.
    with pytest.raises(ValueError):
        opened.create_group(fname, "/data/100/meshes/rho")
    with pytest.raises(ValueError):
        opened.create_group(fname, "/data/100/meshes/rho/below")
    with pytest.raises(ValueError):
        opened.create_dataset(fname, "/data/100/meshes/E", "DOUBLE", (2,), {})
    assert opened.list_datasets(fname, "/data/100/meshes/E") == ["x", "y"]


def test_delete_group_is_recursive(opened, fname):
    opened.create_group(fname, "/data/100/particles/e")
    opened.create_dataset(fname, "/data/100/meshes/E/x", "DOUBLE", (3,), {})
    opened.write_chunk(fname, "/data/100/meshes/E/x", (0,), (3,), np.arange(3.0))
    opened.write_attribute(fname, "/data/100", "time", "DOUBLE", np.float64(1.0))
    opened.write_attribute(fname, "/data/100/meshes/E", "unitDimension", "ARR_DBL_7",
                           np.arange(7.0))
    opened.write_attribute(fname, "/data/100/meshes/E/x", "unitSI", "DOUBLE",
                           np.float64(1.0))
    opened.create_group(fname, "/data/1000")  # a name with the same prefix stays
    opened.write_attribute(fname, "/data/1000", "keep", "INT", T("INT")(1))
    opened.delete_group(fname, "/data/100")
    assert opened.list_groups(fname, "/data") == ["1000"]
    for path in ("/data/100", "/data/100/meshes", "/data/100/meshes/E",
                 "/data/100/particles/e"):
        assert not opened.group_exists(fname, path)
    with pytest.raises(KeyError):
        opened.dataset_info(fname, "/data/100/meshes/E/x")
    assert opened.read_attribute(fname, "/data/1000", "keep")[1] == 1
    # Recreated, the paths are empty: nothing below survived.
    opened.create_group(fname, "/data/100/meshes/E")
    opened.create_dataset(fname, "/data/100/meshes/E/x", "DOUBLE", (3,), {})
    assert opened.list_attributes(fname, "/data/100") == []
    assert opened.list_attributes(fname, "/data/100/meshes/E") == []
    assert opened.list_attributes(fname, "/data/100/meshes/E/x") == []
    assert opened.list_groups(fname, "/data/100") == ["meshes"]
    assert opened.available_chunks(fname, "/data/100/meshes/E/x") == []
    with pytest.raises(KeyError):
        opened.delete_group(fname, "/data/100/particles")
    with pytest.raises(KeyError):
        opened.delete_group(fname, "/data/100/meshes/E/x")   # a dataset
    with pytest.raises(ValueError):
        opened.delete_group(fname, "/")


def test_delete_dataset(opened, fname):
    opened.create_dataset(fname, "/g/a", "INT", (2,), {})
    opened.create_dataset(fname, "/g/b", "INT", (2,), {})
    opened.write_attribute(fname, "/g/a", "x", "INT", T("INT")(1))
    opened.delete_dataset(fname, "/g/a")
    assert opened.list_datasets(fname, "/g") == ["b"]
    with pytest.raises(KeyError):
        opened.dataset_info(fname, "/g/a")
    with pytest.raises(KeyError):
        opened.delete_dataset(fname, "/g/a")
    with pytest.raises(KeyError):
        opened.delete_dataset(fname, "/g")  # a group
    opened.create_dataset(fname, "/g/a", "INT", (2,), {})
    assert opened.list_attributes(fname, "/g/a") == []


# --------------------------------------------------------------------- files
def test_files(cls, make, tmp_path):
    conn = make()
    one = str(tmp_path / ("one." + cls.extensions[0]))
    assert not conn.file_exists(one)
    with pytest.raises(FileNotFoundError):
        conn.open_file(one)
    conn.create_file(one)
    assert conn.file_exists(one)
    conn.create_group(one, "/old")
    conn.close_file(one)
    conn.close_file(one)  # closing twice is harmless
    with pytest.raises(ValueError):  # operations need an open file
        conn.group_exists(one, "/")
    conn.open_file(one)
    assert conn.group_exists(one, "/old")
    conn.create_file(one)        # replaces the file
    assert not conn.group_exists(one, "/old")
    conn.close_file(one)
    other = make()
    other.open_file(one)
    assert other.list_groups(one, "/") == []
    other.delete_file(one)
    assert not conn.file_exists(one)
    with pytest.raises(FileNotFoundError):
        conn.open_file(one)
    with pytest.raises(FileNotFoundError):
        conn.delete_file(one)


def test_list_files(cls, make, tmp_path):
    conn = make()
    ext = cls.extensions[0]
    (tmp_path / "sub").mkdir()
    names = ["data_100." + ext, "data_200." + ext, "data_50." + ext]
    for name in names:
        conn.create_file(str(tmp_path / name))
        conn.write_attribute(str(tmp_path / name), "/", "a", "INT", T("INT")(1))
    conn.create_file(str(tmp_path / "sub" / ("data_300." + ext)))
    other = str(tmp_path / "data_400.other")
    (tmp_path / "data_400.other").write_text("not a connector file")
    assert cls.list_files(str(tmp_path)) == sorted(names)   # on the class
    assert conn.list_files(str(tmp_path)) == sorted(names)  # and on an instance
    assert conn.list_files(str(tmp_path / "sub")) == ["data_300." + ext]
    assert conn.list_files(str(tmp_path / "absent")) == []
    conn.delete_file(str(tmp_path / names[0]))
    assert conn.list_files(str(tmp_path)) == sorted(names[1:])
    assert os.path.exists(other)


def test_relative_file_names_are_the_same_file(cls, make, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkdir("out")
    conn = make()
    conn.create_file("out/rel." + cls.extensions[0])
    conn.create_group("out/rel." + cls.extensions[0], "/g")
    conn.close_file("out/rel." + cls.extensions[0])
    again = make()
    again.open_file("./out/../out/rel." + cls.extensions[0])
    assert again.list_groups("./out/../out/rel." + cls.extensions[0], "/") == ["g"]
    assert again.list_files("out") == ["rel." + cls.extensions[0]]


def test_options_are_checked(cls):
    with pytest.raises(ValueError):
        cls({"no_such_option": 1}, 0, 1)


# -------------------------------------------------------------------- errors
def test_absent_objects_raise_key_error(opened, fname):
    data = np.zeros(2)
    calls = [
        lambda: opened.dataset_info(fname, "/x"),
        lambda: opened.write_chunk(fname, "/x", (0,), (2,), data),
        lambda: opened.read_chunk(fname, "/x", (0,), (2,), data),
        lambda: opened.available_chunks(fname, "/x"),
        lambda: opened.delete_dataset(fname, "/x"),
        lambda: opened.list_groups(fname, "/x"),
        lambda: opened.list_datasets(fname, "/x"),
        lambda: opened.delete_group(fname, "/x"),
        lambda: opened.read_attribute(fname, "/", "x"),
    ]
    for call in calls:
        with pytest.raises(KeyError):
            call()


@pytest.mark.parametrize("offset,extent", [
    ((0, 4), (1, 2)),      # reaches outside
    ((3, 0), (1, 1)),      # starts outside
    ((0, 0), (4, 5)),
    ((0,), (1,)),          # wrong rank
    ((0, 0, 0), (1, 1, 1)),
    ((-1, 0), (1, 1)),     # negative
    ((0, 0), (1, 2**64)),  # beyond any extent
])
def test_out_of_range_chunks_raise_value_error(opened, fname, offset, extent):
    opened.create_dataset(fname, "/d", "INT", (3, 5), {})
    opened.write_chunk(fname, "/d", (0, 0), (3, 5), np.ones((3, 5), dtype=np.intc))
    shape = tuple(max(e, 0) for e in extent) if max(extent) < 100 else (1, 1)
    data = np.full(shape, 9, dtype=np.intc)
    with pytest.raises(ValueError):
        opened.write_chunk(fname, "/d", offset, extent, data)
    with pytest.raises(ValueError):
        opened.read_chunk(fname, "/d", offset, extent, data)
    assert read(opened, fname, "/d", (0, 0), (3, 5)).tolist() == [[1] * 5] * 3
    assert opened.available_chunks(fname, "/d") == [((0, 0), (3, 5))]


def test_chunk_buffers_are_checked(opened, fname):
    opened.create_dataset(fname, "/d", "FLOAT", (4,), {})
    with pytest.raises(TypeError):   # another dtype
        opened.write_chunk(fname, "/d", (0,), (4,), np.zeros(4))
    with pytest.raises(ValueError):  # another shape
        opened.write_chunk(fname, "/d", (0,), (4,), np.zeros(3, dtype=np.float32))
    with pytest.raises(TypeError):   # not an array
        opened.write_chunk(fname, "/d", (0,), (4,), [0.0] * 4)
    readonly = np.zeros(4, dtype=np.float32)
    readonly.flags.writeable = False
    with pytest.raises(ValueError):
        opened.read_chunk(fname, "/d", (0,), (4,), readonly)
    assert opened.available_chunks(fname, "/d") == []


def test_paths_must_be_absolute(opened, fname):
    with pytest.raises(ValueError):
        opened.create_group(fname, "data")
    with pytest.raises(ValueError):
        opened.group_exists(fname, "")
    assert opened.list_groups(fname, "/") == []


def test_a_failed_operation_changes_nothing_and_the_flush_goes_on(opened, fname):
    opened.create_dataset(fname, "/d", "DOUBLE", (4,), {})
    opened.begin_flush()
    opened.write_chunk(fname, "/d", (0,), (2,), np.array([1.0, 2.0]))
    with pytest.raises(ValueError):
        opened.write_chunk(fname, "/d", (3,), (2,), np.array([5.0, 6.0]))
    with pytest.raises(KeyError):
        opened.delete_group(fname, "/absent")
    opened.write_attribute(fname, "/d", "after", "BOOL", True)
    opened.end_flush()
    assert read(opened, fname, "/d", (0,), (4,)).tolist() == [1.0, 2.0, 0.0, 0.0]
    assert opened.read_attribute(fname, "/d", "after") == ("BOOL", True)


# ------------------------------------------------------------- view contract
def test_write_chunk_does_not_keep_data(opened, fname):
    opened.create_dataset(fname, "/v", "LONG", (2, 3), {})
    buffer = np.arange(6, dtype=dt.numpy_dtype("LONG")).reshape(2, 3)
    view = buffer[...]
    view.flags.writeable = False   # the bridge hands a read-only view
    alive = weakref.ref(view)
    opened.write_chunk(fname, "/v", (0, 0), (2, 3), view)
    assert buffer.tolist() == [[0, 1, 2], [3, 4, 5]]  # not modified
    del view
    gc.collect()
    assert alive() is None        # no reference kept
    buffer[...] = -1              # the caller reuses its buffer
    assert read(opened, fname, "/v", (0, 0), (2, 3)).tolist() == [[0, 1, 2], [3, 4, 5]]


def test_read_chunk_fills_the_view_in_place(opened, fname):
    opened.create_dataset(fname, "/v", "USHORT", (4, 3), {})
    opened.write_chunk(fname, "/v", (1, 0), (2, 3),
                       np.arange(6, dtype=np.uint16).reshape(2, 3) + 1)
    destination = np.full((5, 3), 777, dtype=np.uint16)
    out = destination[1:4]        # a view into the middle of the caller's buffer
    alive = weakref.ref(out)
    opened.read_chunk(fname, "/v", (0, 0), (3, 3), out)
    assert destination.tolist() == [[777] * 3, [0, 0, 0], [1, 2, 3], [4, 5, 6],
                                    [777] * 3]
    del out
    gc.collect()
    assert alive() is None
    destination[...] = 0          # the connector holds nothing of it
    assert read(opened, fname, "/v", (1, 0), (2, 3)).tolist() == [[1, 2, 3], [4, 5, 6]]


# ------------------------------------------------------------ second readers
def write_sample_file(conn, fname):
    """A small series file, written in two flushes; returns the expected data."""
    conn.create_file(fname)
    conn.begin_flush()
    conn.create_group(fname, "/data/100/particles/e")
    conn.create_dataset(fname, "/data/100/meshes/rho", "FLOAT", (4, 4), {})
    conn.write_attribute(fname, "/", "openPMD", "STRING", "1.1.0")
    conn.write_attribute(fname, "/data/100", "time", "DOUBLE", np.float64(0.5))
    conn.write_attribute(fname, "/data/100/meshes/rho", "unitDimension", "ARR_DBL_7",
                         np.arange(7.0))
    conn.write_chunk(fname, "/data/100/meshes/rho", (0, 0), (2, 4),
                     np.full((2, 4), 1.5, dtype=np.float32))
    conn.end_flush()
    conn.begin_flush()
    conn.write_chunk(fname, "/data/100/meshes/rho", (1, 1), (2, 2),
                     np.full((2, 2), -2.0, dtype=np.float32))
    conn.end_flush()
    expected = np.zeros((4, 4), dtype=np.float32)
    expected[0:2] = 1.5
    expected[1:3, 1:3] = -2.0
    return expected


def check_sample_file(conn, fname, expected):
    assert conn.list_groups(fname, "/") == ["data"]
    assert conn.list_groups(fname, "/data/100") == ["meshes", "particles"]
    assert conn.group_exists(fname, "/data/100/particles/e")
    assert conn.list_datasets(fname, "/data/100/meshes") == ["rho"]
    assert conn.dataset_info(fname, "/data/100/meshes/rho") == ("FLOAT", (4, 4))
    assert conn.list_attributes(fname, "/") == ["openPMD"]
    assert conn.read_attribute(fname, "/", "openPMD") == ("STRING", "1.1.0")
    assert_same_attribute(conn.read_attribute(fname, "/data/100", "time"), "DOUBLE",
                          np.float64(0.5))
    assert_same_attribute(conn.read_attribute(fname, "/data/100/meshes/rho",
                                              "unitDimension"), "ARR_DBL_7",
                          np.arange(7.0))
    assert_same_array(read(conn, fname, "/data/100/meshes/rho", (0, 0), (4, 4)),
                      expected)
    chunks = conn.available_chunks(fname, "/data/100/meshes/rho")
    assert covered((4, 4), chunks).tolist() == \
        covered((4, 4), [((0, 0), (2, 4)), ((1, 1), (2, 2))]).tolist()


def test_a_second_instance_reads_what_the_first_wrote(cls, make, fname):
    writer = make()
    expected = write_sample_file(writer, fname)
    reader = make()
    assert reader.file_exists(fname)
    assert cls.list_files(os.path.dirname(fname)) == [os.path.basename(fname)]
    reader.open_file(fname)
    check_sample_file(reader, fname, expected)


def test_memory_store_is_process_wide_and_live(tmp_path):
    fname = str(tmp_path / "live.pymem")
    first, second = MemoryConnector({}, 0, 1), MemoryConnector({}, 0, 1)
    first.create_file(fname)
    first.create_dataset(fname, "/d", "INT", (3,), {})
    second.open_file(fname)
    first.write_chunk(fname, "/d", (1,), (1,), A("INT", [5]))  # after second opened
    first.write_attribute(fname, "/d", "a", "INT", T("INT")(1))
    assert read(second, fname, "/d", (0,), (3,)).tolist() == [0, 5, 0]
    assert second.list_attributes(fname, "/d") == ["a"]
    second.delete_file(fname)
    assert not first.file_exists(fname)
    assert not MemoryConnector({}, 0, 1).file_exists(fname)


def run_python(script, *arguments, timeout=120):
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)] +
                          [str(a) for a in arguments], capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_sqlite_another_process_reads_it_back(tmp_path):
    fname = str(tmp_path / "shared.sqlite")
    writer = SQLiteConnector({}, 0, 1)
    expected = write_sample_file(writer, fname)
    writer.close_file(fname)
    result = run_python("""
        import json, sys
        import numpy as np
        from openpmd_api.connectors import SQLiteConnector
        c = SQLiteConnector({}, 0, 1)
        f = sys.argv[1]
        c.open_file(f)
        out = np.zeros((4, 4), dtype=np.float32)
        c.read_chunk(f, "/data/100/meshes/rho", (0, 0), (4, 4), out)
        dtype, value = c.read_attribute(f, "/data/100/meshes/rho", "unitDimension")
        print(json.dumps({
            "groups": c.list_groups(f, "/data/100"),
            "info": c.dataset_info(f, "/data/100/meshes/rho"),
            "data": out.tolist(),
            "chunks": c.available_chunks(f, "/data/100/meshes/rho"),
            "openPMD": c.read_attribute(f, "/", "openPMD"),
            "unitDimension": [dtype, str(value.dtype), value.tolist()],
        }))
    """, fname)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["groups"] == ["meshes", "particles"]
    assert got["info"] == ["FLOAT", [4, 4]]
    assert got["data"] == expected.tolist()
    assert covered((4, 4), got["chunks"]).tolist() == \
        covered((4, 4), [((0, 0), (2, 4)), ((1, 1), (2, 2))]).tolist()
    assert got["openPMD"] == ["STRING", "1.1.0"]
    assert got["unitDimension"] == ["ARR_DBL_7", "float64", list(range(7))]


# -------------------------------------------------------- SQLite transactions
def test_sqlite_one_transaction_per_flush(tmp_path):
    fname = str(tmp_path / "flush.sqlite")
    writer = SQLiteConnector({}, 0, 1)
    writer.create_file(fname)
    reader = SQLiteConnector({}, 0, 1)
    reader.open_file(fname)
    writer.begin_flush()
    writer.create_dataset(fname, "/d", "INT", (2,), {})
    writer.write_chunk(fname, "/d", (0,), (2,), A("INT", [1, 2]))
    writer.write_attribute(fname, "/", "a", "INT", T("INT")(1))
    assert writer.dataset_info(fname, "/d") == ("INT", (2,))   # its own changes
    assert not reader.group_exists(fname, "/d") and reader.list_datasets(fname, "/") == []
    assert reader.list_attributes(fname, "/") == []
    writer.end_flush()
    assert reader.list_datasets(fname, "/") == ["d"]
    assert read(reader, fname, "/d", (0,), (2,)).tolist() == [1, 2]
    assert reader.list_attributes(fname, "/") == ["a"]


def test_sqlite_close_file_persists_a_running_flush(tmp_path):
    fname = str(tmp_path / "close.sqlite")
    writer = SQLiteConnector({}, 0, 1)
    writer.create_file(fname)
    writer.begin_flush()
    writer.create_group(fname, "/g")
    writer.close_file(fname)
    writer.end_flush()
    reader = SQLiteConnector({}, 0, 1)
    reader.open_file(fname)
    assert reader.list_groups(fname, "/") == ["g"]


def test_sqlite_busy_timeout(tmp_path):
    fname = str(tmp_path / "busy.sqlite")
    holder = SQLiteConnector({}, 0, 1)
    holder.create_file(fname)
    holder.begin_flush()
    holder.create_group(fname, "/held")        # takes the write lock
    impatient = SQLiteConnector({"busy_timeout": 0.2}, 0, 1)
    impatient.open_file(fname)
    start = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        impatient.create_group(fname, "/waits")
    assert time.monotonic() - start >= 0.15
    holder.end_flush()
    impatient.create_group(fname, "/waits")
    assert impatient.list_groups(fname, "/") == ["held", "waits"]


def test_sqlite_rejects_foreign_files(tmp_path):
    text = tmp_path / "text.sqlite"
    text.write_text("certainly not a database " * 100)
    foreign = str(tmp_path / "foreign.sqlite")
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    conn = SQLiteConnector({}, 0, 1)
    for path in (str(text), foreign):
        with pytest.raises(ValueError, match="not a database of this connector"):
            conn.open_file(path)
    for bad in ({"journal_mode": "MEMORY"}, {"synchronous": "sometimes"},
                {"busy_timeout": -1}):
        with pytest.raises(ValueError):
            SQLiteConnector(bad, 0, 1)


@pytest.mark.parametrize("in_flush", [True, False])
def test_sqlite_an_operation_failing_halfway_is_undone(tmp_path, in_flush):
    fname = str(tmp_path / "halfway.sqlite")
    conn = SQLiteConnector({}, 0, 1)
    conn.create_file(fname)
    conn.create_dataset(fname, "/d", "INT", (4,), {})
    conn.write_chunk(fname, "/d", (1,), (2,), A("INT", [1, 2]))
    # Fault injection: storing a chunk of extent [4] fails, after write_chunk
    # has removed the older chunk that the new one covers.
    injector = sqlite3.connect(fname)
    injector.execute("CREATE TRIGGER fail BEFORE INSERT ON chunks WHEN NEW.extent = "
                     "'[4]' BEGIN SELECT RAISE(ABORT, 'injected'); END")
    injector.commit()
    injector.close()
    if in_flush:
        conn.begin_flush()
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        conn.write_chunk(fname, "/d", (0,), (4,), A("INT", [5, 6, 7, 8]))
    conn.write_attribute(fname, "/d", "after", "INT", T("INT")(1))
    if in_flush:
        conn.end_flush()
    assert read(conn, fname, "/d", (0,), (4,)).tolist() == [0, 1, 2, 0]
    assert conn.available_chunks(fname, "/d") == [((1,), (2,))]
    assert conn.list_attributes(fname, "/d") == ["after"]


CRASH_WRITER = """
    import sys, time
    import numpy as np
    from openpmd_api.connectors import SQLiteConnector
    f, mode = sys.argv[1], sys.argv[2]
    c = SQLiteConnector({"journal_mode": mode}, 0, 1)
    c.create_file(f)
    c.begin_flush()
    c.create_dataset(f, "/data/x", "DOUBLE", (1000,), {})
    c.write_chunk(f, "/data/x", (0,), (500,), np.full(500, 1.0))
    c.write_attribute(f, "/", "flushes", "INT", np.intc(1))
    c.end_flush()
    c.begin_flush()
    c.write_chunk(f, "/data/x", (500,), (500,), np.full(500, 2.0))
    c.create_group(f, "/second")
    c.write_attribute(f, "/", "flushes", "INT", np.intc(2))
    c.end_flush()
    c.begin_flush()
    c.write_attribute(f, "/", "flushes", "INT", np.intc(3))
    c.write_chunk(f, "/data/x", (0,), (1000,), np.full(1000, 3.0))
    c.delete_group(f, "/second")
    c.create_dataset(f, "/third/big", "DOUBLE", (2000000,), {})
    # 16 MB: more than SQLite's page cache, so pages reach the database file
    c.write_chunk(f, "/third/big", (0,), (2000000,), np.ones(2000000))
    print("inside the third flush", flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("journal_mode", ["DELETE", "WAL"])
def test_sqlite_killed_writer_leaves_the_last_flush(tmp_path, journal_mode):
    fname = str(tmp_path / "crash.sqlite")
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(CRASH_WRITER),
                               fname, journal_mode], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        line = writer.stdout.readline()
        assert line == "inside the third flush\n", writer.stderr.read()
        journal = fname + ("-journal" if journal_mode == "DELETE" else "-wal")
        assert os.path.getsize(journal) > 0  # the third flush reached the disk
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
        writer.stdout.close()
        writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL

    reader = SQLiteConnector({}, 0, 1)
    reader.open_file(fname)
    assert_same_attribute(reader.read_attribute(fname, "/", "flushes"), "INT",
                          np.intc(2))
    assert reader.list_groups(fname, "/") == ["data", "second"]
    assert not reader.group_exists(fname, "/third")
    assert read(reader, fname, "/data/x", (0,), (1000,)).tolist() == \
        [1.0] * 500 + [2.0] * 500
    assert sorted(reader.available_chunks(fname, "/data/x")) == \
        [((0,), (500,)), ((500,), (500,))]


# ------------------------------------------------------------- ranks (MPI)
def test_sqlite_ranks_share_a_file_in_any_order(tmp_path):
    """With size > 1, every rank makes the same metadata calls; whichever
    rank's flush comes first, no rank's chunks are lost."""
    fname = str(tmp_path / "ranks.sqlite")
    rank0, rank1 = SQLiteConnector({}, 0, 2), SQLiteConnector({}, 1, 2)
    rank0.create_file(fname)
    rank1.create_file(fname)   # after rank 0's: opens the file rank 0 made
    for step, order in enumerate([(rank1, rank0), (rank0, rank1)]):
        path = "/data/{}/x".format(step)
        for conn in order:
            conn.begin_flush()
            conn.create_group(fname, "/data/{}".format(step))
            conn.create_dataset(fname, path, "INT", (2, 3), {})
            conn.write_attribute(fname, path, "unitSI", "DOUBLE", np.float64(1.0))
            conn.write_chunk(fname, path, (conn.rank, 0), (1, 3),
                             A("INT", [[conn.rank + 1] * 3]))
            conn.end_flush()
        assert read(rank0, fname, path, (0, 0), (2, 3)).tolist() == [[1] * 3, [2] * 3]
        assert rank1.list_attributes(fname, path) == ["unitSI"]
    for conn in (rank0, rank1):  # deleting twice: the second finds nothing to do
        conn.delete_group(fname, "/data/0")
        conn.delete_dataset(fname, "/data/1/x")
        conn.delete_attribute(fname, "/data/1/x", "unitSI")
    assert rank1.list_groups(fname, "/data") == ["1"]
    rank1.delete_file(fname)   # rank 0 removes it
    assert os.path.exists(fname)
    rank0.delete_file(fname)
    assert not os.path.exists(fname)


RANK_WRITER = """
    import os, sys, time
    import numpy as np
    from openpmd_api.connectors import SQLiteConnector
    f, rank, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    c = SQLiteConnector({"busy_timeout": 60}, rank, 2)
    if rank != 0:  # stands in for the bridge: rank 0 creates the file first
        deadline = time.monotonic() + 60
        while not os.path.exists(f + ".created"):
            assert time.monotonic() < deadline
            time.sleep(0.01)
    c.create_file(f)
    if rank == 0:
        open(f + ".created", "w").close()
    for step in range(steps):
        c.begin_flush()
        c.create_group(f, "/data/%d" % step)
        c.create_dataset(f, "/data/%d/x" % step, "INT", (2, 100), {})
        c.write_attribute(f, "/data/%d" % step, "step", "INT", np.intc(step))
        c.write_chunk(f, "/data/%d/x" % step, (rank, 0), (1, 100),
                      np.full((1, 100), 10 * step + rank, dtype=np.intc))
        c.end_flush()
    c.close_file(f)
"""


def test_sqlite_concurrent_rank_processes(tmp_path):
    fname = str(tmp_path / "concurrent.sqlite")
    steps = 15
    ranks = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(RANK_WRITER),
                               fname, str(rank), str(steps)], stderr=subprocess.PIPE,
                              text=True) for rank in (1, 0)]
    for process in ranks:
        _, errors = process.communicate(timeout=240)
        assert process.returncode == 0, errors
    reader = SQLiteConnector({}, 0, 1)
    reader.open_file(fname)
    assert sorted(reader.list_groups(fname, "/data"), key=int) == \
        [str(step) for step in range(steps)]
    for step in range(steps):
        x = read(reader, fname, "/data/%d/x" % step, (0, 0), (2, 100))
        assert x.tolist() == [[10 * step] * 100, [10 * step + 1] * 100], step
        assert reader.read_attribute(fname, "/data/%d" % step, "step")[1] == step
