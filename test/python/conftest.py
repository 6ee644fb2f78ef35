"""Shared fixtures: every round trip runs once per backend of this build."""
import os

import pytest

import openpmd_api as io


def _extensions():
    extensions = ["json", "zarr"]
    if io.variants["hdf5"]:
        extensions.append("h5")
    return extensions


@pytest.fixture(params=_extensions())
def ext(request):
    """A file extension of a backend this build has (json, zarr, h5)."""
    return request.param


@pytest.fixture
def path(tmp_path, ext):
    """A fresh group-based Series path for the backend of `ext`."""
    return str(tmp_path / ("series." + ext))


def example_program(name):
    """The path of a built C++ example (set by CMake in the environment)."""
    variable = "OPENPMD_EXAMPLE_" + name.upper()
    program = os.environ.get(variable)
    assert program, "CMake sets {} to the example's path".format(variable)
    return program
