"""The `python` backend plugin (docs/python-connectors.md, "Using a connector
from C++"): the unchanged C++ program main_simulation stores through a Python
connector chosen by environment variables only, and every way of naming a
wrong connector stops it with one error::PluginLoad naming the variable.

Run by CTest (test/plugins/CMakeLists.txt) with
  OPENPMD_TEST_MAIN_SIMULATION  the main_simulation executable
  OPENPMD_TEST_PLUGIN_DIR       <build>/plugins (memory and python plugins)
  OPENPMD_TEST_OPENPMD_LS       openpmd-ls, if the tools are built
  PYTHONPATH                    the build tree's python directory (for the
                                reader process; the plugin finds it itself)
"""

import os
import shutil
import subprocess
import sys

import pytest

MAIN = os.environ["OPENPMD_TEST_MAIN_SIMULATION"]
PLUGIN_DIR = os.environ["OPENPMD_TEST_PLUGIN_DIR"]
PYTHON_PLUGIN = os.path.join(PLUGIN_DIR, "libopenPMD_plugin_python.so")
MEMORY = "openpmd_api.connectors.memory:MemoryConnector"
SQLITE = "openpmd_api.connectors.sqlite:SQLiteConnector"


def run(args, **variables):
    """Runs a program with the plugin variables cleared, then `variables`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("OPENPMD_") or k.startswith("OPENPMD_TEST_")}
    env.update(variables)
    return subprocess.run(args, env=env, capture_output=True, text=True,
                          timeout=120)


def check_ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All values read back as written" in result.stdout


# How the plugin gets loaded: every plugin of OPENPMD_PLUGIN_PATH; implicitly
# for OPENPMD_PYTHON_CONNECTOR (OPENPMD_PLUGINS names only another one); by
# name in OPENPMD_PLUGINS.
LOADING = {
    "plugin_path": {},
    "implicit": {"OPENPMD_PLUGINS": "memory"},
    "explicit": {"OPENPMD_PLUGINS": "python"},
}


@pytest.mark.parametrize("loading", sorted(LOADING))
def test_memory_connector(tmp_path, loading):
    result = run([MAIN, "json", str(tmp_path)], OPENPMD_PLUGIN_PATH=PLUGIN_DIR,
                 OPENPMD_PYTHON_CONNECTOR=MEMORY, OPENPMD_BACKEND="pymemory",
                 **LOADING[loading])
    check_ok(result)
    assert "(pymemory)" in result.stdout
    assert os.listdir(tmp_path) == []  # nothing reached the disk


def simulated(step, quantity, k):
    return 1000.0 * step + 100.0 * quantity + k


READER = r"""
import sys
import numpy as np
import openpmd_api as io
from openpmd_api.connectors import SQLiteConnector

io.register_connector(SQLiteConnector)
series = io.Series(sys.argv[1], io.Access.read_only)
assert list(series.iterations) == [0, 10, 20, 30], list(series.iterations)
assert series.author == "libopenPMD main_simulation", series.author
for step, index in enumerate(series.iterations):
    E = series.iterations[index].meshes["E"]
    for quantity, axis in enumerate("xyz"):
        values = E[axis][()]
        series.flush()
        assert values.shape == (2, 3, 4) and values.dtype == np.float64
        expected = 1000.0 * step + 100.0 * quantity + np.arange(24.0)
        assert (values.ravel() == expected).all(), (index, axis, values)
