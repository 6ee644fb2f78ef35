"""Checks files of one Series against the layout rules of openPMD-api 0.16.

    check_openpmd_layout.py <groupBased|fileBased> <file>...

The files are read independently of libopenPMD: HDF5 (.h5) with h5py, JSON
(.json) with Python's json module. Every object found is classified by where
it sits in the openPMD hierarchy (series root, iteration, mesh, record,
component, particle patches ...) and its attributes are checked against
RULES: present, and of the type openPMD-api 0.16 writes by default. HDF5
attribute types are translated to the Datatype openPMD-api's HDF5 reader
reports for them; JSON files carry the Datatype name themselves.

The rules were derived from openPMD-api 0.16.0's reader (what it needs to
read an object back; a missing or mistyped attribute makes it fail or skip
the object) and its writer (the defaults it writes). Every kind of object in
RULES must occur in the files, so that the check cannot pass vacuously.

Prints every violation and exits 1 if there is one.
"""
import json
import sys

# The 17 dataset types, and the types a constant component's value may have.
NUMERIC = ["CHAR", "UCHAR", "SCHAR", "SHORT", "INT", "LONG", "LONGLONG", "USHORT",
           "UINT", "ULONG", "ULONGLONG", "FLOAT", "DOUBLE", "LONG_DOUBLE", "CFLOAT",
           "CDOUBLE", "CLONG_DOUBLE"]
NON_VECTOR = NUMERIC + ["STRING", "BOOL"]

READ = "read"        # openPMD-api 0.16 needs it to read the object (and writes it)
DEFAULT = "default"  # openPMD-api 0.16 writes it by default; its reader does not need it
DATASET = "<dataset>"  # the row is about the dataset's own type, not an attribute


def one_of(*values):
    return lambda v: v in values, "one of " + ", ".join(values)


def contains(text):
    return lambda v: isinstance(v, str) and text in v, f"containing '{text}'"


# object kind -> attribute -> (type openPMD-api 0.16 writes, why it is needed,
# value check or None). A type given as a list means "any of these".
RULES = {
    "series": {
        "openPMD": ("STRING", READ, one_of("1.0.0", "1.0.1", "1.1.0")),
        "openPMDextension": ("UINT", READ, None),
        "basePath": ("STRING", READ, one_of("/data/%T/")),
        "iterationEncoding": ("STRING", READ, None),  # checked per encoding below
        "iterationFormat": ("STRING", READ, None),  # checked per encoding below
        "date": ("STRING", DEFAULT, None),
        "software": ("STRING", DEFAULT, None),
        "softwareVersion": ("STRING", DEFAULT, None),
    },
    # openPMD 1.1.0 files: an iteration's meshes/particles are read only if
    # the root (of the iteration's file) names their path.
    "series with meshes": {"meshesPath": ("STRING", READ, one_of("meshes/"))},
    "series with particles": {"particlesPath": ("STRING", READ, one_of("particles/"))},
    "iteration": {
        "time": ("DOUBLE", READ, None),
        "dt": ("DOUBLE", READ, None),
        "timeUnitSI": ("DOUBLE", READ, None),
    },
    "mesh": {
        "geometry": ("STRING", READ, None),
        "dataOrder": ("STRING", READ, one_of("C", "F")),
        "axisLabels": ("VEC_STRING", READ, None),
        "gridSpacing": ("VEC_DOUBLE", READ, None),
        "gridGlobalOffset": ("VEC_DOUBLE", READ, None),
        "gridUnitSI": ("DOUBLE", READ, None),
        "unitDimension": ("ARR_DBL_7", READ, None),
        "timeOffset": ("FLOAT", READ, None),
    },
    "mesh component": {
        "position": ("VEC_DOUBLE", READ, None),
        "unitSI": ("DOUBLE", READ, None),
    },
    "constant component": {
        "value": (NON_VECTOR, READ, None),
        "shape": ("VEC_ULONG", READ, None),
    },
    "species": {},
    "particle record": {
        "unitDimension": ("ARR_DBL_7", READ, None),
        "timeOffset": ("FLOAT", READ, None),
    },
    "particle record component": {"unitSI": ("DOUBLE", READ, None)},
    "particle patches": {},
    "patch record": {"unitDimension": ("ARR_DBL_7", READ, None)},
    "patch record component": {"unitSI": ("DOUBLE", DEFAULT, None)},
    # numParticles, numParticlesOffset: read only if their type is uint64.
    "patch count": {DATASET: ("ULONG", READ, None)},
}

ITERATION_FORMAT = {"groupBased": contains("/data/%T/"), "fileBased": contains("%T")}

