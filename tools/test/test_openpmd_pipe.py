"""openpmd-pipe between every pair of extensions of the build: structure,
attributes of all 38 types and data of all 17 dataset types survive
(checked independently through openpmd-ls --json --attributes, and by
--verify), constants and empties stay so, iteration selection, memory budget,
exit codes. Run by CTest (tools.openpmd_pipe.<from>_to_<to>)."""
import json
import os
import subprocess
import sys
import time

import pytest

LS = os.environ["OPENPMD_LS"]
PIPE = os.environ["OPENPMD_PIPE"]
MAKE_INPUT = os.environ["MAKE_PIPE_INPUT"]
SOURCE, TARGET = os.environ["TOOLS_TEST_PAIR"].split(":")


def run(*args, env=None):
    return subprocess.run([*args], capture_output=True, text=True, check=False, env=env)


# HDF5 cannot tell these apart (docs/tools.md, --verify): a copy through it
# may come back as the other one of a pair.
SAME_IN_HDF5 = {"LONGLONG": "LONG", "ULONGLONG": "ULONG", "SCHAR": "CHAR",
                "VEC_LONGLONG": "VEC_LONG", "VEC_ULONGLONG": "VEC_ULONG",
                "VEC_SCHAR": "VEC_CHAR", "ARR_DBL_7": "VEC_DOUBLE"}


def char_number(v):
    if isinstance(v, str) and len(v.encode("latin-1")) == 1:
        n = v.encode("latin-1")[0]
        return n - 256 if n > 127 else n
    return v


