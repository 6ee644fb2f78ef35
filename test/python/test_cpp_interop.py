"""Files written by the C++ examples are read from Python, and vice versa."""
import subprocess

import numpy as np

import openpmd_api as io
from conftest import example_program


def run(program, *args):
    result = subprocess.run([program, *map(str, args)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_python_reads_what_3_write_serial_wrote(tmp_path, ext):
    run(example_program("3_write_serial"), tmp_path, ext)
    with io.Series(str(tmp_path / ("serial_write." + ext)), io.Access.read_only) as series:
        assert series.author == "libopenPMD example"
        assert list(series.iterations) == [1]
        it = series.iterations[1]
        assert it.time == 0.5 and it.dt == 0.25
        rho = it.meshes["rho"]
        assert rho.scalar and rho.shape == [3, 3] and rho.dtype == np.float64
        E = it.meshes["E"]
        assert E.axis_labels == ["y", "x"]
        assert E.unit_dimension == [1, 1, -3, -1, 0, 0, 0]
        assert E["y"].constant
        electrons = it.particles["electrons"]
        rho_data, E_x, E_y = rho[:, :], E["x"].load_chunk(), E["y"][1:2, 1:2]
        x = electrons["position"]["x"].load_chunk()
        series.flush()
        np.testing.assert_array_equal(rho_data, np.arange(9.0).reshape(3, 3))
        np.testing.assert_array_equal(E_x, np.arange(9, dtype=np.float32).reshape(3, 3) * 0.5)
        np.testing.assert_array_equal(E_y, [[1.5]])
        np.testing.assert_array_equal(x, [0.1, 0.2, 0.3, 0.4])
        assert electrons["weighting"].get_attribute("value") == 1.0
        assert electrons["weighting"].shape == [4]
        assert electrons["positionOffset"]["x"].constant
        assert electrons["positionOffset"]["x"].shape == [4]


def test_2_read_serial_reads_what_python_wrote(tmp_path, ext):
    with io.Series(str(tmp_path / ("serial_write." + ext)), io.Access.create) as series:
        it = series.iterations[1]
        it.time, it.dt = 0.5, 0.25
        rho = it.meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rho.reset_dataset(io.Dataset(np.float64, [3, 3]))
        rho[:, :] = np.arange(9.0).reshape(3, 3)
        E = it.meshes["E"]
        E["x"].reset_dataset(io.Dataset(np.float32, [3, 3]))
        E["x"].store_chunk(np.zeros((3, 3), dtype=np.float32))
        E["y"].reset_dataset(io.Dataset(np.float32, [3, 3]))
        E["y"].make_constant(1.5)
        x = it.particles["electrons"]["position"]["x"]
        x.reset_dataset(io.Dataset(np.float64, [4]))
        x.store_chunk(np.array([0.1, 0.2, 0.3, 0.4]))
        # What 3_write_serial writes too, and 2_read_serial checks.
        electrons = it.particles["electrons"]
        offset = electrons["positionOffset"]["x"]
        offset.reset_dataset(io.Dataset(np.float64, [4]))
        offset.make_constant(0.0)
        weighting = electrons["weighting"][io.Record_Component.SCALAR]
        weighting.reset_dataset(io.Dataset(np.float64, [4]))
        weighting.make_constant(1.0)
    out = run(example_program("2_read_serial"), tmp_path, ext)
    assert "All values as written" in out
