#!/usr/bin/env python3
"""Writes stand-ins for the sample files openPMD-api's APITest.py reads.

openPMD-api's tests read example series it downloads (a PIConGPU run,
samples/git-sample/data%T.h5, and two yt issue samples,
samples/issue-sample/no_particles/data%T.h5 and .../no_fields/data%T.h5).
Without them 14 of its Python tests are skipped. This script writes series
with the same layout through h5py (a writer other than this library): the
same iterations, records, shapes, datatypes and openPMD versions, and at
the few places the tests compare numbers, those numbers. Everything else is
our own deterministic data, so these files show that the tests' API calls
work on such a layout; they are no substitute for the real files.

Usage: make_apitest_stand_in_samples.py SAMPLES_DIR
"""
import os
import sys

import h5py
import numpy as np

STRING = h5py.string_dtype("ascii")


def attr_string(obj, name, value):
    obj.attrs.create(name, np.array(value.encode("ascii"), dtype="S"))


def root_attributes(f, version, iteration):
    attr_string(f, "openPMD", version)
    f.attrs["openPMDextension"] = np.uint32(0)
    attr_string(f, "basePath", "/data/%T/")
    attr_string(f, "meshesPath", "fields/")
    attr_string(f, "particlesPath", "particles/")
    attr_string(f, "iterationEncoding", "fileBased")
    attr_string(f, "iterationFormat", "data%T.h5")
    attr_string(f, "software", "stand-in for openPMD-api's sample files")
    group = f.create_group("data/{}".format(iteration))
    group.attrs["time"] = np.float64(iteration * 0.5)
    group.attrs["dt"] = np.float64(0.5)
    group.attrs["timeUnitSI"] = np.float64(1.0e-15)
    return group


def record_attributes(obj, unit_dimension):
    obj.attrs["unitDimension"] = np.array(unit_dimension, dtype=np.float64)
    obj.attrs["timeOffset"] = np.float32(0.0)


def mesh_attributes(obj, labels):
    attr_string(obj, "geometry", "cartesian")
    attr_string(obj, "dataOrder", "C")
    obj.attrs.create(
        "axisLabels", np.array([l.encode("ascii") for l in labels], dtype="S1"))
    obj.attrs["gridSpacing"] = np.ones(len(labels), dtype=np.float32)
    obj.attrs["gridGlobalOffset"] = np.zeros(len(labels), dtype=np.float64)
    obj.attrs["gridUnitSI"] = np.float64(1.0e-6)


def field(shape, seed):
    values = (np.arange(np.prod(shape), dtype=np.float64).reshape(shape)
              * 1.0e3 + seed)
    # The field has not reached the far end of the last axis: testSliceRead
    # compares E_x[..., shape[2] - 5] with E_x[..., -4], equal only where the
    # field is flat (as it is in the real sample).
    values[..., -10:] = 0.0
    return values


def meshes(iteration_group, shape):
    fields = iteration_group.create_group("fields")
    E = fields.create_group("E")
    mesh_attributes(E, ["z", "y", "x"])
    record_attributes(E, [1., 1., -3., -1., 0., 0., 0.])
    for seed, name in enumerate("xyz"):
        data = field(shape, seed)
        if name == "x":
            # the values openPMD-api's testData and testPickle check
            data[1:3, 1:3, 1] = [[6.26273197e7, 2.70402498e8],
                                 [-1.89238617e8, -1.66413019e8]]
        dataset = E.create_dataset(name, data=data)
        dataset.attrs["position"] = np.array(
            [0.5, 0., 0.] if name == "x" else [0., 0.5, 0.], dtype=np.float32)
        dataset.attrs["unitSI"] = np.float64(1.0)
    rho = fields.create_dataset("rho", data=field(shape, 7))
    mesh_attributes(rho, ["z", "y", "x"])
    record_attributes(rho, [-3., 0., 1., 1., 0., 0., 0.])
    rho.attrs["position"] = np.zeros(3, dtype=np.float32)
    rho.attrs["unitSI"] = np.float64(1.0)


