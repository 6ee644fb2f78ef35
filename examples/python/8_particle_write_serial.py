#!/usr/bin/env python3
"""Write particles with patches, then read them back as numpy arrays and as a
pandas DataFrame.

Usage: 8_particle_write_serial.py [extension] [output directory]   (default: json .)
"""
import sys

import numpy as np

import openpmd_api as io

extension = sys.argv[1] if len(sys.argv) > 1 else "json"
directory = sys.argv[2] if len(sys.argv) > 2 else "."
path = directory + "/py_particles." + extension
n, patches = 100, 2
rng = np.random.default_rng(seed=7)
positions = {axis: rng.random(n) for axis in "xyz"}
momenta = {axis: rng.normal(size=n).astype(np.float32) for axis in "xyz"}

with io.Series(path, io.Access.create) as series:
    electrons = series.iterations[0].particles["electrons"]
    electrons.set_attribute("particleName", "electron")
    for axis in "xyz":
        electrons["position"][axis].reset_dataset(io.Dataset(np.float64, [n]))
        electrons["position"][axis].store_chunk(positions[axis])
        # Constant records have one (equal) value per particle: shape [n].
        electrons["positionOffset"][axis].reset_dataset(io.Dataset(np.float64, [n]))
        electrons["positionOffset"][axis].make_constant(0.0)
        electrons["momentum"][axis].reset_dataset(io.Dataset(np.float32, [n]))
        electrons["momentum"][axis].store_chunk(momenta[axis])
    electrons["position"].unit_dimension = {io.Unit_Dimension.L: 1}
    electrons["momentum"].unit_dimension = {io.Unit_Dimension.L: 1, io.Unit_Dimension.M: 1,
                                            io.Unit_Dimension.T: -1}
    scalar = io.Record_Component.SCALAR
    electrons["charge"][scalar].reset_dataset(io.Dataset(np.float64, [n]))
    electrons["charge"][scalar].make_constant(-1.602176634e-19)
    electrons["id"][scalar].reset_dataset(io.Dataset(np.uint64, [n]))
    electrons["id"][scalar].store_chunk(np.arange(n, dtype=np.uint64))

    pp = electrons.particle_patches
    pp["numParticles"][scalar].reset_dataset(io.Dataset(np.uint64, [patches]))
    pp["numParticlesOffset"][scalar].reset_dataset(io.Dataset(np.uint64, [patches]))
    for axis in "xyz":
        pp["offset"][axis].reset_dataset(io.Dataset(np.float64, [patches]))
        pp["extent"][axis].reset_dataset(io.Dataset(np.float64, [patches]))
    for patch in range(patches):
        pp["numParticles"][scalar].store(patch, n // patches)
        pp["numParticlesOffset"][scalar].store(patch, patch * (n // patches))
        for axis in "xyz":
            pp["offset"][axis].store(patch, 0.5 * patch)
            pp["extent"][axis].store(patch, 0.5)

with io.Series(path, io.Access.read_only) as series:
    electrons = series.iterations[0].particles["electrons"]
    x = electrons["position"]["x"].load_chunk()
    charge = electrons["charge"].load_chunk()
    offset = electrons["positionOffset"]["z"].load_chunk()
    first_patch_count = electrons.particle_patches["numParticles"][scalar].load()
    series.flush()
    assert np.array_equal(x, positions["x"]), "position/x differs"
    assert np.array_equal(charge, np.full(n, -1.602176634e-19)), "charge differs"
    assert np.array_equal(offset, np.zeros(n)), "positionOffset/z differs"
    assert list(first_patch_count) == [n // patches] * patches
    print("{} electrons in {} patches, <x> = {:.4f}".format(
        n, electrons.particle_patches.num_patches, x.mean()))
    try:
        df = electrons.to_df()
    except ImportError:
        df = None  # pandas is optional
    if df is not None:
        assert np.array_equal(df["momentum_y"], momenta["y"]), "momentum/y differs"
        print(df.describe().loc[["mean", "std"], ["position_x", "momentum_x"]])
