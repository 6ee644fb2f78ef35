#!/usr/bin/env python3
"""Write iterations one after the other (each is closed when the next begins).

Usage: 10_streaming_write.py [output directory] [extension]   (default: . json)
"""
import sys

import numpy as np

import openpmd_api as io

directory = sys.argv[1] if len(sys.argv) > 1 else "."
extension = sys.argv[2] if len(sys.argv) > 2 else "json"

series = io.Series(directory + "/py_stream_%03T." + extension, io.Access.create)
for step in range(5):
    iteration = series.write_iterations()[step * 10]
    iteration.time = step * 0.1
    E_x = iteration.meshes["E"]["x"]
    E_x.reset_dataset(io.Dataset(np.float64, [4, 8]))
    E_x[:, :] = np.full((4, 8), float(step))
    electrons = iteration.particles["electrons"]
    electrons["momentum"]["x"].reset_dataset(io.Dataset(np.float64, [16]))
    electrons["momentum"]["x"].store_chunk(np.linspace(0, step, 16))
    # Every species has position and positionOffset (openPMD): here constant.
    for record, value in (("position", 0.5), ("positionOffset", float(step))):
        electrons[record]["x"].reset_dataset(io.Dataset(np.float64, [16]))
        electrons[record]["x"].make_constant(value)
    iteration.close()  # written to storage now
    print("wrote iteration", step * 10)
series.close()