def particles(iteration_group, count):
    species = iteration_group.create_group("particles/electrons")
    position = species.create_group("position")
    record_attributes(position, [1., 0., 0., 0., 0., 0., 0.])
    momentum = species.create_group("momentum")
    record_attributes(momentum, [1., 1., -1., 0., 0., 0., 0.])
    offset = species.create_group("positionOffset")
    record_attributes(offset, [1., 0., 0., 0., 0., 0., 0.])
    for seed, name in enumerate("xyz"):
        values = np.linspace(-1.0e-5, 1.0e-5, count) + seed * 1.0e-7
        if name == "y" and count > 200010:
            # the values openPMD-api's testData checks
            values[200000:200010] = [
                -9.60001131e-06, -8.80004967e-06, -8.00007455e-06,
                -7.20008487e-06, -6.40007232e-06, -5.60002710e-06,
                -4.79993871e-06, -3.99980648e-06, -3.19964406e-06,
                -2.39947455e-06]
        dataset = position.create_dataset(name, data=values)
        dataset.attrs["unitSI"] = np.float64(1.0)
        dataset = momentum.create_dataset(name, data=values * 1.0e-17)
        dataset.attrs["unitSI"] = np.float64(1.0)
        constant = offset.create_group(name)
        constant.attrs["value"] = np.int32(seed)
        constant.attrs["shape"] = np.array([count], dtype=np.uint64)
        constant.attrs["unitSI"] = np.float64(1.0e-6)
    # PIConGPU writes particle patches and a few extra attributes (a bool,
    # which h5py stores as an HDF5 enum as PIConGPU's libSplash does).
    species.attrs["particleShape"] = np.float32(2.0)
    species.attrs["particleSmoothing"] = np.array(b"none", dtype="S")
    species.attrs["chargeCorrection"] = np.bool_(False)
    patches = species.create_group("particlePatches")
    half = count // 2
    num = patches.create_dataset(
        "numParticles", data=np.array([half, count - half], dtype=np.uint64))
    num.attrs["unitSI"] = np.float64(1.0)
    num_offset = patches.create_dataset(
        "numParticlesOffset", data=np.array([0, half], dtype=np.uint64))
    num_offset.attrs["unitSI"] = np.float64(1.0)
    for name in ("offset", "extent"):
        record = patches.create_group(name)
        record_attributes(record, [1., 0., 0., 0., 0., 0., 0.])
        for axis in "xyz":
            component = record.create_dataset(
                axis, data=np.array([0, 13], dtype=np.uint64))
            component.attrs["unitSI"] = np.float64(1.0e-6)
    weights = np.full(count, 1600000.0)
    weights[0] = 396000.0  # the value openPMD-api's testPickle checks
    weighting = species.create_dataset("weighting", data=weights)
    record_attributes(weighting, [0.] * 7)
    weighting.attrs["unitSI"] = np.float64(1.0)


def write(directory, version, iterations, mesh_shape, particle_count):
    os.makedirs(directory, exist_ok=True)
    for iteration in iterations:
        name = os.path.join(directory, "data{}.h5".format(iteration))
        with h5py.File(name, "w") as f:
            group = root_attributes(f, version, iteration)
            if mesh_shape:
                meshes(group, mesh_shape)
            if particle_count:
                count = particle_count if iteration == 400 else 1000
                particles(group, count)


def main(samples):
    write(os.path.join(samples, "git-sample"), "1.1.0",
          [100, 200, 300, 400, 500], (26, 26, 201), 270625)
    write(os.path.join(samples, "issue-sample", "no_particles"), "1.0.0",
          [400], (4, 5, 6), 0)
    write(os.path.join(samples, "issue-sample", "no_fields"), "1.0.0",
          [400], None, 100)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
