"""Checks, with h5py, the on-disk types of a file libopenPMD wrote
(HDF5InteropTest.cpp): what openPMD-api, h5py and the validator rely on.
Prints every mismatch and exits 1 if there is one."""
import sys

import h5py
import numpy as np

problems = []


def expect(condition, what):
    if not condition:
        problems.append(what)


def raw_type(obj, name):
    return h5py.h5a.open(obj.id, name.encode()).get_type()


def check_fixed_string(obj, name, value):
    t = raw_type(obj, name)
    expect(isinstance(t, h5py.h5t.TypeStringID), f"{name}: not a string type")
    if isinstance(t, h5py.h5t.TypeStringID):
        expect(not t.is_variable_str(), f"{name}: variable-length string")
        expect(t.get_cset() == h5py.h5t.CSET_ASCII, f"{name}: not ASCII")
        expect(t.get_strpad() == h5py.h5t.STR_NULLTERM, f"{name}: not NUL-terminated")
    if isinstance(value, list):
        expect(t.get_size() == max(len(v) for v in value) + 1, f"{name}: size {t.get_size()}")
        got = [v.decode() for v in obj.attrs[name]]
    else:
        expect(t.get_size() == len(value) + 1, f"{name}: size {t.get_size()}")
        got = obj.attrs[name].decode()
    expect(got == value, f"{name}: value {got!r} != {value!r}")


with h5py.File(sys.argv[1], "r") as f:
    check_fixed_string(f, "openPMD", "1.1.0")
    check_fixed_string(f, "basePath", "/data/%T/")
    expect(f.attrs["openPMDextension"].dtype == np.uint32, "openPMDextension: not uint32")
    expect(f.attrs["openPMDextension"] == 0, "openPMDextension: not 0")

    it = f["data/100"]
    expect(it.attrs["time"].dtype == np.float64, "time: not float64")
    mesh = f["data/100/meshes/E"]
    check_fixed_string(mesh, "axisLabels", ["x", "yy"])
    check_fixed_string(mesh, "geometry", "cartesian")
    ud = mesh.attrs["unitDimension"]
    expect(ud.shape == (7,) and ud.dtype == np.float64, f"unitDimension: {ud.shape} {ud.dtype}")
    expect(list(ud) == [1, 1, -3, -1, 0, 0, 0], f"unitDimension: {list(ud)}")
    expect(mesh.attrs["timeOffset"].dtype == np.float32, "timeOffset: not float32")
    expect(mesh.attrs["count"].dtype == np.uint32, "count: not uint32")
    expect(mesh.attrs["count"] == 42, "count: not 42")
    expect(mesh.attrs["gridSpacing"].dtype == np.float64, "gridSpacing: not float64")
    expect(list(mesh.attrs["gridSpacing"]) == [0.5, 0.25], "gridSpacing: values")

    flag = mesh.attrs["flag"]
    expect(isinstance(flag, (bool, np.bool_)) and bool(flag), f"flag: {flag!r}")
    t = raw_type(mesh, "flag")
    expect(isinstance(t, h5py.h5t.TypeEnumID), "flag: not an enum")
    if isinstance(t, h5py.h5t.TypeEnumID):
        base = t.get_super()
        expect(base.get_size() == 1 and base.get_sign() == h5py.h5t.SGN_2, "flag: base not int8")
        members = {t.get_member_name(i): t.get_member_value(i) for i in range(t.get_nmembers())}
        expect(members == {b"TRUE": 1, b"FALSE": 0}, f"flag: members {members}")

    phase = mesh.attrs["phase"]
    expect(phase.dtype == np.complex128 and phase == 1.5 - 2j, f"phase: {phase!r}")
    t = raw_type(mesh, "phase")
    expect(isinstance(t, h5py.h5t.TypeCompoundID), "phase: not a compound")
    if isinstance(t, h5py.h5t.TypeCompoundID):
        names = [t.get_member_name(i) for i in range(t.get_nmembers())]
        expect(names == [b"r", b"i"], f"phase: members {names}")

    x = f["data/100/meshes/E/x"]
    expect(x.dtype == np.float64 and x.shape == (2, 3), f"E/x: {x.dtype} {x.shape}")
    expect(np.array_equal(x[()], np.arange(6.0).reshape(2, 3)), "E/x: values")
    shape = f["data/100/meshes/E/y"].attrs["shape"]
    expect(shape.dtype == np.uint64 and list(shape) == [2, 3], f"E/y shape: {shape!r}")
    z = f["data/100/meshes/E/z"]
    expect(z.dtype == np.complex64, f"E/z: {z.dtype}")
    expect(np.array_equal(z[()], np.array([1 + 2j, 3 - 4j], dtype=np.complex64)), "E/z: values")

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
