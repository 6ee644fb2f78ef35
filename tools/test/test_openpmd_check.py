"""openpmd-check: what the test suite's writers produce is clean; a series
with each kind of error (made by editing a clean one: plain JSON for .json,
h5py for .h5) gives that error with its path; --json; exit codes. Run by
CTest (tools.openpmd_check.<ext>)."""
import json
import os
import shutil
import subprocess

import pytest

CHECK = os.environ["OPENPMD_CHECK"]
PIPE = os.environ["OPENPMD_PIPE"]
MAIN_SIMULATION = os.environ["MAIN_SIMULATION"]
MAKE_INPUT = os.environ["MAKE_PIPE_INPUT"]
EXT = os.environ["TOOLS_TEST_EXTENSION"]


def run(*args):
    return subprocess.run([*args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    directory = tmp_path_factory.mktemp("check_" + EXT)
    assert run(MAIN_SIMULATION, EXT, str(directory)).returncode == 0
    return directory / ("main_simulation." + EXT)


def test_the_writers_of_the_test_suite_write_clean_series(clean, tmp_path):
    every_type = str(tmp_path / ("types_%06T." + EXT))  # padded: iterationFormat %06T
    assert run(MAKE_INPUT, every_type).returncode == 0
    for series in (str(clean), every_type):
        result = run(CHECK, series)
        assert result.returncode == 0, result.stdout
        assert result.stdout.endswith(": 0 errors, 0 warnings\n"), result.stdout
        listed = json.loads(run(CHECK, "--json", series).stdout)
        assert listed == {"errors": [], "warnings": [], "clean": True}


# Each edit of the clean series and the finding it must cause:
# (name, edit, severity, path, message part).
def edits():
    E = "/data/10/fields/E"
    electrons = "/data/10/particles/electrons"
    return [
        ("no basePath", ("del", "/", "basePath"), "error", "/",
         "attribute 'basePath' (STRING) is required but missing"),
        ("string extension", ("set", "/", "openPMDextension", "STRING", "0"), "error", "/",
         "attribute 'openPMDextension' has type STRING"),
        ("bad date", ("set", "/", "date", "STRING", "yesterday"), "error", "/",
         "date 'yesterday' is not in the format"),
        ("old version", ("set", "/", "openPMD", "STRING", "0.9.0"), "error", "/",
         "openPMD is '0.9.0'"),
        ("no time", ("del", "/data/10", "time"), "error", "/data/10",
         "attribute 'time'"),
        ("two axis labels", ("set", E, "axisLabels", "VEC_STRING", ["y", "x"]), "error", E,
         "axisLabels has 2 entries, the mesh has 3 dimensions"),
        ("six unit dimensions", ("set", E, "unitDimension", "VEC_DOUBLE", [0.0] * 6),
         "error", E, "unitDimension has 6 entries, expected 7"),
        ("bad data order", ("set", E, "dataOrder", "STRING", "X"), "error", E,
         "dataOrder is 'X'"),
        # The library itself refuses such a component: the iteration is
        # reported as unreadable, the message names the component.
        ("no unitSI", ("del", E + "/x", "unitSI"), "error", "/data/10",
         "has no attribute unitSI"),
        ("no author", ("del", "/", "author"), "warning", "/",
         "attribute 'author' (STRING) is recommended but missing"),
        ("no particle unitDimension", ("del", electrons + "/momentum", "unitDimension"),
         "error", electrons + "/momentum", "attribute 'unitDimension'"),
    ]


def json_node(document, path):
    node = document
    for part in [p for p in path.split("/") if p]:
        node = node[part]
    return node


def edit_json(path, edit):
    with open(path) as f:
        document = json.load(f)
    kind, where, name = edit[:3]
    attributes = json_node(document, where).setdefault("attributes", {})
    if kind == "del":
        del attributes[name]
    else:
        attributes[name] = {"datatype": edit[3], "value": edit[4]}
    with open(path, "w") as f:
        json.dump(document, f)


def edit_h5(path, edit):
    h5py = pytest.importorskip("h5py")
    import numpy as np
    kind, where, name = edit[:3]
    with h5py.File(path, "r+") as f:
        attributes = f[where].attrs
        if kind == "del":
            del attributes[name]
        elif edit[3] == "STRING":
            attributes[name] = np.bytes_(edit[4].encode())
        elif edit[3] == "VEC_STRING":
            attributes[name] = np.array([s.encode() for s in edit[4]], dtype="S")
        elif edit[3] == "UINT":
            attributes[name] = np.uint32(edit[4])
        else:
            attributes[name] = np.array(edit[4], dtype=np.float64)


@pytest.mark.parametrize("edit", edits(), ids=[e[0] for e in edits()])
def test_each_kind_of_error_is_found_with_its_path(clean, tmp_path, edit):
    _, change, severity, path, message = edit
    broken = tmp_path / ("broken." + EXT)
    shutil.copy(clean, broken)
    (edit_json if EXT == "json" else edit_h5)(str(broken), change)
    result = run(CHECK, "--json", str(broken))
    if result.returncode == 2:
        # The library refuses to read it at all: that is reported too, as
        # one line naming the file.
        assert result.stderr.startswith("openpmd-check: cannot read '" + str(broken))
        assert result.stderr.count("\n") == 1
        return
    findings = json.loads(result.stdout)
    listed = findings[severity + "s"]
    assert any(f["path"] == path and message in f["message"] for f in listed), findings
    assert result.returncode == (1 if severity == "error" else 0)
    assert findings["clean"] == (severity != "error")
    text = run(CHECK, str(broken)).stdout
    assert "%s: %s: " % (severity, path) in text


def test_particle_patches(tmp_path):
    """Patch records: all four present, the components of position, each
    patch within the species' particles (make_pipe_input writes two clean
    patches: particles 0-2 and 3-4 of 5)."""
    patches = "/data/100/particles/electrons/particlePatches"
    cases = [
        (("delete", patches + "/numParticlesOffset"), patches,
         "patch record 'numParticlesOffset' is required but missing"),
        (("delete", patches + "/offset/y"), patches + "/offset",
         "its components differ from those of the record position"),
        (("value", patches + "/numParticles", 1, 9), patches,
         "patch 1 holds particles 3 to 12, the species has 5"),
    ]
    for change, path, message in cases:
        series = tmp_path / ("patches." + EXT)
        assert run(MAKE_INPUT, str(series)).returncode == 0
        assert run(CHECK, str(series)).returncode == 0
        kind, where = change[:2]
        if EXT == "json":
            with open(series) as f:
                document = json.load(f)
            parent, name = where.rsplit("/", 1)
            if kind == "delete":
                del json_node(document, parent)[name]
            else:
                json_node(document, where)["data"][change[2]] = change[3]
            with open(series, "w") as f:
                json.dump(document, f)
        else:
            h5py = pytest.importorskip("h5py")
            with h5py.File(series, "r+") as f:
                if kind == "delete":
                    del f[where]
                else:
                    f[where][change[2]] = change[3]
        result = run(CHECK, "--json", str(series))
        assert result.returncode == 1, (change, result.stdout, result.stderr)
        findings = json.loads(result.stdout)["errors"]
        assert any(f["path"] == path and message in f["message"] for f in findings), \
            (change, findings)


def test_variable_based_has_no_iteration_level(clean, tmp_path):
    """openPMD-api's variable-based encoding (not in openPMD 1.x: a warning)
    writes basePath and iterationFormat '/data' (basePath may also keep
    '/data/%T/'); /data itself is the iteration, findings name it so."""
    variable = tmp_path / ("variable." + EXT)
    copied = run(PIPE, "--in", str(clean), "--out", str(variable), "--iterations", "10",
                 "--out-options", '{"iteration_encoding": "variable_based"}', "--quiet")
    assert copied.returncode == 0, copied.stderr
    findings = json.loads(run(CHECK, "--json", str(variable)).stdout)
    assert findings["errors"] == [], findings
    assert [w["message"] for w in findings["warnings"]] == [
        "iterationEncoding 'variableBased' is not part of openPMD 1.x"]
    edit = edit_json if EXT == "json" else edit_h5
    edit(str(variable), ("set", "/", "basePath", "STRING", "/data/%T/"))
    assert run(CHECK, str(variable)).returncode == 0
    edit(str(variable), ("set", "/", "iterationFormat", "STRING", "/data/%T/"))
    edit(str(variable), ("del", "/data/fields/E", "dataOrder"))
    result = run(CHECK, "--json", str(variable))
    assert result.returncode == 1
    errors = {(e["path"], e["message"]) for e in json.loads(result.stdout)["errors"]}
    assert errors == {
        ("/", "iterationFormat is '/data/%T/', expected '/data' (variableBased: "
              "no iteration level)"),
        ("/data/fields/E", "attribute 'dataOrder' (STRING) is required but missing")}


def test_thetamode_datasets_have_a_mode_axis(clean, tmp_path):
    """thetaMode (openPMD 1.1.0, geometry): 3-D datasets (mode, r, z) on a
    2-D grid, so axisLabels, gridSpacing, gridGlobalOffset and position have
    2 entries. E of the clean series (2x3x4) becomes such a mesh."""
    E = "/data/10/fields/E"
    theta = tmp_path / ("theta." + EXT)
    shutil.copy(clean, theta)
    edit = edit_json if EXT == "json" else edit_h5
    edit(str(theta), ("set", E, "geometry", "STRING", "thetaMode"))
    edit(str(theta), ("set", E, "geometryParameters", "STRING", "m=1;imag=+"))
    edit(str(theta), ("set", E, "axisLabels", "VEC_STRING", ["r", "z"]))
    edit(str(theta), ("set", E, "gridSpacing", "VEC_DOUBLE", [1.0, 1.0]))
    edit(str(theta), ("set", E, "gridGlobalOffset", "VEC_DOUBLE", [0.0, 0.0]))
    for axis in "xyz":
        edit(str(theta), ("set", E + "/" + axis, "position", "VEC_DOUBLE", [0.0, 0.5]))
    result = run(CHECK, "--iterations", "10", str(theta))
    assert result.returncode == 0, result.stdout + result.stderr
    edit(str(theta), ("set", E, "axisLabels", "VEC_STRING", ["x", "r", "z"]))
    edit(str(theta), ("set", E + "/y", "position", "VEC_DOUBLE", [0.0, 0.5, 0.0]))
    result = run(CHECK, "--json", "--iterations", "10", str(theta))
    errors = {(e["path"], e["message"]) for e in json.loads(result.stdout)["errors"]}
    assert errors == {(E, "axisLabels has 3 entries, the mesh has 2 dimensions"),
                      (E + "/y", "position has 3 entries, the mesh has 2 dimensions")}
    if EXT != "json":
        return  # reshaping datasets is simplest in JSON
    with open(theta) as f:
        document = json.load(f)
    for axis in "xyz":
        component = json_node(document, E + "/" + axis)
        component["data"] = component["data"][0]  # 2x3x4 -> 3x4
    with open(theta, "w") as f:
        json.dump(document, f)
    result = run(CHECK, "--json", "--iterations", "10", str(theta))
    errors = {(e["path"], e["message"]) for e in json.loads(result.stdout)["errors"]}
    assert {(E + "/" + axis, "has 2 dimensions, a thetaMode component has 3 (mode, r, z)")
            for axis in "xyz"} <= errors, errors


def test_ed_pic_attributes_where_the_extension_puts_them(clean, tmp_path):
    """ED-PIC 1.1.0 (bit 1 of openPMDextension): fieldSolver, fieldBoundary,
    particleBoundary, currentSmoothing and chargeCorrection are attributes of
    the group meshesPath, fieldSmoothing of each mesh; the species and each
    of its records have their own."""
    fields = "/data/10/fields"
    electrons = "/data/10/particles/electrons"
    records = ["momentum", "position", "positionOffset", "weighting"]
    edpic = tmp_path / ("edpic." + EXT)
    shutil.copy(clean, edpic)
    edit = edit_json if EXT == "json" else edit_h5

    def errors():
        result = run(CHECK, "--json", "--iterations", "10", str(edpic))
        return {(e["path"], e["message"]) for e in json.loads(result.stdout)["errors"]}

    edit(str(edpic), ("set", "/", "openPMDextension", "UINT", 1))
    missing = {(path, "attribute '%s' (%s) is required but missing" % (name, types))
               for path, name, types in
               [(fields, name, "STRING") for name in
                ("fieldSolver", "currentSmoothing", "chargeCorrection")] +
               [(fields, name, "VEC_STRING") for name in
                ("fieldBoundary", "particleBoundary")] +
               [(fields + "/E", "fieldSmoothing", "STRING"),
                (electrons, "particleShape", "FLOAT or DOUBLE or LONG_DOUBLE")] +
               [(electrons, name, "STRING") for name in
                ("currentDeposition", "particlePush", "particleInterpolation",
                 "particleSmoothing")] +
               [(electrons + "/" + record, "macroWeighted", "UINT")
                for record in records] +
               [(electrons + "/" + record, "weightingPower",
                 "FLOAT or DOUBLE or LONG_DOUBLE") for record in records]}
    assert errors() == missing

    for name, value in [("fieldSolver", "Yee"), ("currentSmoothing", "none"),
                        ("chargeCorrection", "none")]:
        edit(str(edpic), ("set", fields, name, "STRING", value))
    edit(str(edpic), ("set", fields, "fieldBoundary", "VEC_STRING", ["periodic"] * 6))
    edit(str(edpic), ("set", fields, "particleBoundary", "VEC_STRING", ["absorbing"] * 6))
    edit(str(edpic), ("set", fields + "/E", "fieldSmoothing", "STRING", "none"))
    edit(str(edpic), ("set", electrons, "particleShape", "DOUBLE", 1.0))
    for name, value in [("currentDeposition", "Esirkepov"), ("particlePush", "Boris"),
                        ("particleInterpolation", "uniform"),
                        ("particleSmoothing", "none")]:
        edit(str(edpic), ("set", electrons, name, "STRING", value))
    for record in records:
        edit(str(edpic), ("set", electrons + "/" + record, "macroWeighted", "UINT", 0))
        edit(str(edpic), ("set", electrons + "/" + record, "weightingPower", "DOUBLE",
                          1.0 if record == "weighting" else 0.0))
    assert errors() == set()

    edit(str(edpic), ("set", fields, "fieldBoundary", "VEC_STRING", ["open"] * 4))
    assert errors() == {(fields, "ED-PIC: fieldBoundary has 4 entries, expected 2 per "
                                 "dimension of the meshes (3)")}


def test_a_bad_name_is_a_warning(clean, tmp_path):
    if EXT != "json":
        pytest.skip("renaming is simplest in JSON")
    broken = tmp_path / "renamed.json"
    with open(clean) as f:
        document = json.load(f)
    fields = document["data"]["0"]["fields"]
    fields["E-field"] = fields.pop("E")
    with open(broken, "w") as f:
        json.dump(document, f)
    result = run(CHECK, "--json", "--iterations", "0", str(broken))
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    assert any(w["path"] == "/data/0/fields/E-field" and "'E-field'" in w["message"]
               for w in warnings), warnings


def test_exit_codes_of_bad_input(tmp_path):
    missing = run(CHECK, str(tmp_path / ("missing." + EXT)))
    assert missing.returncode == 2
    assert missing.stderr.startswith("openpmd-check: cannot read")
    assert missing.stderr.count("\n") == 1 and missing.stdout == ""
    for args in ([], ["--bogus", "x.json"], ["--iterations", "a", "x.json"]):
        result = run(CHECK, *args)
        assert result.returncode == 64
        assert result.stderr.count("\n") == 1
    assert run(CHECK, "--help").stdout.startswith("usage: openpmd-check")
