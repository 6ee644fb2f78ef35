#!/usr/bin/env python3
"""Generates the bad-input corpus: broken variants of valid series.

Usage: make_corpus.py BASE_DIR OUT_DIR [--seed N]

BASE_DIR holds the valid series `walk_series --write-base` writes
(group.json, group.h5, file_0.json ... file_10.h5). Every case becomes a
directory OUT_DIR/<nnnn>-<kind>/ holding the broken file(s); OUT_DIR/cases.tsv
lists "directory<TAB>series name<TAB>description" per case. The same seed
gives the same corpus, so a failing case can be regenerated and inspected.
"""

import copy
import json
import os
import random
import shutil
import sys

import h5py
import numpy as np


class Corpus:
    def __init__(self, base, out, seed):
        self.base = base
        self.out = out
        self.random = random.Random(seed)
        self.cases = []

    def new_case(self, kind, series, description, source_files):
        """Creates the case directory with copies of `source_files`."""
        directory = "{:04d}-{}".format(len(self.cases), kind)
        path = os.path.join(self.out, directory)
        os.makedirs(path)
        for name in source_files:
            shutil.copy(os.path.join(self.base, name), path)
        self.cases.append((directory, series, description))
        return path

    def write_manifest(self):
        with open(os.path.join(self.out, "cases.tsv"), "w") as manifest:
            for case in self.cases:
                manifest.write("\t".join(case) + "\n")


# --- JSON --------------------------------------------------------------------

def json_attribute_sites(document, path=""):
    """(path, attributes dict) of every object with attributes."""
    if not isinstance(document, dict):
        return
    if isinstance(document.get("attributes"), dict):
        yield path or "/", document["attributes"]
    for key, value in document.items():
        if key != "attributes" and isinstance(value, dict):
            yield from json_attribute_sites(value, path + "/" + key)


def json_node(document, path):
    node = document
    for part in [p for p in path.split("/") if p]:
        node = node[part]
    return node


def write_json_case(corpus, kind, description, document, name="group.json",
                    others=()):
    path = corpus.new_case(kind, name, description, others)
    with open(os.path.join(path, name), "w") as out:
        json.dump(document, out)


def write_raw_case(corpus, kind, description, data, name, others=(), series=None):
    path = corpus.new_case(kind, series or name, description, others)
    with open(os.path.join(path, name), "wb") as out:
        out.write(data)


def filebased_truncations(corpus, ext, count):
    """A file-based series of two files, the second cut at `count` offsets."""
    broken, intact = "file_10." + ext, "file_0." + ext
    with open(os.path.join(corpus.base, broken), "rb") as f:
        raw = f.read()
    for i in range(count):
        cut = (len(raw) * i) // count
        write_raw_case(corpus, ext + "-filebased-truncated",
                       "{} cut at byte {}".format(broken, cut), raw[:cut], broken,
                       others=[intact], series="file_%T." + ext)


BAD_ATTRIBUTE_VALUES = [
    ("string", "not a number"),
    ("empty-list", []),
    ("object", {"a": 1}),
    ("null", None),
    ("huge", 1e308),
    ("negative", -1),
    ("nested", [[1, 2], [3]]),
    ("bool", True),
]