problems = []
seen = set()


def problem(where, text):
    problems.append(f"{where}: {text}")


# ---------------------------------------------------------------------------
# Storage access: a node has attributes (name -> Datatype name, value),
# children, and is a group or a dataset.

class JSONNode:
    def __init__(self, doc, path):
        self.doc, self.path = doc, path

    def is_dataset(self):
        return isinstance(self.doc.get("data"), list)

    def dataset_type(self):
        return self.doc.get("datatype")

    def attributes(self):
        result = {}
        for name, entry in self.doc.get("attributes", {}).items():
            if not isinstance(entry, dict) or "datatype" not in entry or "value" not in entry:
                problem(f"{self.path}@{name}", "not a {datatype, value} object")
                continue
            result[name] = (entry["datatype"], entry["value"])
        return result

    def children(self):
        if self.is_dataset():
            return {}
        return {name: JSONNode(child, f"{self.path.rstrip('/')}/{name}")
                for name, child in self.doc.items()
                if name not in ("attributes", "platform_byte_widths")
                and isinstance(child, dict)}


class H5Node:
    def __init__(self, obj):
        self.obj, self.path = obj, obj.name

    def is_dataset(self):
        import h5py
        return isinstance(self.obj, h5py.Dataset)

    def dataset_type(self):
        return h5_type_name(self.obj.id.get_type(), (), "")

    def attributes(self):
        import h5py
        result = {}
        for name in self.obj.attrs:
            attr = h5py.h5a.open(self.obj.id, name.encode())
            space = attr.get_space()
            if space.get_simple_extent_type() == h5py.h5s.SCALAR:
                shape = ()
            else:
                shape = space.shape
            value = self.obj.attrs[name]
            result[name] = (h5_type_name(attr.get_type(), shape, name), value)
        return result

    def children(self):
        if self.is_dataset():
            return {}
        return {name: H5Node(self.obj[name]) for name in self.obj}


def h5_type_name(t, shape, name):
    """The Datatype openPMD-api 0.16's HDF5 reader reports (x86-64 Linux)."""
    import h5py
    base = None
    cls = t.get_class()
    if cls == h5py.h5t.STRING:
        base = "STRING"
    elif cls == h5py.h5t.ENUM:
        members = {t.get_member_name(i) for i in range(t.get_nmembers())}
        if members == {b"TRUE", b"FALSE"} and t.get_size() == 1:
            base = "BOOL"
    elif cls == h5py.h5t.INTEGER:
        signed = t.get_sign() != h5py.h5t.SGN_NONE
        names = {1: ("UCHAR", "CHAR"), 2: ("USHORT", "SHORT"), 4: ("UINT", "INT"),
                 8: ("ULONG", "LONG")}.get(t.get_size())
        base = names[signed] if names else None
    elif cls == h5py.h5t.FLOAT:
        base = {4: "FLOAT", 8: "DOUBLE", 16: "LONG_DOUBLE"}.get(t.get_size())
    elif cls == h5py.h5t.COMPOUND:
        members = [t.get_member_name(i) for i in range(t.get_nmembers())]
        if members == [b"r", b"i"]:
            base = {8: "CFLOAT", 16: "CDOUBLE", 32: "CLONG_DOUBLE"}.get(t.get_size())
    if base is None:
        return f"<unsupported HDF5 type class {cls}>"
    if shape == ():
        return base
    if len(shape) != 1:
        return f"<{len(shape)}-D attribute>"
    if base == "DOUBLE" and name == "unitDimension" and shape == (7,):
        return "ARR_DBL_7"
    return "VEC_" + base


def open_file(path):
    if path.endswith(".json"):
        with open(path) as f:
            return JSONNode(json.load(f), "/")
    if path.endswith(".h5"):
        import h5py
        return H5Node(h5py.File(path, "r"))
    raise SystemExit(f"{path}: unknown extension")


def as_text(value):
    if isinstance(value, bytes):
        return value.decode()
    if hasattr(value, "item") and getattr(value, "shape", None) == ():
        return as_text(value.item())
    return value


# ---------------------------------------------------------------------------
# Rules

