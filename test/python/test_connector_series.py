"""Series through Python connectors: openpmd_api.register_connector and the
C++ bridge (docs/python-connectors.md), for both shipped connectors."""
import sqlite3

import numpy as np
import pytest

import openpmd_api as io
from openpmd_api.connectors import MemoryConnector, SQLiteConnector
from openpmd_api.connectors.datatypes import DATATYPES, DATASET_DATATYPES

D = io.Datatype
io.register_connector(MemoryConnector)
io.register_connector(SQLiteConnector)
CLASSES = {"pymem": MemoryConnector, "sqlite": SQLiteConnector}


@pytest.fixture(params=sorted(CLASSES))
def cext(request):
    """The extension of a shipped connector."""
    return request.param


@pytest.fixture
def cpath(tmp_path, cext):
    return str(tmp_path / "sub" / ("series." + cext))


# One value per attribute Datatype (all 38), set with that Datatype.
LD = np.longdouble(1) / np.longdouble(3)
ATTRIBUTES = {
    "CHAR": 99, "UCHAR": 200, "SCHAR": -5, "SHORT": -300, "INT": -70000,
    "LONG": -2**40, "LONGLONG": -2**62, "USHORT": 60000, "UINT": 4000000000,
    "ULONG": 2**63 + 1, "ULONGLONG": 2**64 - 1, "FLOAT": 0.25, "DOUBLE": 1e-300,
    "LONG_DOUBLE": LD, "CFLOAT": 1 + 2j, "CDOUBLE": 3 - 4j,
    "CLONG_DOUBLE": np.clongdouble(complex(0.5, 0.25)) + LD,
    "STRING": "h\u00e9llo openPMD",
    "VEC_CHAR": [97, -98], "VEC_SHORT": [-1, 2], "VEC_INT": [-3, 4],
    "VEC_LONG": [-5, 6], "VEC_LONGLONG": [-7, 8], "VEC_UCHAR": [1, 255],
    "VEC_USHORT": [3, 65535], "VEC_UINT": [5, 6], "VEC_ULONG": [7, 2**64 - 1],
    "VEC_ULONGLONG": [9, 10], "VEC_FLOAT": [0.5, -1.5], "VEC_DOUBLE": [0.1, 0.2],
    "VEC_LONG_DOUBLE": [LD, -LD], "VEC_CFLOAT": [1j, 2], "VEC_CDOUBLE": [1 + 1j],
    "VEC_CLONG_DOUBLE": [np.clongdouble(0.5j) + LD], "VEC_SCHAR": [-1, 2],
    "VEC_STRING": ["a", "", "bc"], "ARR_DBL_7": [1.0, 2, 3, 4, 5, 6, 7.5],
    "BOOL": True,
}
assert sorted(ATTRIBUTES) == sorted(DATATYPES)


def dataset_dtype(name):
    return io.to_numpy_dtype(getattr(D, name))


def write_everything(series):
    iteration = series.iterations[0]
    for name, value in ATTRIBUTES.items():
        iteration.set_attribute("a_" + name, value, getattr(D, name))
    iteration.set_attribute("empty_vec", np.array([], dtype=np.int32))
    for name in DATASET_DATATYPES:
        rc = iteration.meshes["m_" + name]
        rc.reset_dataset(io.Dataset(getattr(D, name), [3, 4]))
        data = (np.arange(12).reshape(3, 4) % 7 + 1).astype(dataset_dtype(name))
        rc.store_chunk(np.ascontiguousarray(data[0:2, 0:2]), [0, 0], [2, 2])
        rc.store_chunk(np.ascontiguousarray(data[1:3, 2:4]), [1, 2], [2, 2])
    e = iteration.particles["e"]
    for axis, values in zip("xyz", ([1.0, 2, 3], [4.0, 5, 6], [7.0, 8, 9])):
        e["position"][axis].reset_dataset(io.Dataset(np.float64, [3]))
        e["position"][axis].store_chunk(np.array(values))
        e["positionOffset"][axis].reset_dataset(io.Dataset(np.float64, [3]))
        e["positionOffset"][axis].make_constant(0.5)
    e["id"].make_empty(np.uint64, 1)


