"""Two MPI ranks write one Series through an mpi4py communicator and read it
back (run by CTest as `mpiexec -n 2 python3 -m pytest test_mpi.py`)."""
import numpy as np
import pytest

import openpmd_api as io

MPI = pytest.importorskip("mpi4py.MPI")


@pytest.mark.parametrize("ext", [e for e in ["json", "h5"] if e in io.file_extensions])
def test_each_rank_writes_its_block(ext):
    comm = MPI.COMM_WORLD
    rank, size = comm.Get_rank(), comm.Get_size()
    assert size == 2, "run with mpiexec -n 2"
    path = "python_mpi_series." + ext
    per_rank = 4

    with io.Series(path, io.Access.create, comm) as series:
        rc = series.iterations[0].meshes["rho"][io.Mesh_Record_Component.SCALAR]
        rc.reset_dataset(io.Dataset(np.float64, [size * per_rank]))
        rc[rank * per_rank:(rank + 1) * per_rank] = np.full(per_rank, float(rank))
    comm.Barrier()

    with io.Series(path, io.Access.read_only, comm) as series:
        data = series.iterations[0].meshes["rho"].load_chunk()
        series.flush()
    np.testing.assert_array_equal(data, np.repeat(np.arange(size, dtype=float), per_rank))


def test_the_communicator_must_be_an_mpi4py_communicator():
    with pytest.raises(TypeError, match="mpi4py"):
        io.Series("unused.json", io.Access.create, object())
