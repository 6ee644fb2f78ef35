"""Checks, with h5py, the attribute types of a series that libopenPMD's
frontend wrote with its default attributes (HDF5SeriesTest.cpp). Prints
every mismatch and exits 1 if there is one."""
import sys

import h5py
import numpy as np

problems = []


def expect(condition, what):
    if not condition:
        problems.append(what)


def attr_type(obj, name):
    return h5py.h5a.open(obj.id, name.encode()).get_type()


def fixed_ascii(obj, name):
    t = attr_type(obj, name)
    ok = isinstance(t, h5py.h5t.TypeStringID) and not t.is_variable_str()
    expect(ok, f"{obj.name}@{name}: not a fixed-length string")
    if ok:
        expect(t.get_cset() == h5py.h5t.CSET_ASCII, f"{obj.name}@{name}: not ASCII")


def dtype_is(obj, name, dtype, shape=None):
    value = obj.attrs[name]
    got = np.asarray(value)
    expect(got.dtype == dtype, f"{obj.name}@{name}: dtype {got.dtype}, expected {dtype}")
    if shape is not None:
        expect(got.shape == shape, f"{obj.name}@{name}: shape {got.shape}, expected {shape}")


with h5py.File(sys.argv[1], "r") as f:
    for name in ["openPMD", "basePath", "iterationEncoding", "iterationFormat",
                 "meshesPath", "particlesPath", "software", "softwareVersion", "date"]:
        fixed_ascii(f, name)
    expect(f.attrs["openPMD"].decode() == "1.1.0", "openPMD is not 1.1.0")
    dtype_is(f, "openPMDextension", np.uint32)

    it = f["/data/100"]
    for name in ["time", "dt", "timeUnitSI"]:
        dtype_is(it, name, np.float64)

    E = it["meshes/E"]
    fixed_ascii(E, "geometry")
    fixed_ascii(E, "dataOrder")
    fixed_ascii(E, "axisLabels")
    dtype_is(E, "timeOffset", np.float32)
    dtype_is(E, "unitDimension", np.float64, (7,))
    dtype_is(E, "gridSpacing", np.float64)
    dtype_is(E, "gridGlobalOffset", np.float64)
    dtype_is(E, "gridUnitSI", np.float64)
    dtype_is(E["x"], "unitSI", np.float64)
    dtype_is(E["x"], "position", np.float64)
    expect(list(E.attrs["unitDimension"]) == [1, 1, -3, -1, 0, 0, 0], "E unitDimension")

    flag = attr_type(E, "flag")
    expect(isinstance(flag, h5py.h5t.TypeEnumID), "flag: not an enum")
    if isinstance(flag, h5py.h5t.TypeEnumID):
        expect(flag.get_size() == 1, "flag: enum base is not 1 byte")
        names = {flag.get_member_name(i).decode(): flag.get_member_value(i)
                 for i in range(flag.get_nmembers())}
        expect(names == {"TRUE": 1, "FALSE": 0}, f"flag: members {names}")

    phase = attr_type(E, "phase")
    expect(isinstance(phase, h5py.h5t.TypeCompoundID), "phase: not a compound")
    if isinstance(phase, h5py.h5t.TypeCompoundID):
        members = [phase.get_member_name(i).decode() for i in range(phase.get_nmembers())]
        expect(members == ["r", "i"], f"phase: members {members}")
    expect(complex(E.attrs["phase"]) == complex(1.5, -2), "phase: value")

    pos = it["particles/e/position"]
    dtype_is(pos, "timeOffset", np.float32)
    expect(list(pos.attrs["unitDimension"]) == [1, 0, 0, 0, 0, 0, 0],
           "position unitDimension has no L=1")
    expect(pos["x"].dtype == np.float64, "position/x is not float64")

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
