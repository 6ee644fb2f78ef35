"""Writes openPMD series the way other HDF5 codes do (h5py defaults:
variable-length strings), for HDF5SeriesTest.cpp to read.
Usage: write_foreign_series.py <kind> <file>
  v100          openPMD 1.0.0, no meshesPath/particlesPath attributes
  string_number a series whose timeUnitSI is a string"""
import sys

import h5py
import numpy as np

kind, path = sys.argv[1], sys.argv[2]
with h5py.File(path, "w") as f:
    f.attrs["openPMD"] = "1.0.0" if kind == "v100" else "1.1.0"
    f.attrs["openPMDextension"] = np.uint32(0)
    f.attrs["basePath"] = "/data/%T/"
    f.attrs["iterationEncoding"] = "groupBased"
    f.attrs["iterationFormat"] = "/data/%T/"
    if kind != "v100":
        f.attrs["meshesPath"] = "meshes/"
        f.attrs["particlesPath"] = "particles/"
    it = f.create_group("/data/10")
    it.attrs["time"] = np.float32(2.5)
    it.attrs["dt"] = np.float64(0.5)
    it.attrs["timeUnitSI"] = "one" if kind == "string_number" else np.float64(1.0)
    rho = it.create_dataset("meshes/rho", data=np.arange(6, dtype=np.float64).reshape(2, 3))
    rho.attrs["geometry"] = "cartesian"
    rho.attrs["dataOrder"] = "C"
    rho.attrs["axisLabels"] = ["y", "x"]
    rho.attrs["gridSpacing"] = np.array([1.0, 1.0])
    rho.attrs["gridGlobalOffset"] = np.array([0.0, 0.0])
    rho.attrs["gridUnitSI"] = np.float64(1.0)
    rho.attrs["unitDimension"] = np.zeros(7)
    rho.attrs["timeOffset"] = np.float32(0)
    rho.attrs["unitSI"] = np.float64(1.0)
    rho.attrs["position"] = np.array([0.0, 0.0])
    x = it.create_dataset("particles/e/position/x", data=np.array([0.5, 1.5], dtype=np.float32))
    x.attrs["unitSI"] = np.float64(1.0)
    rec = it["particles/e/position"]
    rec.attrs["unitDimension"] = np.array([1.0, 0, 0, 0, 0, 0, 0])
    rec.attrs["timeOffset"] = np.float32(0)
