"""Python connectors under MPI (docs/python-connectors.md, "MPI"): a Series
with an mpi4py communicator, each rank its own connector instance. Run by
CTest as `mpiexec -n 2 python3 -m pytest test_connector_mpi.py`."""
import os
import time

import numpy as np
import pytest

import openpmd_api as io
from openpmd_api.connectors import MemoryConnector, SQLiteConnector

MPI = pytest.importorskip("mpi4py.MPI")
COMM = MPI.COMM_WORLD
RANK, SIZE = COMM.Get_rank(), COMM.Get_size()
PER_RANK = 6
SCALAR = io.Mesh_Record_Component.SCALAR


class OrderedConnector(SQLiteConnector):
    """SQLite that records whether the bridge orders the ranks as documented:
    rank 0's create_file returns before any other rank's starts, and no rank
    begins flush n + 1 before rank 0 has ended flush n (rank 0 is slowed down
    so that a missing order would show)."""
    name = "pyordered"
    extensions = ["ordered"]
    violations = []

    def __init__(self, options, rank, size):
        super().__init__(options, rank, size)
        self.flushes_ended = 0
        self.log = os.path.abspath("connector_mpi/rank0_flushes")

    def create_file(self, file):
        if self.rank == 0:
            time.sleep(0.2)
            super().create_file(file)
            with open(file + ".created", "w"):
                pass
        else:
            if not os.path.exists(file + ".created"):
                self.violations.append("create_file before rank 0's returned")
            super().create_file(file)

    def begin_flush(self):
        if self.rank != 0 and self.flushes_ended > 0:
            with open(self.log) as log:
                ended = len(log.read())
            if ended < self.flushes_ended:
                self.violations.append("flush {} began before rank 0 ended flush {}"
                                       .format(self.flushes_ended + 1,
                                               self.flushes_ended))
        super().begin_flush()

    def end_flush(self):
        super().end_flush()
        self.flushes_ended += 1
        if self.rank == 0:
            time.sleep(0.05)
            with open(self.log, "a") as log:
                log.write("x")


class FailingRankConnector(SQLiteConnector):
    """write_chunk fails once on rank 1 (its disk, say)."""
    name = "pyfailingrank"
    extensions = ["failingrank"]
    failed = False

    def write_chunk(self, file, path, offset, extent, data):
        if self.rank == 1 and not FailingRankConnector.failed:
            FailingRankConnector.failed = True
            raise OSError("rank 1's disk is full")
        super().write_chunk(file, path, offset, extent, data)


for cls in (MemoryConnector, SQLiteConnector, OrderedConnector, FailingRankConnector):
    io.register_connector(cls)


@pytest.fixture
def directory():
    """One directory that every rank sees, empty at the start."""
    path = "connector_mpi"
    # The other ranks may still be reading the previous test's files.
    COMM.Barrier()
    if RANK == 0:
        import shutil
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
    COMM.Barrier()
    return path


def expected(iteration):
    return np.arange(SIZE * PER_RANK, dtype=np.float64) + 1000.0 * iteration


def write(path, iterations, access=io.Access.create):
    with io.Series(path, access, COMM) as series:
        for index in iterations:
            it = series.iterations[index]
            it.set_attribute("ranks", SIZE)
            it.time = 0.5 * index
            rc = it.meshes["rho"][SCALAR]
            rc.reset_dataset(io.Dataset(np.float64, [SIZE * PER_RANK]))
            rc.unit_SI = 2.5
            mine = slice(RANK * PER_RANK, (RANK + 1) * PER_RANK)
            rc[mine] = expected(index)[mine].copy()
            series.flush()


def read_every_value(path, iterations):
    with io.Series(path, io.Access.read_only, COMM) as series:
        assert sorted(series.iterations) == sorted(iterations)
        for index in iterations:
            it = series.iterations[index]
            assert it.get_attribute("ranks") == SIZE
            assert it.time == 0.5 * index
            rc = it.meshes["rho"][SCALAR]
            assert rc.unit_SI == 2.5
            assert len(rc.available_chunks()) == SIZE
            data = rc.load_chunk()
            series.flush()
            np.testing.assert_array_equal(data, expected(index))


def test_runs_on_two_ranks():
    assert SIZE == 2, "run with mpiexec -n 2"


@pytest.mark.parametrize("pattern", ["group.sqlite", "file_%T.sqlite"])
def test_sqlite_ranks_write_disjoint_chunks_and_every_rank_reads_all(directory,
                                                                    pattern):
    path = directory + "/" + pattern
    write(path, [1, 2, 3])
    COMM.Barrier()
    read_every_value(path, [1, 2, 3])
    # APPEND: rank 0 opens (or creates) first, the others open its file.
    write(path, [4], io.Access.append)
    COMM.Barrier()
    read_every_value(path, [1, 2, 3, 4])


def test_the_bridge_orders_create_file_and_flushes(directory):
    OrderedConnector.violations.clear()
    write(directory + "/f_%T.ordered", [1, 2, 3])
    assert OrderedConnector.violations == []
    COMM.Barrier()
    read_every_value(directory + "/f_%T.ordered", [1, 2, 3])


def test_a_chunk_failing_on_one_rank_fails_the_flush_on_every_rank(directory):
    path = directory + "/failing.failingrank"
    series = io.Series(path, io.Access.create, COMM)
    it = series.iterations[0]
    it.set_attribute("ranks", SIZE)
    it.time = 0.0
    rc = it.meshes["rho"][SCALAR]
    rc.reset_dataset(io.Dataset(np.float64, [SIZE * PER_RANK]))
    rc.unit_SI = 2.5
    mine = slice(RANK * PER_RANK, (RANK + 1) * PER_RANK)
    rc[mine] = expected(0)[mine].copy()
    message = "rank 1's disk is full" if RANK == 1 else "failed on 1 of 2 ranks"
    with pytest.raises(io.ErrorWriteError, match=message):
        series.flush()
    # Nothing hangs; the ranks are in step and the next flush is clean.
    if RANK == 1:
        rc[mine] = expected(0)[mine].copy()
    series.flush()
    series.close()
    COMM.Barrier()
    read_every_value(path, [0])


def test_the_memory_connector_is_per_process(directory):
    """Each rank's MemoryConnector has its own store: it sees its own chunks
    only (documented; a Series shared by the ranks needs SQLite)."""
    path = directory + "/scratch.pymem"
    write(path, [7])
    with io.Series(path, io.Access.read_only, COMM) as series:
        rc = series.iterations[7].meshes["rho"][SCALAR]
        assert rc.available_chunks()[0].offset == [RANK * PER_RANK]
        data = rc.load_chunk()
        series.flush()
    mine = slice(RANK * PER_RANK, (RANK + 1) * PER_RANK)
    np.testing.assert_array_equal(data[mine], expected(7)[mine])
    others = np.ones(SIZE * PER_RANK, dtype=bool)
    others[mine] = False
    assert (data[others] == 0).all()