def json_cases(corpus):
    base = os.path.join(corpus.base, "group.json")
    with open(base, "rb") as f:
        raw = f.read()
    document = json.loads(raw)

    # Truncations at many offsets, and byte flips.
    for i in range(40):
        cut = (len(raw) * i) // 40
        write_raw_case(corpus, "json-truncated", "cut at byte {}".format(cut),
                       raw[:cut], "group.json")
    for i in range(40):
        data = bytearray(raw)
        for _ in range(1 + i % 4):
            where = corpus.random.randrange(len(data))
            data[where] = corpus.random.randrange(256)
        write_raw_case(corpus, "json-flipped", "random bytes changed",
                       bytes(data), "group.json")

    # Every attribute: a value of a wrong kind, a wrong datatype tag, no value.
    sites = list(json_attribute_sites(document))
    counter = 0
    for site, attributes in sites:
        if not site.startswith("/data/0") and site != "/":
            continue
        for name in sorted(attributes):
            label, bad = BAD_ATTRIBUTE_VALUES[counter % len(BAD_ATTRIBUTE_VALUES)]
            counter += 1
            broken = copy.deepcopy(document)
            json_node(broken, site)["attributes"][name]["value"] = bad
            write_json_case(corpus, "json-attribute-value",
                            "{}@{}: {}".format(site, name, label), broken)
            broken = copy.deepcopy(document)
            json_node(broken, site)["attributes"][name]["datatype"] = (
                ["NOT_A_TYPE", "STRING", "VEC_STRING", "ARR_DBL_7", 7][counter % 5])
            write_json_case(corpus, "json-attribute-type",
                            "{}@{}: wrong datatype".format(site, name), broken)
            broken = copy.deepcopy(document)
            del json_node(broken, site)["attributes"][name]
            write_json_case(corpus, "json-attribute-missing",
                            "{}@{} removed".format(site, name), broken)

    # Datasets: wrong shapes, element types, datatypes.
    component = "/data/0/meshes/E/x"
    for label, change in [
        ("ragged", lambda d: d.__setitem__("data", [[1, 2, 3, 4], [1]])),
        ("scalar", lambda d: d.__setitem__("data", 5)),
        ("strings", lambda d: d.__setitem__("data", [["a"] * 4] * 3)),
        ("missing-data", lambda d: d.pop("data")),
        ("rank-4", lambda d: d.__setitem__("data", [[[[1.0]]]])),
        ("empty", lambda d: d.__setitem__("data", [])),
        ("bad-datatype", lambda d: d.__setitem__("datatype", "NO_SUCH")),
        ("datatype-number", lambda d: d.__setitem__("datatype", 3)),
        ("objects", lambda d: d.__setitem__("data", [{"a": 1}] * 3)),
        ("huge-values", lambda d: d.__setitem__("data", [[1e308] * 4] * 3)),
        ("int-overflow", lambda d: d.__setitem__("datatype", "CHAR")),
    ]:
        broken = copy.deepcopy(document)
        change(json_node(broken, component))
        write_json_case(corpus, "json-dataset", "{}: {}".format(component, label),
                        broken)

    # Constant components: shape and value.
    constant = "/data/0/meshes/rho"
    for label, shape in [("2^64-1", [18446744073709551615]), ("1e18", [10**18]),
                         ("negative", [-1]), ("zero", [0]), ("none", []),
                         ("float", [1e308]), ("two huge", [2**62, 2**62]),
                         ("string", ["a"]), ("2^64", [2**64])]:
        broken = copy.deepcopy(document)
        json_node(broken, constant)["attributes"]["shape"]["value"] = shape
        write_json_case(corpus, "json-constant-shape",
                        "{}@shape = {}".format(constant, label), broken)
    broken = copy.deepcopy(document)
    json_node(broken, constant)["attributes"]["value"] = {"datatype": "STRING",
                                                          "value": "x"}
    write_json_case(corpus, "json-constant-value", "string constant value", broken)

    # Tokens that are not JSON, bytes that are not UTF-8, deep nesting.
    text = raw.decode()
    for label, bad in [("NaN", text.replace('"value": 1.0', '"value": NaN', 1)),
                       ("Infinity", text.replace('"value": 1.0', '"value": Infinity', 1)),
                       ("comment", "// comment\n" + text),
                       ("trailing", text + "garbage")]:
        write_raw_case(corpus, "json-token", label, bad.encode(), "group.json")
    write_raw_case(corpus, "json-utf8", "0xff in a key",
                   raw.replace(b'"meshes"', b'"mesh\xffes"', 1), "group.json")
    write_raw_case(corpus, "json-utf8", "0xc3 cut in a string",
                   raw.replace(b'"cartesian"', b'"cart\xc3"', 1), "group.json")
    for depth in (1000, 100000):
        deep = copy.deepcopy(document)
        deep["data"]["0"]["meshes"]["deep"] = "@DEEP@"
        nested = json.dumps(deep).replace('"@DEEP@"', "[" * depth + "]" * depth)
        write_raw_case(corpus, "json-deep", "nesting depth {}".format(depth),
                       nested.encode(), "group.json")

    # Iteration names.
    for name in ["-1", "1e3", "abc", "99999999999999999999", "18446744073709551616",
                 "", "07", " 7", "0x10"]:
        broken = copy.deepcopy(document)
        broken["data"][name] = broken["data"]["0"]
        write_json_case(corpus, "json-iteration-name", repr(name), broken)

    # A dataset where a group is expected, and the reverse.
    fake_dataset = {"datatype": "DOUBLE", "data": [1.0, 2.0]}
    for label, path in [("meshes", "/data/0/meshes"), ("mesh E", "/data/0/meshes/E"),
                        ("species", "/data/0/particles/e"),
                        ("numParticles",
                         "/data/0/particles/e/particlePatches/numParticles"),
                        ("particlePatches", "/data/0/particles/e/particlePatches"),
                        ("iteration", "/data/0"), ("data", "/data")]:
        broken = copy.deepcopy(document)
        parent, _, name = path.rpartition("/")
        json_node(broken, parent)[name] = copy.deepcopy(fake_dataset)
        write_json_case(corpus, "json-kind", "dataset at " + label, broken)
    for label, path in [("E/x", "/data/0/meshes/E/x"),
                        ("position/x", "/data/0/particles/e/position/x"),
                        ("numParticles",
                         "/data/0/particles/e/particlePatches/numParticles")]:
        broken = copy.deepcopy(document)
        parent, _, name = path.rpartition("/")
        json_node(broken, parent)[name] = {"attributes": {}, "sub": {}}
        write_json_case(corpus, "json-kind", "group at " + label, broken)
    for label, value in [("array", [1, 2]), ("string", "x"), ("number", 3)]:
        write_raw_case(corpus, "json-root", "document is a " + label,
                       json.dumps(value).encode(), "group.json")

    filebased_truncations(corpus, "json", 10)


