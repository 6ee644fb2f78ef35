"""Datasets: every numpy dtype in both directions, constants, empty datasets,
non-contiguous and foreign-byte-order arrays, buffer lifetime, chunk errors."""
import gc

import numpy as np
import pytest

import openpmd_api as io

DATASET_DTYPES = [np.int8, np.uint8, np.int16, np.uint16, np.int32, np.uint32,
                  np.int64, np.uint64, np.longlong, np.ulonglong, np.float32,
                  np.float64, np.longdouble, np.complex64, np.complex128,
                  np.clongdouble]


def sample(dtype, shape=(3, 4)):
    """Distinct values of `dtype`, including the type's extremes where they fit."""
    n = int(np.prod(shape))
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        values = np.arange(n, dtype=dtype)
        values[0] = info.min
        values[-1] = info.max
    elif np.issubdtype(dtype, np.complexfloating):
        values = (np.arange(n) * 0.5 - 1j * np.arange(n)).astype(dtype)
    else:
        values = (np.arange(n) * 0.25 - 1).astype(dtype)
    return values.reshape(shape)


@pytest.mark.parametrize("dtype", DATASET_DTYPES, ids=lambda t: np.dtype(t).name)
def test_every_dtype_round_trips(path, dtype):
    data = sample(dtype)
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["field"]["x"]
        rc.reset_dataset(io.Dataset(data.dtype, data.shape))
        assert rc.dtype == np.dtype(dtype)
        rc.store_chunk(data, [0, 0], [3, 4])
    with io.Series(path, io.Access.read_only) as series:
        rc = series.iterations[0].meshes["field"]["x"]
        assert rc.shape == [3, 4]
        assert rc.ndim == 2
        # Same kind and size (int64 may come back as long long from HDF5).
        assert rc.dtype.kind == np.dtype(dtype).kind
        assert rc.dtype.itemsize == np.dtype(dtype).itemsize
        loaded = rc.load_chunk()
        series.flush()
        assert loaded.shape == (3, 4)
        np.testing.assert_array_equal(loaded, data)


def test_store_chunk_defaults_and_blocks(path):
    full = np.arange(20, dtype=np.float64).reshape(4, 5)
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].particles["e"]["position"]["x"]
        rc.reset_dataset(io.Dataset(np.float64, [4, 5]))
        rc.store_chunk(full[:2].copy())  # offset 0, extent = shape
        rc.store_chunk(full[2:].copy(), [2, 0], [2, 5])
    with io.Series(path, io.Access.read_only) as series:
        rc = series.iterations[0].particles["e"]["position"]["x"]
        block = rc.load_chunk([1, 1], [2, 3])
        rest = rc.load_chunk([3, 0])
        series.flush()
        np.testing.assert_array_equal(block, full[1:3, 1:4])
        np.testing.assert_array_equal(rest, full[3:])


def test_store_keeps_the_array_alive_until_flush(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(np.int32, [1000]))
        rc.store_chunk(np.arange(1000, dtype=np.int32) * 3)  # no other reference
        gc.collect()
        np.zeros(100000)  # reuse freed memory if the array were gone
        series.flush()
    with io.Series(path, io.Access.read_only) as series:
        loaded = series.iterations[0].meshes["rho"].load_chunk()
        series.flush()
        np.testing.assert_array_equal(loaded, np.arange(1000, dtype=np.int32) * 3)


def test_non_contiguous_and_byte_swapped_arrays_are_copied_once(path):
    base = np.arange(48, dtype=np.float64).reshape(6, 8)
    strided = base[::2, ::2]  # 3x4, not contiguous
    fortran = np.asfortranarray(base[:3, :4])
    swapped = base[3:, 4:].astype(">f8")  # big-endian
    with io.Series(path, io.Access.create) as series:
        mesh = series.iterations[0].meshes["E"]
        for name, array in [("x", strided), ("y", fortran), ("z", swapped)]:
            mesh[name].reset_dataset(io.Dataset(np.float64, [3, 4]))
            mesh[name].store_chunk(array)
        # The caller may change its array after the store: the copy is written.
        strided[...] = -1
    with io.Series(path, io.Access.read_only) as series:
        mesh = series.iterations[0].meshes["E"]
        x, y, z = (mesh[n].load_chunk() for n in "xyz")
        series.flush()
        np.testing.assert_array_equal(x, np.arange(48.).reshape(6, 8)[::2, ::2])
        np.testing.assert_array_equal(y, np.arange(48.).reshape(6, 8)[:3, :4])
        np.testing.assert_array_equal(z, np.arange(48.).reshape(6, 8)[3:, 4:])


def test_constants_and_empty(path):
    with io.Series(path, io.Access.create) as series:
        species = series.iterations[0].particles["e"]
        species["charge"][io.Record_Component.SCALAR].make_constant(-1.5)
        species["mass"].reset_dataset(io.Dataset(np.float32, [5]))
        species["mass"].make_constant(2)  # converted to the declared float32
        species["id"].make_empty(np.uint64, 1)
        species["weighting"].reset_dataset(io.Dataset(np.int16, [2, 2]))
        species["weighting"].make_constant(np.int16(7))
    with io.Series(path, io.Access.read_only) as series:
        species = series.iterations[0].particles["e"]
        charge = species["charge"]
        assert charge.scalar and charge.constant
        assert charge.get_attribute("value") == -1.5
        mass = species["mass"]
        assert mass.constant and mass.shape == [5]
        assert mass.dtype == np.float32
        assert species["id"].empty and species["id"].shape == [0]
        assert species["id"].dtype == np.uint64
        weights = species["weighting"].load_chunk()
        masses = species["mass"][1:3]
        series.flush()
        np.testing.assert_array_equal(weights, np.full((2, 2), 7, dtype=np.int16))
        np.testing.assert_array_equal(masses, np.full(2, 2, dtype=np.float32))
        assert species["id"].load_chunk().shape == (0,)


