"""Series, iterations, meshes, particles and patches: write, read back, compare."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import openpmd_api as io

U = io.Unit_Dimension


def write_iteration(iteration, index):
    iteration.time = 0.5 * index
    iteration.dt = 0.5
    iteration.time_unit_SI = 1e-15

    E = iteration.meshes["E"]
    E.geometry = io.Geometry.cartesian
    E.axis_labels = ["y", "x"]
    E.grid_spacing = [0.5, 0.25]
    E.grid_global_offset = [0.0, 1.0]
    E.grid_unit_SI = 1e-6
    E.data_order = "C"
    E.unit_dimension = {U.M: 1, U.L: 1, U.I: -1, U.T: -3}
    E.time_offset = 0.125
    for axis, component in [("x", 1.0), ("y", 2.0)]:
        rc = E[axis]
        rc.position = [0.5, 0.0]
        rc.unit_SI = 2.5
        rc.reset_dataset(io.Dataset(np.float32, [2, 3]))
        rc.store_chunk(np.full((2, 3), component * index, dtype=np.float32))

    rho = iteration.meshes["rho"]
    rho.set_geometry(io.Geometry.thetaMode).set_geometry_parameters("m=1")
    rho[io.Mesh_Record_Component.SCALAR].reset_dataset(io.Dataset(np.float64, [4]))
    rho[io.Mesh_Record_Component.SCALAR].store_chunk(np.arange(4.0) + index)

    electrons = iteration.particles["electrons"]
    n = 5
    for axis in "xyz":
        electrons["position"][axis].reset_dataset(io.Dataset(np.float64, [n]))
        electrons["position"][axis].store_chunk(np.linspace(0, 1, n) + index)
        electrons["positionOffset"][axis].make_constant(0.0)
    electrons["position"].unit_dimension = {U.L: 1}
    electrons["weighting"][io.Record_Component.SCALAR].reset_dataset(
        io.Dataset(np.float64, [n]))
    electrons["weighting"][io.Record_Component.SCALAR].store_chunk(np.ones(n))
    electrons["id"][io.Record_Component.SCALAR].reset_dataset(io.Dataset(np.uint64, [n]))
    electrons["id"][io.Record_Component.SCALAR].store_chunk(
        np.arange(n, dtype=np.uint64))

    patches = electrons.particle_patches
    patches["numParticles"][io.Record_Component.SCALAR].reset_dataset(
        io.Dataset(np.uint64, [2]))
    patches["numParticlesOffset"][io.Record_Component.SCALAR].reset_dataset(
        io.Dataset(np.uint64, [2]))
    for axis in "xy":
        patches["offset"][axis].reset_dataset(io.Dataset(np.float32, [2]))
        patches["extent"][axis].reset_dataset(io.Dataset(np.float32, [2]))
    for patch, (count, offset) in enumerate([(3, 0), (2, 3)]):
        patches["numParticles"][io.Record_Component.SCALAR].store(patch, count)
        patches["numParticlesOffset"][io.Record_Component.SCALAR].store(patch, offset)
        for axis in "xy":
            patches["offset"][axis].store(patch, np.float32(patch * 0.5))
            patches["extent"][axis].store(patch, np.float32(0.5))


def check_iteration(iteration, index):
    assert iteration.time == 0.5 * index
    assert iteration.dt == 0.5
    assert iteration.time_unit_SI == 1e-15
    assert set(iteration.meshes) == {"E", "rho"}
    assert "E" in iteration.meshes and "B" not in iteration.meshes

    E = iteration.meshes["E"]
    assert E.geometry == io.Geometry.cartesian
    assert E.axis_labels == ["y", "x"]
    assert E.grid_spacing == [0.5, 0.25]
    assert E.grid_global_offset == [0.0, 1.0]
    assert E.grid_unit_SI == 1e-6
    assert E.data_order == "C"
    assert E.unit_dimension == [1, 1, -3, -1, 0, 0, 0]
    assert E.time_offset == 0.125
    assert not E.scalar
    assert sorted(E.keys()) == ["x", "y"]
    loaded = {axis: E[axis].load_chunk() for axis in "xy"}
    for axis in "xy":
        assert E[axis].position == [0.5, 0.0]
        assert E[axis].unit_SI == 2.5
        assert E[axis].dtype == np.float32

    rho = iteration.meshes["rho"]
    assert rho.scalar
    assert rho.geometry == io.Geometry.thetaMode
    assert rho.geometry_parameters == "m=1"
    rho_data = rho.load_chunk()

    electrons = iteration.particles["electrons"]
    assert set(electrons) == {"position", "positionOffset", "weighting", "id"}
    position = {axis: electrons["position"][axis].load_chunk() for axis in "xyz"}
    ids = electrons["id"].load_chunk()
    assert electrons["position"].unit_dimension == [1, 0, 0, 0, 0, 0, 0]
    assert electrons["positionOffset"]["x"].constant

    patches = electrons.particle_patches
    assert patches.num_patches == 2
    assert set(patches) == {"numParticles", "numParticlesOffset", "offset", "extent"}
    counts = patches["numParticles"][io.Record_Component.SCALAR].load()
    offsets_x = patches["offset"]["x"].load()

    iteration.series_flush()
    for axis, factor in [("x", 1.0), ("y", 2.0)]:
        np.testing.assert_array_equal(loaded[axis], np.full((2, 3), factor * index))
    np.testing.assert_array_equal(rho_data, np.arange(4.0) + index)
    for axis in "xyz":
        np.testing.assert_array_equal(position[axis], np.linspace(0, 1, 5) + index)
    np.testing.assert_array_equal(ids, np.arange(5))
    np.testing.assert_array_equal(counts, [3, 2])
    np.testing.assert_array_equal(offsets_x, np.array([0, 0.5], dtype=np.float32))


def test_group_based_round_trip(path):
    with io.Series(path, io.Access.create) as series:
        series.author = "pytest"
        series.set_software("libopenPMD tests", "1.2")
        series.machine = "ci"
        series.comment = "a comment"
        assert series.iteration_encoding == io.Iteration_Encoding.group_based
        for index in [10, 20]:
            write_iteration(series.iterations[index], index)
        series.flush()
    with io.Series(path, io.Access.read_only) as series:
        assert series.author == "pytest"
        assert series.software == "libopenPMD tests"
        assert series.software_version == "1.2"
        assert series.machine == "ci"
        assert series.comment == "a comment"
        assert series.openPMD == "1.1.0"
        assert series.base_path == "/data/%T/"
        assert series.meshes_path == "meshes/"
        assert series.particles_path == "particles/"
        assert series.backend == {"json": "JSON", "h5": "HDF5",
                                  "zarr": "Zarr"}[path.rsplit(".", 1)[1]]
        assert list(series.iterations) == [10, 20]
        assert len(series.iterations) == 2
        for index, iteration in series.iterations.items():
            check_iteration(iteration, index)


def test_file_based_round_trip(tmp_path, ext):
    pattern = str(tmp_path / ("data_%05T." + ext))
    series = io.Series(pattern, io.Access.create)
    for index in [1, 2, 3]:
        write_iteration(series.iterations[index], index)
        series.iterations[index].close()
    series.close()
    assert not series
    assert sorted(os.listdir(tmp_path)) == ["data_%05d.%s" % (i, ext) for i in [1, 2, 3]]

    series = io.Series(pattern, io.Access.read_only)
    assert series.iteration_encoding == io.Iteration_Encoding.file_based
    assert series.iteration_format == "data_%05T"
    for index in series.iterations:
        check_iteration(series.iterations[index], index)
    series.close()


def test_iteration_loops(tmp_path, ext):
    pattern = str(tmp_path / ("loop_%T." + ext))
    series = io.Series(pattern, io.Access.create)
    for index in range(4):
        iteration = series.write_iterations()[index]
        write_iteration(iteration, index)
        assert series.write_iterations().current_iteration().iteration_index == index
        iteration.close()
    series.close()

    seen = []
    with io.Series(pattern, io.Access.read_linear) as series:
        for iteration in series.read_iterations():
            check_iteration(iteration, iteration.iteration_index)
            seen.append(iteration.iteration_index)
    assert seen == [0, 1, 2, 3]

    seen = []
    with io.Series(pattern, io.Access.read_only) as series:
        for iteration in series.read_iterations():
            seen.append(iteration.iteration_index)
            E_x = iteration.meshes["E"]["x"][0, :]
            iteration.close()  # closing before the end of the loop body works too
            np.testing.assert_array_equal(E_x, np.full(3, iteration.iteration_index))
            assert iteration.closed
    assert seen == [0, 1, 2, 3]


def test_group_based_linear_read(path):
    with io.Series(path, io.Access.create) as series:
        for index in [3, 1, 2]:
            write_iteration(series.write_iterations()[index], index)
    seen = []
    with io.Series(path, io.Access.read_linear) as series:
        for iteration in series.read_iterations():
            check_iteration(iteration, iteration.iteration_index)
            seen.append(iteration.iteration_index)
    assert seen == [1, 2, 3]


def test_containers_are_dict_like(path):
    with io.Series(path, io.Access.create) as series:
        it = series.iterations[5]
        for name in ["a", "b", "c"]:
            it.meshes[name][io.Mesh_Record_Component.SCALAR].make_constant(1.0)
        del it.meshes["b"]
        assert sorted(it.meshes.keys()) == ["a", "c"]
        assert [k for k, _ in it.meshes.items()] == ["a", "c"]
        assert all(isinstance(v, io.Mesh) for v in it.meshes.values())
        with pytest.raises(KeyError):
            del it.meshes["b"]
        assert 5 in series.iterations and 6 not in series.iterations
        assert "5" not in series.iterations
    with io.Series(path, io.Access.read_only) as series:
        with pytest.raises(KeyError):
            series.iterations[6]
        with pytest.raises(KeyError):
            series.iterations[5].meshes["b"]
        assert len(series.iterations[5].meshes) == 2


def test_handles_share_state(path):
    series = io.Series(path, io.Access.create)
    mesh = series.iterations[0].meshes["E"]
    mesh["x"].reset_dataset(io.Dataset(np.int16, [3]))
    mesh["x"].store_chunk(np.array([1, 2, 3], dtype=np.int16))
    mesh.series_flush()
    same = mesh["x"]
    same.unit_SI = 3.0
    assert mesh["x"].unit_SI == 3.0
    series.close()


def test_last_series_handle_flushes_and_closes(path):
    """As in openPMD-api: handles below the Series do not keep it open."""
    def write():
        series = io.Series(path, io.Access.create)
        rc = series.iterations[3].meshes["E"]["x"]
        rc.reset_dataset(io.Dataset(np.int16, [3]))
        rc.store_chunk(np.array([4, 5, 6], dtype=np.int16))
        return rc  # the Series object goes out of scope: flushed and closed

    rc = write()
    with io.Series(path, io.Access.read_only) as series:
        values = series.iterations[3].meshes["E"]["x"].load_chunk()
        series.flush()
        assert values.tolist() == [4, 5, 6]
    # The handle outlives its Series, detached: flushing through it is an error.
    with pytest.raises(io.ErrorWrongAPIUsage, match="no open Series"):
        rc.series_flush()


def test_paths_dict_options_and_len(tmp_path, ext):
    import json
    import pathlib

    path = pathlib.Path(tmp_path) / ("pathlib." + ext)
    with io.Series(path, io.Access.create, {"iteration_encoding": "group_based"}) as series:
        series.iterations[1].set_attribute("x", 1)
        series.iterations[2].set_attribute("x", 2)
        assert len(series) == 2
    options_file = pathlib.Path(tmp_path) / "options.json"
    options_file.write_text(json.dumps({"defer_iteration_parsing": True}))
    with io.Series(path, io.Access.read_only, options_file) as series:
        assert len(series) == 2 and series.iterations[2].get_attribute("x") == 2
    with pytest.raises(TypeError, match="options are a JSON/TOML string"):
        io.Series(path, io.Access.read_only, 42)
    merged = json.loads(io.merge_json('{"a": 1, "b": {"c": 2}}', '{"b": {"d": 3}}'))
    assert merged == {"a": 1, "b": {"c": 2, "d": 3}}


def test_series_errors(tmp_path, ext):
    with pytest.raises(io.ErrorReadError):
        io.Series(str(tmp_path / ("missing." + ext)), io.Access.read_only)
    with pytest.raises(io.Error):
        io.Series(str(tmp_path / "unknown.xyz"), io.Access.create)
    with pytest.raises(io.ErrorBackendConfigSchema):
        io.Series(str(tmp_path / ("options." + ext)), io.Access.create,
                  '{"durable": "not a bool"}')
    series = io.Series(str(tmp_path / ("closed." + ext)), io.Access.create)
    series.close()
    with pytest.raises(io.ErrorWrongAPIUsage):
        series.flush()


def test_list_series_and_openpmd_ls(path, capsys):
    with io.Series(path, io.Access.create) as series:
        write_iteration(series.iterations[3], 3)
    with io.Series(path, io.Access.read_only) as series:
        io.list_series(series, longer=True)
    printed = capsys.readouterr().out
    assert "electrons" in printed and "E" in printed

    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "openpmd_api.ls", path],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "electrons" in result.stdout
    # The C++ tool's code: the same options and exit codes (docs/tools.md).
    listed = subprocess.run([sys.executable, "-m", "openpmd_api.ls", "--json", path],
                            capture_output=True, text=True, env=env, check=False)
    assert listed.returncode == 0, listed.stderr
    listing = json.loads(listed.stdout)
    assert [it["index"] for it in listing["iterations"]] == [3]
    assert "electrons" in listing["iterations"][0]["particles"]
    missing = subprocess.run([sys.executable, "-m", "openpmd_api.ls", path + ".missing"],
                             capture_output=True, text=True, env=env, check=False)
    assert missing.returncode == 2
    assert missing.stderr.startswith("openpmd-ls: cannot open")
    usage = subprocess.run([sys.executable, "-m", "openpmd_api.ls", "--bogus", path],
                           capture_output=True, text=True, env=env, check=False)
    assert usage.returncode == 64


def test_openpmd_pipe_module(path, tmp_path):
    """python3 -m openpmd_api.pipe runs the C++ openpmd-pipe: a copy to the
    other backend, verified, reads back the same values."""
    with io.Series(path, io.Access.create) as series:
        write_iteration(series.iterations[3], 3)
    other = "json" if path.endswith(".h5") else "h5"
    out = str(tmp_path / ("copy_%T." + other))
    piped = subprocess.run([sys.executable, "-m", "openpmd_api.pipe", "--in", path, "--out",
                            out, "--verify"], capture_output=True, text=True, check=False)
    assert piped.returncode == 0, piped.stderr
    assert "verified 1 iterations" in piped.stderr
    with io.Series(path, io.Access.read_only) as a, io.Series(out, io.Access.read_only) as b:
        x_a = a.iterations[3].particles["electrons"]["position"]["x"].load_chunk()
        x_b = b.iterations[3].particles["electrons"]["position"]["x"].load_chunk()
        a.flush()
        b.flush()
        np.testing.assert_array_equal(x_a, x_b)
    bad = subprocess.run([sys.executable, "-m", "openpmd_api.pipe", "--in", path],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 64
    # python3 -m openpmd_api.check: the C++ openpmd-check
    checked = subprocess.run([sys.executable, "-m", "openpmd_api.check", "--json", out],
                             capture_output=True, text=True, check=False)
    assert checked.returncode in (0, 1), checked.stderr
    findings = json.loads(checked.stdout)
    assert findings["clean"] == (checked.returncode == 0)
    assert isinstance(findings["errors"], list) and isinstance(findings["warnings"], list)


def test_particles_to_dataframe(path):
    pd = pytest.importorskip("pandas")
    with io.Series(path, io.Access.create) as series:
        write_iteration(series.iterations[1], 1)
    with io.Series(path, io.Access.read_only) as series:
        electrons = series.iterations[1].particles["electrons"]
        df = electrons.to_df()
        assert isinstance(df, pd.DataFrame)
        assert set(df.columns) == {"position_x", "position_y", "position_z",
                                   "positionOffset_x", "positionOffset_y",
                                   "positionOffset_z", "weighting", "id"}
        assert len(df) == 5
        np.testing.assert_array_equal(df["position_y"], np.linspace(0, 1, 5) + 1)
        np.testing.assert_array_equal(df["id"], np.arange(5))
        part = electrons.to_df(slice(1, 3))
        np.testing.assert_array_equal(part["id"], [1, 2])
