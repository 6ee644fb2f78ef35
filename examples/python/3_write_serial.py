#!/usr/bin/env python3
"""Write a Series with one iteration: a scalar mesh, a vector mesh and particles.

Usage: 3_write_serial.py [output directory] [extension]   (default: . json)
"""
import sys

import numpy as np

import openpmd_api as io

directory = sys.argv[1] if len(sys.argv) > 1 else "."
extension = sys.argv[2] if len(sys.argv) > 2 else "json"
size = 3

series = io.Series(directory + "/py_serial_write." + extension, io.Access.create)
series.author = "libopenPMD Python example"
print("Created an empty", series.iteration_encoding, "Series")

iteration = series.iterations[1]
iteration.time = 0.5
iteration.dt = 0.25

# A scalar mesh: the record is its own (only) component.
rho = iteration.meshes["rho"][io.Mesh_Record_Component.SCALAR]
global_data = np.arange(size * size, dtype=np.float64).reshape(size, size)
rho.reset_dataset(io.Dataset(global_data.dtype, global_data.shape))
rho.store_chunk(global_data, [0, 0], [size, size])  # kept alive until the flush

E = iteration.meshes["E"]
E.axis_labels = ["y", "x"]
E.grid_spacing = [1.0, 1.0]
E.unit_dimension = {io.Unit_Dimension.M: 1, io.Unit_Dimension.L: 1,
                    io.Unit_Dimension.I: -1, io.Unit_Dimension.T: -3}
E["x"].reset_dataset(io.Dataset(np.float32, [size, size]))
E["x"][:, :] = np.arange(size * size, dtype=np.float32).reshape(size, size) * 0.5
E["y"].reset_dataset(io.Dataset(np.float32, [size, size]))
E["y"].make_constant(1.5)

electrons = iteration.particles["electrons"]
electrons["position"]["x"].reset_dataset(io.Dataset(np.float64, [4]))
electrons["position"]["x"].store_chunk(np.array([0.1, 0.2, 0.3, 0.4]))
# openPMD requires positionOffset beside position; constant records have one
# (equal) value per particle, so their shape is the particle count.
electrons["positionOffset"]["x"].reset_dataset(io.Dataset(np.float64, [4]))
electrons["positionOffset"]["x"].make_constant(0.0)
electrons["weighting"][io.Record_Component.SCALAR].reset_dataset(io.Dataset(np.float64, [4]))
electrons["weighting"][io.Record_Component.SCALAR].make_constant(1.0)

series.flush()  # the data leaves the numpy arrays here
print("Wrote iteration 1 of '{}' with backend {}".format(series.name, series.backend))
iteration.close()
series.close()
