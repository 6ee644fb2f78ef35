"""`cmake --install` puts a working openpmd_api where the interpreter finds it."""
import os
import subprocess
import sys

import pytest


def test_installed_module_imports_and_writes(tmp_path):
    cmake = os.environ.get("CMAKE_COMMAND")
    build_dir = os.environ.get("OPENPMD_BUILD_DIR")
    python_dir = os.environ.get("OPENPMD_INSTALL_PYTHONDIR")
    if not (cmake and build_dir and python_dir):
        pytest.fail("CMake sets CMAKE_COMMAND, OPENPMD_BUILD_DIR, OPENPMD_INSTALL_PYTHONDIR")
    prefix = tmp_path / "prefix"
    subprocess.run([cmake, "--install", build_dir, "--prefix", str(prefix)], check=True,
                   capture_output=True)
    package_dir = prefix / python_dir
    assert (package_dir / "openpmd_api" / "__init__.py").is_file()
    assert (package_dir / "openpmd_api" / "connectors" / "sqlite.py").is_file()

    script = (
        "import numpy as np, openpmd_api as io\n"
        "assert io.__file__.startswith({prefix!r}), io.__file__\n"
        "with io.Series({path!r}, io.Access.create) as s:\n"
        "    rc = s.iterations[0].meshes['rho'][io.Mesh_Record_Component.SCALAR]\n"
        "    rc.reset_dataset(io.Dataset(np.float64, [3]))\n"
        "    rc[:] = np.arange(3.0)\n"
        "with io.Series({path!r}, io.Access.read_only) as s:\n"
        "    data = s.iterations[0].meshes['rho'][:]\n"
        "    s.flush()\n"
        "assert list(data) == [0.0, 1.0, 2.0]\n"
        "from openpmd_api.connectors import MemoryConnector, SQLiteConnector\n"
        "assert SQLiteConnector.__module__ == 'openpmd_api.connectors.sqlite'\n"
    ).format(prefix=str(prefix), path=str(tmp_path / "installed.json"))
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = str(package_dir)
    # The extension finds the installed libopenPMD through its relative RPATH.
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=str(tmp_path),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