# --- HDF5 --------------------------------------------------------------------

def hdf5_case(corpus, kind, description, change, name="group.h5", others=()):
    path = corpus.new_case(kind, name, description, [name] + list(others))
    with h5py.File(os.path.join(path, name), "r+") as f:
        change(f)
    return path


def replace_attribute(obj, name, value, dtype=None):
    if name in obj.attrs:
        del obj.attrs[name]
    obj.attrs.create(name, value, dtype=dtype)


def hdf5_attribute_sites(f):
    sites = [("/", f)]

    def visit(name, obj):
        if name.startswith("data/0") or name == "data":
            sites.append(("/" + name, obj))
    f.visititems(visit)
    return sites


HDF5_BAD_VALUES = [
    ("string", lambda: (np.bytes_(b"not a number"), None)),
    ("int-array", lambda: (np.arange(5, dtype=np.int64), None)),
    ("float", lambda: (np.float64(2.5), None)),
    ("negative-int", lambda: (np.int64(-1), None)),
    ("compound", lambda: (np.array((1, 2.0), dtype=[("a", "<i4"), ("b", "<f8")]), None)),
    ("empty-array", lambda: (np.zeros(0, dtype=np.float64), None)),
    ("vlen-strings", lambda: (["a", "b", "c"], h5py.string_dtype())),
    ("bool-enum", lambda: (np.bool_(True), None)),
]


