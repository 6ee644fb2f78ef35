#!/usr/bin/env python3
"""Read what 3_write_serial.py wrote and check every value.

Usage: 2_read_serial.py [directory] [extension]   (default: . json)
"""
import sys

import numpy as np

import openpmd_api as io

directory = sys.argv[1] if len(sys.argv) > 1 else "."
extension = sys.argv[2] if len(sys.argv) > 2 else "json"

series = io.Series(directory + "/py_serial_write." + extension, io.Access.read_only)
print("Read a Series with openPMD standard version", series.openPMD, "and",
      len(series.iterations), "iteration(s)")
io.list_series(series)

i = series.iterations[1]
rho = i.meshes["rho"]
print("rho is {} of {}".format("x".join(map(str, rho.shape)), rho.dtype))
rho_data = rho.load_chunk()
E_y = i.meshes["E"]["y"][1:2, 1:2]  # slicing loads a block
electrons = i.particles["electrons"]
x = electrons["position"]["x"].load_chunk()
offset = electrons["positionOffset"]["x"].load_chunk()
weighting = electrons["weighting"].load_chunk()
series.flush()  # the arrays are filled here

failures = []
if not np.array_equal(rho_data, np.arange(9.0).reshape(3, 3)):
    failures.append("rho")
if E_y[0, 0] != 1.5:
    failures.append("E/y")
if not np.array_equal(x, [0.1, 0.2, 0.3, 0.4]):
    failures.append("electrons/position/x")
if not np.array_equal(offset, np.zeros(4)):
    failures.append("electrons/positionOffset/x")
if not np.array_equal(weighting, np.ones(4)):
    failures.append("electrons/weighting")
if i.time != 0.5:
    failures.append("time")
series.close()
if failures:
    sys.exit("values differ from what 3_write_serial.py wrote: " + ", ".join(failures))
print("All values as written")
