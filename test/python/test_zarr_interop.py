"""Zarr backend interoperability with zarr-python 2.13 and xarray (Debian's
python3-zarr, python3-xarray): zarr-python reads every array and attribute
libopenPMD writes, libopenPMD reads a hierarchy zarr-python writes in the
openPMD layout, xarray opens a mesh as a dataset."""
import math

import numpy as np
import pytest

import openpmd_api as io

zarr = pytest.importorskip("zarr")
numcodecs = pytest.importorskip("numcodecs")

DTYPES = {
    np.int8: "|i1", np.uint8: "|u1", np.int16: "<i2", np.uint16: "<u2",
    np.int32: "<i4", np.uint32: "<u4", np.int64: "<i8", np.uint64: "<u8",
    np.float32: "<f4", np.float64: "<f8", np.longdouble: "<f16",
    np.complex64: "<c8", np.complex128: "<c16", np.clongdouble: "<c32",
}


def sample(dtype, shape):
    n = int(np.prod(shape))
    if np.issubdtype(dtype, np.integer):
        values = np.arange(n, dtype=dtype)
        values[0] = np.iinfo(dtype).min
        values[-1] = np.iinfo(dtype).max
    elif np.issubdtype(dtype, np.complexfloating):
        values = (np.arange(n) * 0.5 - 1j * np.arange(n)).astype(dtype)
    else:
        values = (np.arange(n) / 3.0 - 1).astype(dtype)
    return values.reshape(shape)


def write_mesh_series(path, options="{}"):
    """Iteration 100 with a 2-D vector mesh E (axes y, x) and 5 electrons."""
    values = {}
    with io.Series(path, io.Access.create, options) as series:
        it = series.iterations[100]
        it.time = 0.5
        E = it.meshes["E"]
        E.axis_labels = ["y", "x"]
        E.grid_spacing = [0.5, 0.25]
        for i, axis in enumerate("xyz"):
            data = np.arange(20.0).reshape(4, 5) + 100 * i
            values[axis] = data
            E[axis].reset_dataset(io.Dataset(data.dtype, data.shape,
                                             '{"zarr": {"dataset": {"chunks": [3, 2]}}}'))
            E[axis].store_chunk(data)
        rho = it.meshes["rho"]
        rho.axis_labels = ["y", "x"]
        values["rho"] = np.arange(6.0).reshape(2, 3)
        rho[io.Mesh_Record_Component.SCALAR].reset_dataset(
            io.Dataset(np.float64, [2, 3]))
        rho[io.Mesh_Record_Component.SCALAR].store_chunk(values["rho"])
        pos = it.particles["e"]["position"]["x"]
        pos.reset_dataset(io.Dataset(np.float64, [5]))
        pos.store_chunk(np.linspace(0, 1, 5))
        ids = it.particles["e"]["id"][io.Record_Component.SCALAR]
        ids.reset_dataset(io.Dataset(np.uint64, [5]))
        ids.store_chunk(np.arange(5, dtype=np.uint64))
    return values


@pytest.mark.parametrize("dtype", list(DTYPES), ids=lambda t: np.dtype(t).name)
def test_zarr_python_reads_every_dataset_type(tmp_path, dtype):
    path = str(tmp_path / "types.zarr")
    data = sample(dtype, (5, 3))
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["m"]["x"]
        rc.reset_dataset(io.Dataset(data.dtype, data.shape,
                                    '{"zarr": {"dataset": {"chunks": [2, 2]}}}'))
        rc.store_chunk(data)
    array = zarr.open(path, mode="r")["data/0/meshes/m/x"]
    assert array.dtype.str == DTYPES[dtype]
    assert array.chunks == (2, 2)
    np.testing.assert_array_equal(array[...], data)