def check_everything(series):
    iteration = series.iterations[0]
    dtypes = iteration.attribute_dtypes
    for name, value in ATTRIBUTES.items():
        key = "a_" + name
        assert dtypes[key] == getattr(D, name), key
        got = iteration.get_attribute(key)
        assert got == value, (key, got, value)
    assert iteration.get_attribute("empty_vec") == []
    for name in DATASET_DATATYPES:
        rc = iteration.meshes["m_" + name]
        assert rc.dtype == dataset_dtype(name), name
        assert rc.shape == [3, 4]
        got = rc.load_chunk()
        part = rc.load_chunk([1, 1], [2, 3])
        series.flush()
        expected = (np.arange(12).reshape(3, 4) % 7 + 1).astype(dataset_dtype(name))
        expected[0, 2:4] = 0
        expected[2, 0:2] = 0
        assert got.dtype == dataset_dtype(name)
        np.testing.assert_array_equal(got, expected)
        np.testing.assert_array_equal(part, expected[1:3, 1:4])
        chunks = sorted((tuple(c.offset), tuple(c.extent))
                        for c in rc.available_chunks())
        assert chunks == [((0, 0), (2, 2)), ((1, 2), (2, 2))]
    e = iteration.particles["e"]
    x = e["position"]["z"].load_chunk()
    series.flush()
    np.testing.assert_array_equal(x, [7.0, 8, 9])
    assert e["positionOffset"]["y"].constant
    offset = e["positionOffset"]["y"].load_chunk()
    series.flush()
    np.testing.assert_array_equal(offset, [0.5] * 3)
    assert e["id"].empty
    assert e["id"].shape == [0]


def test_round_trip_group_based(cpath, cext):
    series = io.Series(cpath, io.Access.create)
    assert series.backend == CLASSES[cext].name
    write_everything(series)
    series.close()
    reader = io.Series(cpath, io.Access.read_only)
    assert reader.backend == CLASSES[cext].name
    check_everything(reader)
    reader.close()


def test_attributes_arrive_with_exact_dtypes(cpath, cext):
    series = io.Series(cpath, io.Access.create)
    write_everything(series)
    series.close()
    connector = CLASSES[cext]({}, 0, 1)
    connector.open_file(cpath)
    for name in DATATYPES:
        dtype, _ = connector.read_attribute(cpath, "/data/0", "a_" + name)
        assert dtype == name
    dtype, value = connector.read_attribute(cpath, "/data/0", "a_LONG_DOUBLE")
    assert type(value) is np.longdouble and value == LD
    assert connector.dataset_info(cpath, "/data/0/meshes/m_ULONG") == ("ULONG", (3, 4))
    connector.close_file(cpath)


def test_file_based(tmp_path, cext):
    pattern = str(tmp_path / ("data_%03T." + cext))
    series = io.Series(pattern, io.Access.create)
    for index in (1, 20):
        rc = series.iterations[index].meshes["rho"]
        rc.reset_dataset(io.Dataset(np.int32, [2]))
        rc.store_chunk(np.array([index, -index], dtype=np.int32))
        series.iterations[index].close()
    series.close()
    assert CLASSES[cext].list_files(str(tmp_path)) == [
        "data_001." + cext, "data_020." + cext]
    reader = io.Series(pattern, io.Access.read_only)
    assert reader.iteration_encoding == io.Iteration_Encoding.file_based
    assert list(reader.iterations) == [1, 20]
    for index in (1, 20):
        got = reader.iterations[index].meshes["rho"].load_chunk()
        reader.flush()
        np.testing.assert_array_equal(got, [index, -index])
    reader.close()