series.close()
print("reader: all values as written")
"""


def test_sqlite_connector_and_read_back(tmp_path):
    variables = dict(OPENPMD_PLUGIN_PATH=PLUGIN_DIR,
                     OPENPMD_PYTHON_CONNECTOR=SQLITE, OPENPMD_BACKEND="pysqlite")
    check_ok(run([MAIN, "sqlite", str(tmp_path)], **variables))
    series = tmp_path / "main_simulation.sqlite"
    assert series.is_file()

    # A separate Python process reads the file through the same connector.
    reader = run([sys.executable, "-c", READER, str(series)])
    assert reader.returncode == 0, reader.stdout + reader.stderr
    assert "reader: all values as written" in reader.stdout

    # So does the unchanged C++ tool, with the variables alone.
    ls = os.environ.get("OPENPMD_TEST_OPENPMD_LS")
    if ls:
        listing = run([ls, str(series)], **variables)
        assert listing.returncode == 0, listing.stdout + listing.stderr
        assert "libopenPMD main_simulation" in listing.stdout


def test_joins_a_running_interpreter(tmp_path):
    """Inside a Python process the plugin uses that interpreter."""
    script = ("import openpmd_api as io, sys\n"
              "s = io.Series(sys.argv[1], io.Access.create)\n"
              "s.iterations[1].set_attribute('a', 42); s.close()\n"
              "s = io.Series(sys.argv[1], io.Access.read_only)\n"
              "assert s.iterations[1].get_attribute('a') == 42\n"
              "print(s.backend)\n")
    result = run([sys.executable, "-c", script, str(tmp_path / "x.pymem")],
                 OPENPMD_PLUGIN_PATH=PLUGIN_DIR, OPENPMD_PYTHON_CONNECTOR=MEMORY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "pymemory"


def failed_registration(value):
    return ("main_simulation failed: Backend plugin '{}': registering its backends "
            "failed: OPENPMD_PYTHON_CONNECTOR='{}': ".format(PYTHON_PLUGIN, value))


@pytest.mark.parametrize("value, text", [
    ("no_colon_here", "expected package.module:ClassName"),
    ("a:b:c", "expected package.module:ClassName"),
    ("openpmd_api.connectors.memory:", "expected package.module:ClassName"),
    ("bad module:X", "expected package.module:ClassName"),
    ("no_such_module_4711:Connector",
     "cannot import module 'no_such_module_4711': ModuleNotFoundError: "
     "No module named 'no_such_module_4711'"),
    ("openpmd_api.connectors.memory:NoSuchClass",
     "'openpmd_api.connectors.memory' has no attribute 'NoSuchClass'"),
    ("openpmd_api.connectors.memory:_Store",
     "connector class _Store needs a class attribute `name`"),
])
def test_errors(tmp_path, value, text):
    result = run([MAIN, "json", str(tmp_path)], OPENPMD_PLUGIN_PATH=PLUGIN_DIR,
                 OPENPMD_PYTHON_CONNECTOR=value)
    assert result.returncode == 1, result.stdout + result.stderr
    assert failed_registration(value) + text in result.stderr, result.stderr


def test_plugin_not_found(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run([MAIN, "json", str(tmp_path)], OPENPMD_PLUGIN_PATH=str(empty),
                 OPENPMD_PYTHON_CONNECTOR=MEMORY)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("main_simulation failed: Backend plugin 'python': "
            "OPENPMD_PYTHON_CONNECTOR='{}' needs this plugin: no file "
            "libopenPMD_plugin_python.so".format(MEMORY)) in result.stderr


def plugin_without_libpython(tmp_path):
    """A copy of the python plugin (in a new directory, with the memory
    plugin) whose libpython cannot be found: the names differ, same length,
    so the ELF layout stays valid."""
    with open(PYTHON_PLUGIN, "rb") as f:
        image = f.read()
    needed = [word for word in image.split(b"\0")
              if word.startswith(b"libpython") and b".so" in word]
    assert needed, "the plugin names no libpython"
    for name in needed:
        image = image.replace(name, b"libnopyth" + name[len(b"libnopyth"):])
    directory = tmp_path / "plugins"
    directory.mkdir()
    (directory / "libopenPMD_plugin_python.so").write_bytes(image)
    shutil.copy(os.path.join(PLUGIN_DIR, "libopenPMD_plugin_memory.so"), directory)
    return str(directory)


def test_no_interpreter_library(tmp_path):
    result = run([MAIN, "json", str(tmp_path)],
                 OPENPMD_PLUGIN_PATH=plugin_without_libpython(tmp_path),
                 OPENPMD_PLUGINS="python", OPENPMD_PYTHON_CONNECTOR=MEMORY)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "libopenPMD_plugin_python.so': cannot load it: libnopyth" in result.stderr


def test_no_interpreter_library_implicit(tmp_path):
    """Loaded for the variable: the message names it."""
    result = run([MAIN, "json", str(tmp_path)],
                 OPENPMD_PLUGIN_PATH=plugin_without_libpython(tmp_path),
                 OPENPMD_PLUGINS="memory", OPENPMD_PYTHON_CONNECTOR=MEMORY)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("OPENPMD_PYTHON_CONNECTOR='{}' needs this plugin: cannot load it: "
            "libnopyth".format(MEMORY)) in result.stderr, result.stderr