def test_zarr_python_reads_every_attribute(tmp_path):
    path = str(tmp_path / "attrs.zarr")
    values = {
        "a_char": ("c", io.Datatype.CHAR, ord("c")),
        "a_uchar": (200, io.Datatype.UCHAR, 200),
        "a_short": (-7, io.Datatype.SHORT, -7),
        "a_uint": (4000000000, io.Datatype.UINT, 4000000000),
        "a_ulonglong": (2**64 - 1, io.Datatype.ULONGLONG, 2**64 - 1),
        "a_float": (0.1, io.Datatype.FLOAT, 0.1),  # shortest digits of the float
        "a_double": (1e-300, io.Datatype.DOUBLE, 1e-300),
        "a_long_double": (0.5, io.Datatype.LONG_DOUBLE, 0.5),
        "a_cdouble": (1.5 - 2j, io.Datatype.CDOUBLE, [1.5, -2.0]),
        "a_string": ("text ü", io.Datatype.STRING, "text ü"),
        "a_bool": (True, io.Datatype.BOOL, True),
        "a_vec_int": ([1, -2, 3], io.Datatype.VEC_INT, [1, -2, 3]),
        "a_vec_double": ([0.25, 1e10], io.Datatype.VEC_DOUBLE, [0.25, 1e10]),
        "a_vec_string": (["a", "bc"], io.Datatype.VEC_STRING, ["a", "bc"]),
        "a_inf": (math.inf, io.Datatype.FLOAT, math.inf),
        "a_minus_inf": (-math.inf, io.Datatype.LONG_DOUBLE, -math.inf),
    }
    with io.Series(path, io.Access.create) as series:
        for name, (value, dtype, _) in values.items():
            series.set_attribute(name, value, dtype)
        series.iterations[1].time = 2.5
        series.set_attribute("a_nan", math.nan, io.Datatype.DOUBLE)
    group = zarr.open(path, mode="r")
    for name, (_, _, expected) in values.items():
        assert group.attrs[name] == expected, name
    assert math.isnan(group.attrs["a_nan"])  # a float, as zarr-python writes it
    assert group.attrs["openPMD"] == "1.1.0"
    assert group.attrs["basePath"] == "/data/%T/"
    assert group["data/1"].attrs["time"] == 2.5
    # and they come back with their openPMD types
    with io.Series(path, io.Access.read_only) as series:
        dtypes = series.attribute_dtypes
        for name, (value, dtype, _) in values.items():
            assert dtypes[name] == dtype, name
        assert dtypes["a_nan"] == io.Datatype.DOUBLE
        assert math.isnan(series.get_attribute("a_nan"))
        assert series.get_attribute("a_minus_inf") == -math.inf
        assert series.get_attribute("a_inf") == math.inf
        assert series.get_attribute("a_ulonglong") == 2**64 - 1


@pytest.mark.parametrize("compressor", [
    '{"id": "zlib", "level": 5}', '"zstd"',
    '{"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1}'])
def test_zarr_python_reads_compressed_chunks(tmp_path, compressor):
    path = str(tmp_path / "compressed.zarr")
    data = np.sin(np.arange(3000.0) / 100)
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(data.dtype, data.shape,
                                    '{"zarr": {"dataset": {"chunks": [1000], '
                                    '"compressor": %s}}}' % compressor))
        rc.store_chunk(data)
    array = zarr.open(path, mode="r")["data/0/meshes/rho"]
    assert array.compressor is not None
    np.testing.assert_array_equal(array[...], data)


def test_consolidated_metadata_lists_the_series(tmp_path):
    path = str(tmp_path / "series.zarr")
    values = write_mesh_series(path)
    group = zarr.open_consolidated(path, mode="r")
    np.testing.assert_array_equal(group["data/100/meshes/E/y"][...], values["y"])
    assert group["data/100/meshes/E"].attrs["axisLabels"] == ["y", "x"]


def test_partial_writes_and_fill_value(tmp_path):
    path = str(tmp_path / "partial.zarr")
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(np.float64, [10],
                                    '{"zarr": {"dataset": {"chunks": [4]}}}'))
        rc.store_chunk(np.array([1.0, 2.0]), [1], [2])
        series.flush()
        rc.store_chunk(np.array([3.0]), [3], [1])
    array = zarr.open(path, mode="r")["data/0/meshes/rho"]
    got = array[...]
    np.testing.assert_array_equal(got[1:4], [1.0, 2.0, 3.0])
    assert np.isnan(got[0]) and np.isnan(got[4:]).all()
    assert array.nchunks_initialized == 1