def hdf5_cases(corpus):
    base = os.path.join(corpus.base, "group.h5")
    with open(base, "rb") as f:
        raw = f.read()
    for i in range(30):
        cut = (len(raw) * i) // 30
        write_raw_case(corpus, "h5-truncated", "cut at byte {}".format(cut),
                       raw[:cut], "group.h5")
    for i in range(40):
        data = bytearray(raw)
        for _ in range(1 + i % 4):
            # Mostly in the first part of the file, where the metadata is.
            where = corpus.random.randrange(min(len(data), 4096 if i % 2 else len(data)))
            data[where] = corpus.random.randrange(256)
        write_raw_case(corpus, "h5-flipped", "random bytes changed", bytes(data),
                       "group.h5")

    # Every attribute of the root and iteration 0: a wrong kind, or missing.
    with h5py.File(base, "r") as f:
        sites = [(path, sorted(obj.attrs.keys())) for path, obj in hdf5_attribute_sites(f)]
    counter = 0
    for path, names in sites:
        for name in names:
            label, make = HDF5_BAD_VALUES[counter % len(HDF5_BAD_VALUES)]
            counter += 1

            def wrong(f, path=path, name=name, make=make):
                value, dtype = make()
                replace_attribute(f[path], name, value, dtype)

            def missing(f, path=path, name=name):
                del f[path].attrs[name]
            hdf5_case(corpus, "h5-attribute-value",
                      "{}@{}: {}".format(path, name, label), wrong)
            hdf5_case(corpus, "h5-attribute-missing",
                      "{}@{} removed".format(path, name), missing)

    # Constant components: shape.
    rho = "/data/0/meshes/rho"
    for label, value in [("2^64-1", np.array([2**64 - 1], dtype=np.uint64)),
                         ("1e18", np.array([10**18], dtype=np.uint64)),
                         ("negative", np.array([-1], dtype=np.int64)),
                         ("two huge", np.array([2**62, 2**62], dtype=np.uint64)),
                         ("zero", np.array([0], dtype=np.uint64)),
                         ("float", np.array([1e30])),
                         ("empty", np.zeros(0, dtype=np.uint64))]:
        hdf5_case(corpus, "h5-constant-shape", "{}@shape = {}".format(rho, label),
                  lambda f, value=value: replace_attribute(f[rho], "shape", value))

    # Datasets: huge chunked extents, unusual element types.
    def huge_chunked(f, path="/data/0/meshes/E/x", extent=2**62):
        attributes = dict(f[path].attrs)
        del f[path]
        d = f.create_dataset(path, shape=(extent,), maxshape=(None,), chunks=(1024,),
                             dtype="<f4")
        for key, value in attributes.items():
            d.attrs[key] = value
    hdf5_case(corpus, "h5-dataset", "E/x chunked with 2^62 elements", huge_chunked)
    hdf5_case(corpus, "h5-dataset", "E/x chunked with 2^40 elements",
              lambda f: huge_chunked(f, extent=2**40))
    for label, dtype, value in [
            ("compound", [("a", "<i4"), ("b", "<f8")], np.zeros(5, dtype=[("a", "<i4"), ("b", "<f8")])),
            ("vlen string", h5py.string_dtype(), np.array(["a"] * 5, dtype=object)),
            ("opaque", np.dtype("V4"), np.zeros(5, dtype="V4")),
            ("enum", h5py.enum_dtype({"A": 0, "B": 1}, basetype="i1"), np.zeros(5, dtype="i1")),
            ("big-endian", np.dtype(">f8"), np.arange(5, dtype=">f8")),
            ("rank-0", np.dtype("<f8"), np.float64(1.0))]:
        def odd_dataset(f, dtype=dtype, value=value):
            path = "/data/0/particles/e/position/x"
            attributes = dict(f[path].attrs)
            del f[path]
            d = f.create_dataset(path, data=value, dtype=dtype)
            for key, v in attributes.items():
                d.attrs[key] = v
        hdf5_case(corpus, "h5-dataset", "position/x of type " + label, odd_dataset)

    # A dataset where a group is expected, and the reverse.
    for label, path in [("meshes", "/data/0/meshes"), ("mesh E", "/data/0/meshes/E"),
                        ("species", "/data/0/particles/e"),
                        ("particlePatches", "/data/0/particles/e/particlePatches"),
                        ("iteration", "/data/0")]:
        def to_dataset(f, path=path):
            del f[path]
            f.create_dataset(path, data=np.arange(3.0))
        hdf5_case(corpus, "h5-kind", "dataset at " + label, to_dataset)
    for label, path in [("E/x", "/data/0/meshes/E/x"),
                        ("numParticles", "/data/0/particles/e/particlePatches/numParticles"),
                        ("patch offset/x", "/data/0/particles/e/particlePatches/offset/x"),
                        ("weighting", "/data/0/particles/e/weighting")]:
        def to_group(f, path=path):
            del f[path]
            f.create_group(path)
        hdf5_case(corpus, "h5-kind", "group at " + label, to_group)

    # Links: to missing files, dangling, cycles.
    def external_missing(f):
        del f["/data/0/meshes/E/x"]
        f["/data/0/meshes/E/x"] = h5py.ExternalLink("missing.h5", "/x")
    hdf5_case(corpus, "h5-link", "E/x links to a missing file", external_missing)

    def external_self(f):
        f["/data/0/meshes/E/loop"] = h5py.ExternalLink("group.h5", "/data/0/meshes/E")
    hdf5_case(corpus, "h5-link", "E/loop links to E through the file itself",
              external_self)

    def dangling(f):
        del f["/data/0/particles/e/position/x"]
        f["/data/0/particles/e/position/x"] = h5py.SoftLink("/nowhere")
    hdf5_case(corpus, "h5-link", "position/x is a dangling soft link", dangling)

    def soft_cycle(f):
        f["/data/0/meshes/a"] = h5py.SoftLink("/data/0/meshes/b")
        f["/data/0/meshes/b"] = h5py.SoftLink("/data/0/meshes/a")
    hdf5_case(corpus, "h5-link", "meshes a -> b -> a", soft_cycle)

    def hard_cycle(f):
        f["/data/0/meshes/E/again"] = f["/data/0/meshes/E"]
        f["/data/0/particles/e/position/up"] = f["/data/0/particles/e"]
    hdf5_case(corpus, "h5-link", "groups that contain themselves", hard_cycle)

    # Iteration names.
    for name in ["-1", "1e3", "abc", "99999999999999999999", "18446744073709551616",
                 "07", " 7"]:
        hdf5_case(corpus, "h5-iteration-name", repr(name),
                  lambda f, name=name: f.copy("/data/0", "/data/" + name))

    filebased_truncations(corpus, "h5", 8)


def main():
    args = sys.argv[1:]
    seed = 20261205
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    base, out = args
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    corpus = Corpus(base, out, seed)
    json_cases(corpus)
    hdf5_cases(corpus)
    corpus.write_manifest()
    print("{} cases in {}".format(len(corpus.cases), out))


if __name__ == "__main__":
    main()
