"""Writes, with h5py, a file in the layouts other codes use (variable-length
strings, other integer widths, big-endian data) for HDF5InteropTest.cpp."""
import sys

import h5py
import numpy as np

with h5py.File(sys.argv[1], "w") as f:
    f.attrs["openPMD"] = "1.1.0"  # h5py: variable-length UTF-8 string
    f.attrs["fixed"] = np.bytes_("fixed")  # fixed-length, NUL-padded
    f.attrs["labels"] = ["a", "bc", ""]  # array of variable-length strings
    f.attrs["short"] = np.int16(-5)
    f.attrs["u64"] = np.uint64(2**63 + 1)
    f.attrs["i8"] = np.int8(-7)
    f.attrs["u8s"] = np.array([1, 2, 255], dtype=np.uint8)
    f.attrs["flag"] = np.bool_(True)
    f.attrs["flags"] = np.array([True, False, True])
    f.attrs["c64"] = np.complex64(1 - 1j)
    f.attrs["f32s"] = np.array([0.5, 1.5], dtype=np.float32)
    mesh = f.create_group("data/100/meshes/B")
    mesh.attrs["unitDimension"] = np.array([0, 1, -2, -1, 0, 0, 0], dtype=np.float64)
    mesh.attrs["geometry"] = "cartesian"
    mesh.create_dataset("x", data=np.arange(6, dtype=">i4").reshape(3, 2))
    mesh.create_dataset("y", data=np.linspace(0, 1, 5, dtype=np.float32))
    mesh.create_dataset("w", data=np.array([-1, 2**40], dtype=np.int64), chunks=(1,))
    f.create_group("data/7")
