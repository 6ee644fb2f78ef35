"""openPMD-api's Python API points that scripts written for it rely on
(its test/python/unittest/API/APITest.py is the yardstick), on every backend."""
import pickle

import numpy as np
import pytest

import openpmd_api as io


def test_bytes_attributes(path):
    with io.Series(path, io.Access.create) as series:
        series.set_attribute("blob", b"bytes")
        series.set_attribute("one", b"x")
        series.iterations[0]
    with io.Series(path, io.Access.read_only) as series:
        blob = series.get_attribute("blob")
        assert bytes(blob) == b"bytes"
        assert blob == [98, 121, 116, 101, 115]
        assert series.attribute_dtypes["blob"] == io.Datatype.VEC_UCHAR
        # One byte (such as ctypes.c_char(b"x").value) is one unsigned char.
        assert series.get_attribute("one") == ord("x")
        assert series.attribute_dtypes["one"] == io.Datatype.UCHAR


def test_constants_of_bool_and_char(path):
    with io.Series(path, io.Access.create) as series:
        particles = series.iterations[0].particles["e"]
        flag = particles["flag"][io.Record_Component.SCALAR]
        flag.reset_dataset(io.Dataset(io.Datatype.BOOL, [3]))
        flag.make_constant(False)
        truth = particles["truth"][io.Record_Component.SCALAR]
        truth.reset_dataset(io.Dataset(io.Datatype.BOOL, [2]))
        truth.make_constant(True)
        letter = particles["letter"][io.Record_Component.SCALAR]
        letter.reset_dataset(io.Dataset(io.Datatype.CHAR, [2]))
        letter.make_constant("c")
    with io.Series(path, io.Access.read_only) as series:
        particles = series.iterations[0].particles["e"]
        flag = particles["flag"][io.Record_Component.SCALAR]
        assert flag.constant
        assert flag.shape == [3]
        assert flag.dtype == np.bool_
        truth = particles["truth"][io.Record_Component.SCALAR]
        assert truth.constant
        letter = particles["letter"][io.Record_Component.SCALAR]
        assert letter.constant
        assert letter.shape == [2]
        assert letter.dtype.itemsize == 1
        flags = flag.load_chunk()
        truths = truth.load_chunk()
        values = letter.load_chunk()
        series.flush()
        assert flags.tolist() == [False, False, False]
        assert truths.tolist() == [True, True]
        assert values.tolist() == [ord("c"), ord("c")]


def test_custom_geometries(path):
    with io.Series(path, io.Access.create) as series:
        meshes = series.iterations[0].meshes
        meshes["a"].set_geometry(io.Geometry.other)
        meshes["b"].set_geometry("other:myGrid")
        meshes["c"].geometry = io.Geometry.cartesian
        meshes["d"].set_geometry("myGrid")
        meshes["e"].set_attribute("geometry", "other:viaAttribute")
        for name in "abcde":
            meshes[name][io.Mesh_Record_Component.SCALAR].make_constant(1.0)
    with io.Series(path, io.Access.read_only) as series:
        meshes = series.iterations[0].meshes
        assert meshes["a"].geometry == io.Geometry.other
        assert meshes["a"].get_attribute("geometry") == "other"
        assert meshes["b"].geometry == io.Geometry.other
        assert meshes["b"].get_attribute("geometry") == "other:myGrid"
        assert meshes["c"].geometry == io.Geometry.cartesian
        assert meshes["d"].geometry == io.Geometry.other
        assert meshes["d"].get_attribute("geometry") == "other:myGrid"
        assert meshes["e"].get_attribute("geometry") == "other:viaAttribute"
        assert meshes["e"].geometry == io.Geometry.other