def test_xarray_opens_a_mesh(tmp_path):
    xarray = pytest.importorskip("xarray")
    path = str(tmp_path / "xr.zarr")
    values = write_mesh_series(path)
    ds = xarray.open_zarr(path, group="data/100/meshes/E")
    assert set(ds.data_vars) == {"x", "y", "z"}
    for axis in "xyz":
        # the labels y, x name components of E too: xarray needs other names
        assert ds[axis].dims == ("y_axis", "x_axis")
        np.testing.assert_array_equal(ds[axis].values, values[axis])
    # a scalar mesh is an array of the meshes group, with its own labels
    meshes = xarray.open_zarr(path, group="data/100/meshes")
    assert meshes["rho"].dims == ("y", "x")
    np.testing.assert_array_equal(meshes["rho"].values, values["rho"])
    particles = xarray.open_zarr(path, group="data/100/particles/e/position")
    assert particles["x"].dims == ("e_particles",)
    np.testing.assert_array_equal(particles["x"].values, np.linspace(0, 1, 5))


def write_openpmd_layout_with_zarr_python(path, compressor):
    root = zarr.open_group(path, mode="w")
    root.attrs.update({
        "openPMD": "1.1.0", "openPMDextension": 0, "basePath": "/data/%T/",
        "meshesPath": "meshes/", "particlesPath": "particles/",
        "iterationEncoding": "groupBased", "iterationFormat": "/data/%T/"})
    it = root.create_group("data").create_group("7")
    it.attrs.update({"time": 1.5, "dt": 0.5, "timeUnitSI": 1.0})
    meshes = it.create_group("meshes")
    rho_values = np.arange(30, dtype=np.float32).reshape(5, 6)
    rho = meshes.create_dataset("rho", data=rho_values, chunks=(2, 4),
                                compressor=compressor)
    rho.attrs.update({
        "geometry": "cartesian", "dataOrder": "C", "axisLabels": ["y", "x"],
        "gridSpacing": [1.0, 1.0], "gridGlobalOffset": [0.0, 0.0], "gridUnitSI": 1.0,
        "unitDimension": [0.0] * 7, "timeOffset": 0.0, "position": [0.0, 0.0],
        "unitSI": 1.0})
    ids = np.arange(4, dtype=np.int64) * 10
    e = it.create_group("particles").create_group("e")
    rec = e.create_dataset("id", data=ids, chunks=(3,), compressor=compressor)
    rec.attrs.update({"unitDimension": [0.0] * 7, "timeOffset": 0.0, "unitSI": 1.0})
    return rho_values, ids


@pytest.mark.parametrize("compressor", [None, "zlib", "blosc"])
def test_reads_a_hierarchy_zarr_python_writes(tmp_path, compressor):
    path = str(tmp_path / "foreign.zarr")
    codec = {None: None, "zlib": numcodecs.Zlib(level=3),
             "blosc": numcodecs.Blosc(cname="zstd", clevel=3)}[compressor]
    rho_values, ids = write_openpmd_layout_with_zarr_python(path, codec)
    with io.Series(path, io.Access.read_only) as series:
        assert list(series.iterations) == [7]
        it = series.iterations[7]
        assert it.time == 1.5
        rho = it.meshes["rho"]
        assert rho.axis_labels == ["y", "x"]
        got = rho[io.Mesh_Record_Component.SCALAR].load_chunk()
        got_ids = it.particles["e"]["id"][io.Record_Component.SCALAR].load_chunk()
        series.flush()
        np.testing.assert_array_equal(got, rho_values)
        np.testing.assert_array_equal(got_ids, ids)


def test_clear_error_for_a_hierarchy_that_is_not_openpmd(tmp_path):
    path = str(tmp_path / "plain.zarr")
    root = zarr.open_group(path, mode="w")
    root.attrs["title"] = "an ordinary Zarr group"
    root.create_dataset("values", data=np.arange(3))
    with pytest.raises(Exception) as info:
        io.Series(path, io.Access.read_only)
    assert "openPMD" in str(info.value)
