"""openpmd-ls on a series that the main job (examples/main_simulation)
writes, for every extension of the build: what it lists, its options, and
its exit codes on bad input. Run by CTest (tools.openpmd_ls.<ext>) with
OPENPMD_LS, MAIN_SIMULATION and TOOLS_TEST_EXTENSION set."""
import json
import os
import subprocess

import pytest

LS = os.environ["OPENPMD_LS"]
MAIN_SIMULATION = os.environ["MAIN_SIMULATION"]
EXT = os.environ["TOOLS_TEST_EXTENSION"]


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    directory = tmp_path_factory.mktemp("ls_" + EXT)
    written = subprocess.run([MAIN_SIMULATION, EXT, str(directory)], capture_output=True,
                             text=True, check=False)
    assert written.returncode == 0, written.stderr
    return str(directory / ("main_simulation." + EXT))


def ls(*args):
    return subprocess.run([LS, *args], capture_output=True, text=True, check=False)


def ls_json(*args):
    result = ls("--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_lists_iterations_meshes_and_species(series):
    listing = ls_json(series)
    assert listing["series"]["backend"] == {"json": "JSON", "h5": "HDF5"}.get(EXT, listing["series"]["backend"])
    assert listing["allIterations"] == [0, 10, 20, 30]
    assert [it["index"] for it in listing["iterations"]] == [0, 10, 20, 30]
    first = listing["iterations"][0]
    E = first["meshes"]["E"]
    assert E["scalar"] is False
    assert sorted(E["components"]) == ["x", "y", "z"]
    for component in E["components"].values():
        assert component == {"datatype": "DOUBLE", "shape": [2, 3, 4], "constant": False}
    electrons = first["particles"]["electrons"]
    assert electrons["count"] == 5
    assert sorted(electrons["records"]) == ["momentum", "position", "positionOffset",
                                            "weighting"]
    weighting = electrons["records"]["weighting"]
    assert weighting["scalar"] is True and weighting["constant"] is True
    assert weighting["shape"] == [5]
    assert electrons["records"]["positionOffset"]["components"]["x"]["constant"] is True


def test_text_output(series):
    result = ls(series)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "number of iterations: 4" in out
    assert "all iterations: 0 10 20 30" in out
    assert "  mesh E\n    x: DOUBLE 2x3x4\n" in out
    assert "  species electrons: 5 particles\n" in out
    assert "    weighting: DOUBLE 5 (constant)\n" in out


def test_iteration_selection(series):
    assert [it["index"] for it in ls_json("--iterations", "10:20", series)["iterations"]] == [10, 20]
    assert [it["index"] for it in ls_json("--iterations", "0::20,30", series)["iterations"]] == [0, 20, 30]
    assert [it["index"] for it in ls_json("--iterations", ":5", series)["iterations"]] == [0]
    assert ls_json("--iterations", "31:", series)["iterations"] == []


def test_attributes_with_types(series):
    listing = ls_json("--attributes", series)
    root = listing["series"]["attributes"]
    assert root["openPMD"] == {"type": "STRING", "value": "1.1.0"}
    assert root["iterationEncoding"]["value"] == "groupBased"
    E = listing["iterations"][1]["meshes"]["E"]
    assert E["attributes"]["axisLabels"] == {"type": "VEC_STRING", "value": ["z", "y", "x"]}
    assert E["attributes"]["gridUnitSI"] == {"type": "DOUBLE", "value": 1e-6}
    assert E["attributes"]["unitDimension"]["type"] == "ARR_DBL_7"
    assert "unitSI" in E["components"]["x"]["attributes"]
    text = ls("--attributes", series).stdout
    assert '@axisLabels (VEC_STRING) = ["z","y","x"]' in text


def test_chunks(series):
    listing = ls_json("--chunks", "--iterations", "0", series)
    E_x = listing["iterations"][0]["meshes"]["E"]["components"]["x"]
    assert E_x["chunks"], "a written component has at least one chunk"
    covered = sum(c["extent"][0] * c["extent"][1] * c["extent"][2] for c in E_x["chunks"])
    assert covered == 2 * 3 * 4
    weighting = listing["iterations"][0]["particles"]["electrons"]["records"]["weighting"]
    assert "chunks" not in weighting  # constant: no storage


def test_help_and_usage_errors(series):
    result = ls("--help")
    assert result.returncode == 0 and result.stdout.startswith("usage: openpmd-ls")
    for args in ([], ["--bogus", series], ["--iterations", "x:1", series],
                 ["--iterations", "1:2:0", series], ["--iterations"], [series, series]):
        result = ls(*args)
        assert result.returncode == 64, (args, result.stderr)
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("openpmd-ls: ")


def test_unreadable_input_is_one_line_and_exit_2(tmp_path):
    missing = ls(str(tmp_path / ("missing." + EXT)))
    broken_path = tmp_path / ("broken." + EXT)
    broken_path.write_bytes(b"\x89HDF\r\n\x1a\n" + b"garbage" * 10)
    broken = ls(str(broken_path))
    unknown = ls(str(tmp_path / "data.unknownextension"))
    for result in (missing, broken, unknown):
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("openpmd-ls: cannot open '")
        assert result.stderr.count("\n") == 1, result.stderr
        assert "terminate" not in result.stderr