def check(node, *kinds):
    """Applies the rules of every kind in `kinds` to `node`."""
    attributes = node.attributes()
    for kind in kinds:
        seen.add(kind)
        for name, (expected, need, value_check) in RULES[kind].items():
            allowed = expected if isinstance(expected, list) else [expected]
            shown = "a non-vector type" if isinstance(expected, list) else expected
            if name == DATASET:
                found = node.dataset_type() if node.is_dataset() else "a group"
                if found not in allowed:
                    problem(node.path, f"{kind}: dataset type {found}, openPMD-api "
                                       f"needs {shown}")
                continue
            where = f"{node.path}@{name}"
            if name not in attributes:
                problem(where, f"missing ({kind}: openPMD-api "
                               f"{'needs it to read' if need == READ else 'writes it by default'}"
                               f", type {shown})")
                continue
            found, value = attributes[name]
            if found not in allowed:
                problem(where, f"{kind}: type {found}, openPMD-api writes {shown}")
            if value_check is not None:
                accept, description = value_check
                if not accept(as_text(value)):
                    problem(where, f"{kind}: value {as_text(value)!r}, expected "
                                   f"{description}")


def stored_name(root, attribute, fallback):
    attributes = root.attributes()
    if attribute in attributes:
        return str(as_text(attributes[attribute][1])).strip("/")
    return fallback


def is_constant(node):
    names = node.attributes()
    return not node.is_dataset() and "value" in names and "shape" in names


def check_component(node, *kinds):
    if node.is_dataset():
        check(node, *kinds)
    elif is_constant(node):
        check(node, *kinds, "constant component")
    else:
        problem(node.path, "a component must be a dataset or a constant "
                           "(group with value and shape)")


def check_meshes(meshes):
    for mesh in meshes.children().values():
        if mesh.is_dataset() or is_constant(mesh):  # scalar mesh
            check_component(mesh, "mesh", "mesh component")
            continue
        check(mesh, "mesh")
        for component in mesh.children().values():
            check_component(component, "mesh component")


def check_patches(patches):
    check(patches, "particle patches")
    for name, record in patches.children().items():
        if record.is_dataset():
            kinds = ["patch record", "patch record component"]
            if name in ("numParticles", "numParticlesOffset"):
                kinds.append("patch count")
            check(record, *kinds)
            continue
        check(record, "patch record")
        for component in record.children().values():
            check_component(component, "patch record component")


def check_particles(particles):
    for species in particles.children().values():
        if species.is_dataset():
            problem(species.path, "a particle species must be a group")
            continue
        check(species, "species")
        for name, record in species.children().items():
            if name == "particlePatches":
                check_patches(record)
            elif record.is_dataset() or is_constant(record):  # scalar record
                check_component(record, "particle record", "particle record component")
            else:
                check(record, "particle record")
                for component in record.children().values():
                    check_component(component, "particle record component")


def check_file(path, encoding):
    root = open_file(path)
    check(root, "series")
    attributes = root.attributes()
    if "iterationEncoding" in attributes:
        found = as_text(attributes["iterationEncoding"][1])
        if found != encoding:
            problem(f"{path}: /@iterationEncoding", f"'{found}', expected '{encoding}'")
    if "iterationFormat" in attributes:
        accept, description = ITERATION_FORMAT[encoding]
        found = as_text(attributes["iterationFormat"][1])
        if not accept(found):
            problem(f"{path}: /@iterationFormat", f"'{found}', expected {description}")
    data = root.children().get("data")
    if data is None:
        problem(path, "no /data group (the test series has iterations)")
        return
    meshes_name = stored_name(root, "meshesPath", "meshes")
    particles_name = stored_name(root, "particlesPath", "particles")
    iterations = data.children()
    if encoding == "fileBased" and len(iterations) != 1:
        problem(path, f"{len(iterations)} iterations in one file of a file-based series")
    for name, iteration in iterations.items():
        if not name.isdigit():
            problem(iteration.path, "iteration group name is not a number")
        check(iteration, "iteration")
        for child_name, child in iteration.children().items():
            if child_name == meshes_name:
                check(root, "series with meshes")
                check_meshes(child)
            elif child_name == particles_name:
                check(root, "series with particles")
                check_particles(child)


def main():
    encoding, files = sys.argv[1], sys.argv[2:]
    if encoding not in ITERATION_FORMAT or not files:
        raise SystemExit(__doc__)
    for path in files:
        before = len(problems)
        try:
            check_file(path, encoding)
        except Exception as e:  # an unreadable file is a failure, not a crash
            problems.append(f"{path}: cannot be checked: {e!r}")
        for i in range(before, len(problems)):
            if not problems[i].startswith(path):
                problems[i] = f"{path}: {problems[i]}"
    for kind in RULES:
        if kind not in seen:
            problems.append(f"no object of kind '{kind}' in the files: the test series "
                            "must contain every kind")
    for line in problems:
        print(line)
    print(f"{len(files)} file(s), {len(seen)} object kinds checked, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
