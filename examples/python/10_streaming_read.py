#!/usr/bin/env python3
"""A typical analysis loop: open a Series, go through its iterations, load a
mesh and a particle record into numpy and print statistics.

Usage: 10_streaming_read.py [directory] [extension]   (default: . json)
"""
import sys

import numpy as np

import openpmd_api as io

directory = sys.argv[1] if len(sys.argv) > 1 else "."
extension = sys.argv[2] if len(sys.argv) > 2 else "json"

series = io.Series(directory + "/py_stream_%03T." + extension, io.Access.read_linear)
seen = []
for iteration in series.read_iterations():
    time = iteration.time
    E_x = iteration.meshes["E"]["x"].load_chunk()
    electrons = iteration.particles["electrons"]
    p_x = electrons["momentum"]["x"][:]
    x = electrons["position"]["x"].load_chunk()
    x_offset = electrons["positionOffset"]["x"].load_chunk()
    iteration.close()  # flushes: the arrays are filled now
    step = iteration.iteration_index // 10
    print("iteration {:3d} t={:.2f}: <E_x>={:.3f} max p_x={:.3f} std p_x={:.3f}".format(
        iteration.iteration_index, time, E_x.mean(), p_x.max(), p_x.std()))
    if not (np.all(E_x == step) and p_x[-1] == step and np.all(x == 0.5)
            and np.all(x_offset == step) and len(x) == len(p_x)):
        sys.exit("iteration {} holds unexpected values".format(iteration.iteration_index))
    seen.append(iteration.iteration_index)
series.close()
if seen != [0, 10, 20, 30, 40]:
    sys.exit("unexpected iterations: {}".format(seen))