def test_backend_option_and_connector_options(tmp_path):
    path = str(tmp_path / "opts.sqlite")
    series = io.Series(path, io.Access.create,
                       '{"backend": "pysqlite", "pysqlite": {"journal_mode": "WAL"}}')
    assert series.backend == "pysqlite"
    series.iterations[0].set_attribute("x", 1)
    series.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    with pytest.raises(io.ErrorBackendConfigSchema, match="no_such_option"):
        io.Series(str(tmp_path / "bad.sqlite"), io.Access.create,
                  '{"pysqlite": {"no_such_option": 1}}')


def test_a_missing_file_is_a_read_error(tmp_path, cext):
    with pytest.raises(io.ErrorReadError) as failure:
        io.Series(str(tmp_path / ("missing." + cext)), io.Access.read_only)
    assert "open_file" in str(failure.value)
    assert "FileNotFoundError" in str(failure.value)


def test_registering_a_name_twice_fails():
    with pytest.raises(io.ErrorWrongAPIUsage, match="pymemory.*registered already"):
        io.register_connector(MemoryConnector)


def test_a_class_missing_a_method_is_refused(tmp_path):
    class Incomplete(MemoryConnector):
        name = "pyincomplete"
        extensions = ["incomplete"]
        write_chunk = None

    with pytest.raises(TypeError, match="write_chunk"):
        io.register_connector(Incomplete)
    # Nothing was registered: the extension names no backend.
    with pytest.raises(io.Error):
        io.Series(str(tmp_path / "x.incomplete"), io.Access.create)
    assert not list(tmp_path.iterdir())


class ZeroCopyConnector(MemoryConnector):
    name = "pyzerocopy"
    extensions = ["zc"]
    seen = []

    def write_chunk(self, file, path, offset, extent, data):
        type(self).seen.append(("write", data.flags.owndata, data.base is not None,
                                data.flags.writeable, data.dtype))
        super().write_chunk(file, path, offset, extent, data)

    def read_chunk(self, file, path, offset, extent, out):
        type(self).seen.append(("read", out.flags.owndata, out.base is not None,
                                out.flags.writeable, out.dtype))
        super().read_chunk(file, path, offset, extent, out)


def test_chunks_are_passed_without_copies(tmp_path):
    io.register_connector(ZeroCopyConnector)
    path = str(tmp_path / "views.zc")
    series = io.Series(path, io.Access.create)
    rc = series.iterations[0].meshes["rho"]
    rc.reset_dataset(io.Dataset(np.float32, [4]))
    source = np.arange(4, dtype=np.float32)
    rc.store_chunk(source)
    series.flush()
    target = np.zeros(4, dtype=np.float32)
    rc.load_chunk(target, [0], [4])
    series.flush()
    series.close()
    np.testing.assert_array_equal(target, source)
    assert ZeroCopyConnector.seen == [
        ("write", False, True, False, np.float32),
        ("read", False, True, True, np.float32)]


def test_the_write_path_hands_over_the_callers_buffer(tmp_path):
    """No copy on the write path: with check_zero_copy the MemoryConnector
    checks each `data` (a read-only view numpy does not own) and records its
    address, which is the address of the array given to store_chunk."""
    MemoryConnector.zero_copy_addresses.clear()
    options = '{"pymemory": {"check_zero_copy": true}}'
    series = io.Series(str(tmp_path / "zc.pymem"), io.Access.create, options)
    rc = series.iterations[0].meshes["rho"]
    rc.reset_dataset(io.Dataset(np.float64, [2, 8]))
    rows = [np.arange(8, dtype=np.float64) + 10 * r for r in range(2)]
    for r, row in enumerate(rows):
        rc.store_chunk(row.reshape(1, 8), [r, 0], [1, 8])
    series.flush()
    assert MemoryConnector.zero_copy_addresses == [row.ctypes.data for row in rows]
    out = rc.load_chunk()
    series.flush()
    np.testing.assert_array_equal(out, np.stack(rows))
    series.close()