def test_chunk_errors(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["E"]["x"]
        rc.reset_dataset(io.Dataset(np.float64, [4]))
        with pytest.raises(io.ErrorWrongAPIUsage, match="out of the dataset's bounds"):
            rc.store_chunk(np.zeros(3), [2], [3])
        with pytest.raises(io.ErrorWrongAPIUsage, match="declared as DOUBLE"):
            rc.store_chunk(np.zeros(4, dtype=np.float32))
        with pytest.raises(ValueError, match="3 elements"):
            rc.store_chunk(np.zeros(3), [0], [4])
        with pytest.raises(TypeError, match="bool"):
            rc.store_chunk(np.zeros(4, dtype=bool))
        with pytest.raises(io.ErrorWrongAPIUsage, match="rank"):
            rc.store_chunk(np.zeros((2, 2)))
        rc.store_chunk(np.ones(4))
        empty_rc = series.iterations[0].meshes["B"]["x"]
        with pytest.raises(io.ErrorWrongAPIUsage, match="resetDataset"):
            empty_rc.store_chunk(np.zeros(4))


def test_extend_a_resizable_dataset(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].particles["e"]["id"][io.Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(np.uint32, [2], '{"resizable": true}'))
        rc.store_chunk(np.array([1, 2], dtype=np.uint32))
        series.flush()
        rc.reset_dataset(io.Dataset([5]))
        rc[2:5] = np.array([3, 4, 5], dtype=np.uint32)
    with io.Series(path, io.Access.read_only) as series:
        rc = series.iterations[0].particles["e"]["id"]
        assert rc.shape == [5]
        ids = rc.load_chunk()
        series.flush()
        np.testing.assert_array_equal(ids, np.arange(1, 6, dtype=np.uint32))


def test_available_chunks(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(np.float64, [4, 4]))
        rc.store_chunk(np.ones((4, 4)))
    with io.Series(path, io.Access.read_only) as series:
        chunks = series.iterations[0].meshes["rho"].available_chunks()
        assert len(chunks) >= 1
        covered = sum(int(np.prod(c.extent)) for c in chunks)
        assert covered == 16
        assert all(len(c.offset) == 2 for c in chunks)


def test_span_api_buffer_is_written_at_flush(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["E"]["x"]
        rc.reset_dataset(io.Dataset(np.uint16, [2, 3]))
        view = rc.store_chunk([0, 0], [2, 3])
        assert isinstance(view, io.Dynamic_Memory_View)
        buffer = view.current_buffer()
        assert buffer.shape == (2, 3) and buffer.dtype == np.uint16
        buffer[...] = np.arange(6, dtype=np.uint16).reshape(2, 3)  # filled after the call
    with io.Series(path, io.Access.read_only) as series:
        loaded = series.iterations[0].meshes["E"]["x"].load_chunk()
        series.flush()
        np.testing.assert_array_equal(loaded, np.arange(6).reshape(2, 3))


def test_loading_without_a_dataset_names_the_object(path):
    with io.Series(path, io.Access.create) as series:
        E = series.iterations[0].meshes["E"]
        E["x"].reset_dataset(io.Dataset(np.float64, [2]))
        E["x"].store_chunk(np.zeros(2))
        with pytest.raises(io.ErrorWrongAPIUsage, match="/data/0/meshes/E' in .* no dataset"):
            E.load_chunk()
        with pytest.raises(io.ErrorWrongAPIUsage, match="no dataset"):
            E["y"][0:1]
        with pytest.raises(io.ErrorWrongAPIUsage, match="record with components"):
            E.store_chunk(np.zeros(2))


def test_same_size_integer_types_are_accepted(path):
    """numpy's int64 is C long; a LONGLONG dataset takes it (same kind and size)."""
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].particles["e"]["id"][io.Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(io.Datatype.LONGLONG, [3]))
        rc.store_chunk(np.array([-1, 0, 2**62], dtype=np.int64))
    with io.Series(path, io.Access.read_only) as series:
        ids = series.iterations[0].particles["e"]["id"].load_chunk()
        series.flush()
        np.testing.assert_array_equal(ids, [-1, 0, 2**62])


def test_load_into_a_preallocated_buffer(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["E"]["x"]
        rc.reset_dataset(io.Dataset(np.float32, [4]))
        rc.store_chunk(np.arange(4, dtype=np.float32))
    with io.Series(path, io.Access.read_only) as series:
        rc = series.iterations[0].meshes["E"]["x"]
        buffer = np.zeros(2, dtype=np.float32)
        rc.load_chunk(buffer, [1], [2])
        with pytest.raises(TypeError, match="float64"):
            rc.load_chunk(np.zeros(2), [1], [2])
        with pytest.raises(ValueError, match="C-contiguous"):
            rc.load_chunk(np.zeros(4, dtype=np.float32)[::2], [1], [2])
        with pytest.raises(ValueError, match="3 elements"):
            rc.load_chunk(np.zeros(3, dtype=np.float32), [1], [2])
        series.flush()
        np.testing.assert_array_equal(buffer, [1, 2])
