"""An unchanged Python program redirected by environment variables alone:
OPENPMD_BACKEND, OPENPMD_OPTIONS and backend plugins (docs/plugins.md).
Plugins load once per process, so every scenario runs in a fresh interpreter."""
import os
import subprocess
import sys
import textwrap

PLUGIN_DIR = os.environ["OPENPMD_TEST_PLUGIN_DIR"]
BAD_PLUGIN_DIR = os.environ["OPENPMD_TEST_BAD_PLUGIN_DIR"]

# The unchanged program: writes a series, reads it back, prints the backend.
PROGRAM = textwrap.dedent("""
    import sys
    import numpy as np
    import openpmd_api as io
    path = sys.argv[1]
    series = io.Series(path, io.Access.create)
    E = series.iterations[3].meshes["E"]["x"]
    E.reset_dataset(io.Dataset(np.dtype("float64"), [4]))
    E.store_chunk(np.array([0.5, 1.5, 2.5, 3.5]))
    backend = series.backend
    series.close()
    read = io.Series(path, io.Access.read_only)
    values = read.iterations[3].meshes["E"]["x"].load_chunk()
    read.flush()
    assert list(values) == [0.5, 1.5, 2.5, 3.5], values
    print("backend", backend)
""")


def run(path, **variables):
    env = dict(os.environ)
    for name in ("OPENPMD_BACKEND", "OPENPMD_OPTIONS", "OPENPMD_PLUGINS",
                 "OPENPMD_PLUGIN_PATH"):
        env.pop(name, None)
    env.update(variables)
    return subprocess.run([sys.executable, "-c", PROGRAM, str(path)], env=env,
                          capture_output=True, text=True, check=False)


def test_openpmd_backend_stores_json_under_an_h5_name(tmp_path):
    result = run(tmp_path / "data.h5", OPENPMD_BACKEND="json")
    assert result.returncode == 0, result.stderr
    assert "backend JSON" in result.stdout
    assert (tmp_path / "data.h5").read_text().lstrip().startswith("{")


def test_openpmd_options_choose_the_backend(tmp_path):
    result = run(tmp_path / "data.h5", OPENPMD_OPTIONS='backend = "json"')
    assert result.returncode == 0, result.stderr
    assert "backend JSON" in result.stdout


def test_the_memory_plugin_keeps_everything_off_the_disk(tmp_path):
    result = run(tmp_path / "data_%T.json", OPENPMD_PLUGIN_PATH=PLUGIN_DIR,
                 OPENPMD_PLUGINS="memory", OPENPMD_BACKEND="memory")
    assert result.returncode == 0, result.stderr
    assert "backend Memory" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_plugin_of_another_abi_raises_error_plugin_load(tmp_path):
    plugin = os.path.join(BAD_PLUGIN_DIR, "libopenPMD_plugin_wrong_abi.so")
    program = textwrap.dedent("""
        import sys
        import openpmd_api as io
        try:
            io.Series(sys.argv[1], io.Access.create)
        except io.ErrorPluginLoad as e:
            print("refused:", e)
    """)
    env = dict(os.environ, OPENPMD_PLUGINS=plugin)
    result = subprocess.run([sys.executable, "-c", program, str(tmp_path / "a.json")],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "refused: Backend plugin '" + plugin + "'" in result.stdout
    assert "plugin ABI version 42" in result.stdout