def test_the_zero_copy_check_refuses_a_copy():
    c = MemoryConnector({"check_zero_copy": True}, 0, 1)
    c.create_file("zc_refused.pymem")
    c.create_dataset("zc_refused.pymem", "/d", "DOUBLE", (4,), {})
    owning = np.ones(4)
    owning.flags.writeable = False
    with pytest.raises(TypeError, match="not a read-only view of the caller's buffer"):
        c.write_chunk("zc_refused.pymem", "/d", (0,), (4,), owning)
    with pytest.raises(ValueError, match="unknown options"):
        MemoryConnector({"check_zero_copy": True, "other": 1}, 0, 1)
    c.delete_file("zc_refused.pymem")


class FlakyConnector(MemoryConnector):
    name = "pyflaky"
    extensions = ["flaky"]
    fail = True

    def write_chunk(self, file, path, offset, extent, data):
        if type(self).fail:
            raise OSError("the disk is on fire")
        super().write_chunk(file, path, offset, extent, data)


def test_a_failing_write_is_reported_and_retried(tmp_path):
    io.register_connector(FlakyConnector)
    path = str(tmp_path / "flaky.flaky")
    series = io.Series(path, io.Access.create)
    rc = series.iterations[0].meshes["rho"]
    rc.reset_dataset(io.Dataset(np.float64, [3]))
    rc.store_chunk(np.array([1.0, 2, 3]))
    with pytest.raises(io.ErrorWriteError) as failure:
        series.flush()
    message = str(failure.value)
    for part in ("FlakyConnector", "write_chunk", path, "/data/0/meshes/rho",
                 "OSError", "the disk is on fire"):
        assert part in message, (part, message)
    FlakyConnector.fail = False
    series.flush()
    series.close()
    reader = io.Series(path, io.Access.read_only)
    got = reader.iterations[0].meshes["rho"].load_chunk()
    reader.flush()
    np.testing.assert_array_equal(got, [1.0, 2, 3])
    reader.close()


class WrongDtypeConnector(MemoryConnector):
    name = "pywrongdtype"
    extensions = ["wrongdtype"]

    def dataset_info(self, file, path):
        _, extent = super().dataset_info(file, path)
        return "FLOATY", extent


def test_a_wrong_dtype_from_dataset_info_is_a_read_error(tmp_path):
    io.register_connector(WrongDtypeConnector)
    path = str(tmp_path / "bad.wrongdtype")
    series = io.Series(path, io.Access.create)
    rc = series.iterations[0].meshes["rho"]
    rc.reset_dataset(io.Dataset(np.float64, [3]))
    rc.store_chunk(np.array([1.0, 2, 3]))
    series.close()
    with pytest.raises(io.ErrorReadError) as failure:
        reader = io.Series(path, io.Access.read_only)
        reader.iterations[0].meshes["rho"].load_chunk()
        reader.flush()
    message = str(failure.value)
    assert "dataset_info" in message and "FLOATY" in message, message


class KeepingConnector(MemoryConnector):
    name = "pykeeping"
    extensions = ["keeping"]
    kept = []

    def write_chunk(self, file, path, offset, extent, data):
        super().write_chunk(file, path, offset, extent, data)
        type(self).kept.append(data)          # a protocol violation


def test_keeping_the_data_view_is_reported(tmp_path):
    io.register_connector(KeepingConnector)
    series = io.Series(str(tmp_path / "k.keeping"), io.Access.create)
    rc = series.iterations[0].meshes["rho"]
    rc.reset_dataset(io.Dataset(np.float64, [2]))
    rc.store_chunk(np.array([1.0, 2]))
    with pytest.raises(io.ErrorWriteError, match="kept a reference to `data`"):
        series.flush()
    KeepingConnector.kept.clear()
