"""numpy-style slicing: rc[...] loads, rc[...] = array stores."""
import numpy as np
import pytest

import openpmd_api as io

DATA = np.arange(6 * 7 * 5, dtype=np.float64).reshape(6, 7, 5)

LOAD_INDICES = [
    np.s_[...],
    np.s_[:],
    np.s_[()],
    np.s_[2],
    np.s_[-1],
    np.s_[1:4],
    np.s_[1:4, 2:],
    np.s_[:, :, 3],
    np.s_[..., 1:3],
    np.s_[2, ..., -2],
    np.s_[::2, 1::3, ::-1],
    np.s_[4:1:-1, 3],
    np.s_[5:1, :],
    np.s_[-3:, -6:-2, 0:5:2],
    np.s_[0, 0, 0],
]


@pytest.fixture
def written(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(DATA.dtype, DATA.shape))
        rc[...] = DATA
    return path


@pytest.mark.parametrize("index", LOAD_INDICES, ids=repr)
def test_load_slices_like_numpy(written, index):
    with io.Series(written, io.Access.read_only) as series:
        rho = series.iterations[0].meshes["rho"]
        via_record = rho[index]
        via_component = rho[io.Mesh_Record_Component.SCALAR][index]
        series.flush()
        np.testing.assert_array_equal(via_record, DATA[index])
        np.testing.assert_array_equal(via_component, DATA[index])
        assert np.shape(via_record) == DATA[index].shape


@pytest.mark.parametrize("index", [np.s_[6], np.s_[0, 0, 0, 0], np.s_[..., ...],
                                   np.s_[None], np.s_["a"], np.s_[-7]], ids=repr)
def test_bad_load_indices(written, index):
    with io.Series(written, io.Access.read_only) as series:
        rho = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        with pytest.raises(IndexError):
            rho[index]


def test_store_slices(path):
    expected = np.zeros((4, 6), dtype=np.int32)
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["E"]["x"]
        rc.reset_dataset(io.Dataset(np.int32, [4, 6]))
        rc[0:2, :] = np.arange(12, dtype=np.int32).reshape(2, 6)
        expected[0:2, :] = np.arange(12).reshape(2, 6)
        rc[2, :] = np.arange(6, dtype=np.int32) * 10  # an integer axis
        expected[2, :] = np.arange(6) * 10
        rc[3, 0:3] = 7  # a scalar is broadcast
        expected[3, 0:3] = 7
        rc[3, 3:] = [1, 2, 3]  # a list gets the dataset's dtype
        expected[3, 3:] = [1, 2, 3]
    with io.Series(path, io.Access.read_only) as series:
        loaded = series.iterations[0].meshes["E"]["x"][:, :]
        series.flush()
        np.testing.assert_array_equal(loaded, expected)


def test_bad_stores(path):
    with io.Series(path, io.Access.create) as series:
        rc = series.iterations[0].meshes["E"]["x"]
        rc.reset_dataset(io.Dataset(np.float64, [4, 6]))
        with pytest.raises(IndexError, match="step"):
            rc[::2, :] = np.zeros((2, 6))
        with pytest.raises(IndexError, match="does not fit"):  # as openPMD-api
            rc[0:2, :] = np.zeros((3, 6))
        with pytest.raises(IndexError):
            rc[4, :] = np.zeros(6)
        rc[...] = np.zeros((4, 6))
