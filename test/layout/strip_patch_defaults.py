"""Removes the particle patch defaults from a file, as files written before
they were written look:

    strip_patch_defaults.py <file.json|file.h5>

Deletes unitDimension from every patch record and unitSI from every patch
component (and from numParticles / numParticlesOffset) below
/data/<i>/particles/<species>/particlePatches. Prints how many it removed.
"""
import json
import sys

path = sys.argv[1]
removed = 0


def patch_groups_json(doc):
    for iteration in doc.get("data", {}).values():
        if not isinstance(iteration, dict):
            continue
        for species in iteration.get("particles", {}).values():
            if isinstance(species, dict) and "particlePatches" in species:
                yield species["particlePatches"]


def strip_json(node, names):
    global removed
    attributes = node.get("attributes", {})
    for name in names:
        if attributes.pop(name, None) is not None:
            removed += 1
    if "attributes" in node and not attributes:
        del node["attributes"]


if path.endswith(".json"):
    with open(path) as f:
        doc = json.load(f)
    for patches in patch_groups_json(doc):
        for name, record in patches.items():
            if name == "attributes" or not isinstance(record, dict):
                continue
            strip_json(record, ["unitDimension", "unitSI"])
            if not isinstance(record.get("data"), list):
                for component_name, component in record.items():
                    if component_name != "attributes" and isinstance(component, dict):
                        strip_json(component, ["unitSI"])
    with open(path, "w") as f:
        json.dump(doc, f)
        f.write("\n")
elif path.endswith(".h5"):
    import h5py

    def strip_h5(obj, names):
        global removed
        for name in names:
            if name in obj.attrs:
                del obj.attrs[name]
                removed += 1

    with h5py.File(path, "r+") as f:
        for iteration in f.get("data", {}).values():
            for species in iteration.get("particles", {}).values():
                if "particlePatches" not in species:
                    continue
                for record in species["particlePatches"].values():
                    strip_h5(record, ["unitDimension", "unitSI"])
                    if isinstance(record, h5py.Group):
                        for component in record.values():
                            strip_h5(component, ["unitSI"])
else:
    raise SystemExit(f"{path}: unknown extension")
print(f"{path}: removed {removed} attribute(s)")
sys.exit(0 if removed > 0 else 1)
