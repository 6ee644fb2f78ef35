"""Pickling of Series and of the objects in them, as openPMD-api does it.

An object is pickled as where it is stored: its file and its group path.
Unpickling opens that file read-only (once per file and process, kept open
for the objects unpickled from it) and returns the object at that path.
So pickled objects travel to other processes (multiprocessing, dask) and
read the data there; what was not flushed to the file is not in the pickle.
"""
from . import openpmd_api_cxx as _cxx

# file path -> the read-only Series the objects unpickled from it use
_open_series = {}


def _series_for(file_path):
    series = _open_series.get(file_path)
    if series is None:
        series = _cxx.Series(file_path, _cxx.Access.read_only,
                             '{"defer_iteration_parsing": true}')
        _open_series[file_path] = series
    return series


def _strip(path):
    return path.strip("/")


def _unpickle(kind, file_path, group):
    """Re-creates an object of class `kind` stored at `group` in `file_path`."""
    series = _series_for(file_path)
    if kind == "Series":
        return series
    if len(group) < 2:
        raise ValueError("unpickling {}: group path {} names no iteration"
                         .format(kind, group))
    iteration = series.iterations[int(group[1])]
    if kind == "Iteration":
        return iteration
    rest = list(group[2:])
    if not rest:
        raise ValueError("unpickling {}: group path {} is too short".format(kind, group))
    if rest[0] == _strip(series.meshes_path):
        container, rest = iteration.meshes, rest[1:]
        if kind == "Mesh":
            return container[rest[0]]
        mesh = container[rest[0]]
        return mesh[rest[1]] if len(rest) > 1 else mesh[_cxx.Mesh_Record_Component.SCALAR]
    if rest[0] == _strip(series.particles_path):
        species = iteration.particles[rest[1]]
        if kind == "ParticleSpecies":
            return species
        record = species[rest[2]]
        if kind == "Record":
            return record
        return record[rest[3]] if len(rest) > 3 else record[_cxx.Record_Component.SCALAR]
    raise ValueError("unpickling {}: '{}' is neither the meshes nor the particles "
                     "path of {}".format(kind, rest[0], file_path))


def _reducer(kind):
    def reduce(obj):
        path = obj.my_path()
        return (_unpickle, (kind, path.file_path, list(path.group)))
    return reduce


def install():
    """Gives the classes their __reduce__ (called once by the package)."""
    for kind in ("Series", "Iteration", "Mesh", "Mesh_Record_Component",
                 "ParticleSpecies", "Record", "Record_Component"):
        getattr(_cxx, kind).__reduce__ = _reducer(kind)