def canonical_types(value):
    if isinstance(value, dict) and value.get("type") in ("CHAR", "VEC_CHAR", "SCHAR",
                                                           "VEC_SCHAR"):
        # CHAR is listed as text, SCHAR as numbers: compare numbers.
        v = value["value"]
        return {"type": SAME_IN_HDF5.get(value["type"], value["type"]),
                "value": [char_number(x) for x in v] if isinstance(v, list)
                else char_number(v)}
    if isinstance(value, dict):
        return {k: (SAME_IN_HDF5.get(v, v) if k in ("type", "datatype") else
                    canonical_types(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [canonical_types(v) for v in value]
    return value


def listing(series, env=None):
    result = run(LS, "--json", "--attributes", series, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    if "h5" in (SOURCE, TARGET):
        data = canonical_types(data)
    for key in ("name", "backend", "iterationEncoding"):
        data["series"].pop(key)
    for key in ("iterationEncoding", "iterationFormat"):
        data["series"]["attributes"].pop(key)
    return data


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("pipe_in") / ("input." + SOURCE))
    made = run(MAKE_INPUT, path)
    assert made.returncode == 0, made.stderr
    return path


@pytest.mark.parametrize("pattern", ["out.{}", "out_%T.{}"])
def test_copy_keeps_everything(source, tmp_path, pattern):
    out = str(tmp_path / pattern.format(TARGET))
    result = run(PIPE, "--in", source, "--out", out, "--verify")
    assert result.returncode == 0, result.stderr
    assert "verified 2 iterations" in result.stderr
    assert listing(out) == listing(source)
    copied = listing(out)
    it = copied["iterations"][0]
    assert it["attributes"]["clongdouble"]["type"] == "CLONG_DOUBLE"
    assert it["attributes"]["vec_cfloat"]["type"] == "VEC_CFLOAT"
    assert it["attributes"]["vec_ushort"]["type"] == "VEC_USHORT"
    assert it["attributes"]["bool"] == {"type": "BOOL", "value": False}
    assert it["meshes"]["rho"]["constant"] is True
    assert it["meshes"]["none"]["shape"] == [0, 0]
    assert it["meshes"]["types"]["components"]["cdouble"]["datatype"] == "CDOUBLE"


def test_iteration_selection_and_tiny_budget(source, tmp_path):
    out = str(tmp_path / ("sel." + TARGET))
    result = run(PIPE, "--in", source, "--out", out, "--iterations", "150:", "--max-memory",
                 "16B", "--verify", "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # --quiet
    assert listing(out)["allIterations"] == [200]


def test_bad_input_and_usage(source, tmp_path):
    for args in (["--in", source], ["--out", "x.json"], ["--in", source, "--out"],
                 ["--in", source, "--out", "o.json", "--max-memory", "lots"],
                 ["--in", source, "--out", "o.json", "--bogus"]):
        result = run(PIPE, *args)
        assert result.returncode == 64, (args, result.stderr)
        assert result.stderr.count("\n") == 1
    missing = run(PIPE, "--in", str(tmp_path / ("missing." + SOURCE)), "--out",
                  str(tmp_path / ("o." + TARGET)))
    assert missing.returncode == 2
    assert missing.stderr.startswith("openpmd-pipe: cannot open")
    assert missing.stderr.count("\n") == 1
    # A directory below a regular file cannot be created.
    nowhere = run(PIPE, "--in", source, "--out", source + "/o." + TARGET)
    assert nowhere.returncode == 2, nowhere.stderr
    assert nowhere.stderr.count("\n") == 1


PEAK_RSS = ("import resource, subprocess, sys; "
            "r = subprocess.run(sys.argv[1:], capture_output=True); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


@pytest.mark.skipif(not os.environ.get("TOOLS_TEST_LARGE") or (SOURCE, TARGET) != ("h5", "h5"),
                    reason="in the normal build, h5 to h5 only (JSON keeps a whole file "
                           "in memory)")
def test_memory_stays_within_the_budget(tmp_path):
    """A 96 MiB dataset piped with --max-memory 8MiB: the pipe's peak RSS
    stays far below the dataset size."""
    source = str(tmp_path / "large.h5")
    assert run(MAKE_INPUT, source, "96").returncode == 0
    measured = run(sys.executable, "-c", PEAK_RSS, PIPE, "--in", source, "--out",
                   str(tmp_path / "large_out.h5"), "--max-memory", "8MiB", "--verify")
    status, peak_kib = map(int, measured.stdout.split())
    assert status == 0
    print("peak RSS of openpmd-pipe --verify: %.1f MiB for a 96 MiB dataset"
          % (peak_kib / 1024))
    assert peak_kib / 1024 < 64


@pytest.mark.skipif(SOURCE != "h5", reason="one input backend is enough")
@pytest.mark.parametrize("pattern", ["resumed.{}", "resumed_%T.{}"])
def test_a_killed_conversion_resumes(tmp_path, pattern):
    """The pipe is killed once it completed two iterations; --resume redoes
    only the rest, and the result verifies."""
    source = str(tmp_path / "many.h5")
    assert run(MAKE_INPUT, source, "1", "8").returncode == 0
    out = str(tmp_path / pattern.format(TARGET))
    progress = out + ".pipe-progress"
    # Small pieces make the copy slow enough to be killed midway (JSON
    # flushes cost more: larger pieces there).
    budget = "8KiB" if TARGET == "h5" else "128KiB"
    pipe = subprocess.Popen([PIPE, "--in", source, "--out", out, "--max-memory", budget,
                             "--quiet"], stderr=subprocess.PIPE)
    completed = 0
    while pipe.poll() is None:
        try:
            with open(progress) as f:
                completed = len(f.read().splitlines()) - 1
        except FileNotFoundError:
            pass
        if completed >= 2:
            pipe.kill()
            break
        time.sleep(0.005)
    pipe.wait()
    if completed < 2 or pipe.returncode == 0:
        pytest.skip("the conversion finished before it could be killed")
    assert os.path.exists(progress)
    resumed = run(PIPE, "--in", source, "--out", out, "--resume", "--verify",
                  "--max-memory", "1MiB")
    assert resumed.returncode == 0, resumed.stderr
    skipped = int(resumed.stderr.split("resuming: ")[1].split()[0])
    assert skipped >= 2
    assert "verified 8 iterations" in resumed.stderr
    assert not os.path.exists(progress)
    again = run(PIPE, "--in", source, "--out", out, "--resume")
    assert again.returncode == 0 and "nothing to resume" in again.stderr


@pytest.mark.skipif(not os.environ.get("MPIEXEC"), reason="built without MPI")
@pytest.mark.parametrize("pattern", ["mpi.{}", "mpi_%T.{}"])
def test_two_ranks_write_one_series(source, tmp_path, pattern):
    """mpiexec -n 2: the ranks split every dataset's pieces (a 16-byte budget
    makes many) and write one series equal to the input."""
    out = str(tmp_path / pattern.format(TARGET))
    result = run(os.environ["MPIEXEC"], "--allow-run-as-root", "--oversubscribe", "-n", "2",
                 PIPE, "--in", source, "--out", out, "--max-memory", "16B", "--verify")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.count("verified 2 iterations") == 1  # rank 0 speaks
    assert listing(out) == listing(source)


@pytest.mark.skipif(not os.environ.get("MEMORY_PLUGIN_DIR"), reason="no memory plugin")
def test_into_a_plugin_backend(source, tmp_path):
    """Any registered backend: the memory plugin (loaded by OPENPMD_PLUGINS)
    holds the copy in the pipe's process, where --verify reads it back."""
    env = dict(os.environ, OPENPMD_PLUGIN_PATH=os.environ["MEMORY_PLUGIN_DIR"],
               OPENPMD_PLUGINS="memory")
    result = subprocess.run([PIPE, "--in", source, "--out", str(tmp_path / "copy_%T.mem"),
                             "--verify"], env=env, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "verified 2 iterations" in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing on disk


@pytest.mark.skipif(not os.environ.get("PYTHON_PLUGIN_DIR"), reason="no python plugin")
@pytest.mark.parametrize("connector", ["memory:MemoryConnector", "sqlite:SQLiteConnector"])
def test_into_and_out_of_a_python_connector(source, tmp_path, connector):
    """Python connectors through the python plugin, chosen by environment
    alone: the pipe copies into one and verifies; for SQLite, whose files
    outlive the process, openpmd-ls lists the copy like the input and a
    second pipe copies it back out."""
    env = dict(os.environ, OPENPMD_PLUGIN_PATH=os.environ["PYTHON_PLUGIN_DIR"],
               PYTHONPATH=os.environ["OPENPMD_PYTHON_BUILD_DIR"],
               OPENPMD_PYTHON_CONNECTOR="openpmd_api.connectors." + connector)
    extension = "pymem" if connector.startswith("memory") else "sqlite"
    copy = str(tmp_path / ("copy." + extension))
    result = run(PIPE, "--in", source, "--out", copy, "--verify", env=env)
    assert result.returncode == 0, result.stderr
    assert "verified 2 iterations" in result.stderr
    if extension == "sqlite":
        assert listing(copy, env)["iterations"] == listing(source)["iterations"]
        back = str(tmp_path / ("back." + TARGET))
        result = run(PIPE, "--in", copy, "--out", back, "--verify", env=env)
        assert result.returncode == 0, result.stderr
        assert listing(back)["iterations"] == listing(source)["iterations"]


def test_progress_bar_only_on_a_terminal(source, tmp_path):
    import pty
    master, slave = pty.openpty()
    result = subprocess.run([PIPE, "--in", source, "--out", str(tmp_path / ("p." + TARGET))],
                            stdout=subprocess.PIPE, stderr=slave, check=False)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal is closed and drained
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert result.returncode == 0
    text = shown.decode()
    assert "\r[" in text and "] 2/2 iterations," in text and "s left" in text, text
    # Not a terminal: no bar, only the summary line.
    plain = run(PIPE, "--in", source, "--out", str(tmp_path / ("q." + TARGET)))
    assert "\r" not in plain.stderr and plain.stderr.startswith("openpmd-pipe: copied")