def test_copy_construction_shares_the_object(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[1]
        copy = io.Iteration(it)
        copy.time = 4.5
        assert it.time == 4.5
        mesh = io.Mesh(it.meshes["E"])
        mesh.axis_labels = ["x", "y"]
        assert it.meshes["E"].axis_labels == ["x", "y"]
        mesh["x"].make_constant(2.0)
        mesh["y"].make_constant(3.0)
    with io.Series(path, io.Access.read_only) as series:
        assert series.iterations[1].time == 4.5
        assert series.iterations[1].meshes["E"].axis_labels == ["x", "y"]


def test_span_store_with_defaults_on_2d(path):
    with io.Series(path, io.Access.create) as series:
        E_y = series.iterations[0].meshes["E"]["y"]
        E_y.reset_dataset(io.Dataset(np.dtype("float64"), [2, 3]))
        span = E_y.store_chunk().current_buffer()
        assert span.shape == (2, 3)
        span[:, :] = 0
        span[0, 1] = 1
        span[1, 2] = 7
    with io.Series(path, io.Access.read_only) as series:
        values = series.iterations[0].meshes["E"]["y"].load_chunk()
        series.flush()
        assert values.tolist() == [[0, 1, 0], [0, 0, 7]]


def test_whole_dataset_slices_and_index_errors(path):
    data = np.arange(12, dtype=np.float64).reshape(3, 4)
    with io.Series(path, io.Access.create) as series:
        rho = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rho.reset_dataset(io.Dataset(data.dtype, data.shape))
        rho[()] = data
        with pytest.raises(IndexError):
            rho[()] = data[np.newaxis, :, :]  # an axis too many
        with pytest.raises(IndexError):
            rho[()] = np.arange(24.0).reshape(3, 8)[:, ::2]  # strided
        with pytest.raises(IndexError):
            rho[::2, :] = data[:2]  # a step
        with pytest.raises(IndexError):
            rho[()] = data[:, :2]  # smaller than the selection
    with io.Series(path, io.Access.read_only) as series:
        rho = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        values = rho[()]
        series.flush()
        assert values.tolist() == data.tolist()


def test_container_assignment(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[0]
        mesh = it.meshes["tmp"]
        mesh.unit_dimension = {io.Unit_Dimension.L: 1}
        del it.meshes["tmp"]
        it.meshes["new"] = mesh
        it.meshes["new"][io.Mesh_Record_Component.SCALAR].make_constant(1.5)
    with io.Series(path, io.Access.read_only) as series:
        meshes = series.iterations[0].meshes
        assert list(meshes.keys()) == ["new"]
        assert meshes["new"].unit_dimension[0] == 1.0


def test_pickled_objects_read_their_data(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[400]
        it.meshes["E"]["x"].reset_dataset(io.Dataset(np.dtype("int32"), [3]))
        it.meshes["E"]["x"].store_chunk(np.array([1, 2, 3], dtype=np.int32))
        it.meshes["rho"][io.Mesh_Record_Component.SCALAR].make_constant(2.0)
        w = it.particles["e"]["weighting"][io.Record_Component.SCALAR]
        w.reset_dataset(io.Dataset(np.dtype("float64"), [2]))
        w.store_chunk(np.array([0.5, 0.25]))
        pos_y = it.particles["e"]["position"]["y"]
        pos_y.reset_dataset(io.Dataset(np.dtype("float64"), [2]))
        pos_y.store_chunk(np.array([7.0, 8.0]))
    series = io.Series(path, io.Access.read_only)
    it = series.iterations[400]
    objects = [series, it, it.meshes["E"], it.meshes["E"]["x"],
               it.meshes["rho"][io.Mesh_Record_Component.SCALAR],
               it.particles["e"], it.particles["e"]["position"],
               it.particles["e"]["position"]["y"],
               it.particles["e"]["weighting"][io.Record_Component.SCALAR]]
    pickled = [pickle.dumps(o) for o in objects]
    series.close()
    del objects, it, series
    (series, it, E, E_x, rho, electrons, pos, pos_y, w) = [pickle.loads(p) for p in pickled]
    assert isinstance(series, io.Series)
    assert isinstance(it, io.Iteration)
    assert isinstance(E, io.Mesh)
    assert isinstance(E_x, io.Mesh_Record_Component)
    assert isinstance(electrons, io.ParticleSpecies)
    assert isinstance(pos, io.Record)
    assert isinstance(pos_y, io.Record_Component)
    x = E_x[()]
    via_mesh = E["x"][()]
    y = pos_y[()]
    weights = w[()]
    E_x.series_flush()
    assert x.tolist() == [1, 2, 3] and via_mesh.tolist() == [1, 2, 3]
    assert y.tolist() == [7.0, 8.0]
    assert weights.tolist() == [0.5, 0.25]
    assert rho.constant


def test_last_series_reference_closes_while_components_live(path):
    write = io.Series(path, io.Access.create)
    E_x = write.iterations[0].meshes["E"]["x"]
    E_x.reset_dataset(io.Dataset(np.dtype("int32"), [4]))
    E_x.store_chunk(np.arange(4, dtype=np.int32))
    del write  # E_x still referenced
    read = io.Series(path, io.Access.read_only)
    chunks = read.iterations[0].meshes["E"]["x"].available_chunks()
    assert [list(c.offset) for c in chunks] == [[0]]
    assert [list(c.extent) for c in chunks] == [[4]]
    values = read.iterations[0].meshes["E"]["x"][()]
    read.flush()
    assert values.tolist() == [0, 1, 2, 3]
    read.close()
    # The component outlived its closed Series: storage access is an error.
    with pytest.raises(io.ErrorWrongAPIUsage):
        E_x.series_flush()


def test_missing_keys_in_read_only_series(path):
    with io.Series(path, io.Access.create) as series:
        series.iterations[100].meshes["E"]["x"].make_constant(1.0)
    with io.Series(path, io.Access.read_only) as series:
        # openPMD-api raises IndexError here; a dict would raise KeyError.
        for lookup in (lambda: series.iterations[11],
                       lambda: series.iterations[100].meshes["yolo"],
                       lambda: series.iterations[100].meshes["E"]["w"],
                       lambda: series.iterations[100].particles["e"]):
            with pytest.raises(IndexError) as raised:
                lookup()
            assert isinstance(raised.value, KeyError)
            assert isinstance(raised.value, io.NoSuchKeyError)
            assert "read-only" in str(raised.value)
        with pytest.raises(TypeError):
            series.iterations[-1]
        assert list(series.iterations) == [100]
        assert list(series.iterations[100].meshes) == ["E"]
        assert list(series.iterations[100].meshes["E"]) == ["x"]
        assert len(series.iterations[100].particles) == 0


def test_pickled_objects_of_a_file_based_series(tmp_path, ext):
    path = str(tmp_path / ("data%T." + ext))
    with io.Series(path, io.Access.create) as series:
        for index in (100, 400):
            E_x = series.iterations[index].meshes["E"]["x"]
            E_x.reset_dataset(io.Dataset(np.dtype("float64"), [2, 2]))
            E_x.store_chunk(np.full((2, 2), float(index)))
            E_x.position = [0.5, 0.0]
            w = series.iterations[index].particles["e"]["weighting"][
                io.Record_Component.SCALAR]
            w.reset_dataset(io.Dataset(np.dtype("float32"), [3]))
            w.store_chunk(np.array([1, 2, index], dtype=np.float32))
    series = io.Series(path, io.Access.read_only)
    E_x = series.iterations[400].meshes["E"]["x"]
    objects = [series, series.iterations[400], E_x,
               series.iterations[100].particles["e"]["weighting"][
                   io.Record_Component.SCALAR]]
    pickled = [pickle.dumps(o) for o in objects]
    series.close()
    del objects, E_x, series
    series, it, E_x, w = [pickle.loads(p) for p in pickled]
    assert isinstance(series, io.Series)
    assert series.iteration_encoding == io.Iteration_Encoding.file_based
    assert sorted(series.iterations) == [100, 400]
    assert isinstance(it, io.Iteration)
    assert list(it.meshes) == ["E"]
    assert E_x.shape == [2, 2]
    assert E_x.position == [0.5, 0.0]
    values = E_x[()]
    weights = w[()]
    E_x.series_flush()
    w.series_flush()
    assert values.tolist() == [[400.0, 400.0], [400.0, 400.0]]
    assert weights.dtype == np.float32
    assert weights.tolist() == [1.0, 2.0, 100.0]


def test_copies_of_every_handle_type_share_the_object(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[0]
        record = io.Record(it.particles["e"]["position"])
        record.unit_dimension = {io.Unit_Dimension.L: 1}
        species = io.ParticleSpecies(it.particles["e"])
        species.set_attribute("note", "via copy")
        component = io.Record_Component(it.particles["e"]["position"]["x"])
        component.reset_dataset(io.Dataset(np.dtype("float64"), [2]))
        component.store_chunk(np.array([0.25, 0.75]))
        mesh_component = io.Mesh_Record_Component(it.meshes["B"]["z"])
        mesh_component.make_constant(9.0)
        attributable = io.Attributable(it)
        attributable.set_attribute("origin", "copy")
    with io.Series(path, io.Access.read_only) as series:
        it = series.iterations[0]
        assert it.get_attribute("origin") == "copy"
        species = it.particles["e"]
        assert species.get_attribute("note") == "via copy"
        assert species["position"].unit_dimension == [1.0] + [0.0] * 6
        x = species["position"]["x"][()]
        series.flush()
        assert x.tolist() == [0.25, 0.75]
        assert it.meshes["B"]["z"].constant
        assert it.meshes["B"]["z"].get_attribute("value") == 9.0
