"""MemoryConnector: openPMD files kept in Python dicts, nothing on disk.

The store is process-wide: every instance in the process sees the files,
groups, datasets, attributes and chunks that any other wrote, as long as the
process lives (the Python counterpart of examples/memory_backend). See
docs/python-connectors.md.
"""
import os
import threading

import numpy as np

from . import datatypes as dt


class _Node:
    """A group, or a dataset when `array` is set. Groups and datasets share
    one namespace of children, as in HDF5."""

    __slots__ = ("attributes", "children", "dtype", "array", "written")

    def __init__(self):
        self.attributes = {}   # name -> (dtype name, checked value)
        self.children = {}     # name -> _Node
        self.dtype = None      # dataset datatype name
        self.array = None      # the dataset's elements, allocated at create/extend
        # (offset, extent) of the chunks written -> None, in write order (a
        # dict: rewriting a box moves it to the end at O(1) cost per write)
        self.written = {}

    @property
    def is_dataset(self):
        return self.array is not None


class _Store:
    """The files of the process, by absolute path. The table is guarded by a
    lock; the contents of a file are not (like a real file, a file must not
    be written from two threads at once)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.files = {}
        # Raised whenever a file, group or dataset goes or is replaced: the
        # instances' dataset caches from before are stale then.
        self.generation = 0

    def changed(self):
        self.generation += 1


_STORE = _Store()


def _key(file):
    if not isinstance(file, str) or not file:
        raise ValueError("file name {!r}: expected a non-empty str".format(file))
    return os.path.abspath(file)


class MemoryConnector:
    """Stores openPMD files in memory, shared by all instances of a process.

    Under MPI each rank (a process) has its own store. One option:
      check_zero_copy  (default false) every write_chunk checks that `data` is
                       a read-only view of memory numpy does not own (the
                       caller's buffer, not a copy) and appends its address
                       to MemoryConnector.zero_copy_addresses (for tests and
                       bench/); a copy is a TypeError
    """

    name = "pymemory"
    extensions = ["pymem"]
    zero_copy_addresses = []

    def __init__(self, options, rank, size):
        options = dict(options)
        check = options.pop("check_zero_copy", False)
        if options:
            raise ValueError("{}: unknown options {!r} (known: check_zero_copy)".format(
                self.name, options))
        if not isinstance(check, bool):
            raise ValueError("{}: check_zero_copy must be true or false, got {!r}"
                             .format(self.name, check))
        self._check_zero_copy = check
        self.rank = rank
        self.size = size
        self._open = {}  # file key -> root _Node, as opened by this instance
        # (file, path) -> the group or dataset found there, valid while
        # _STORE.generation is _cached_generation: most calls name an object
        # found before and skip the path walk (nothing else gets faster).
        self._nodes = {}
        self._cached_generation = -1

    # ----------------------------------------------------------------- files
    def create_file(self, file):
        key = _key(file)
        root = _Node()
        with _STORE.lock:
            if _STORE.files.get(key) is not None:
                _STORE.changed()  # replaced
            _STORE.files[key] = root
        self._open[key] = root

    def open_file(self, file):
        key = _key(file)
        with _STORE.lock:
            root = _STORE.files.get(key)
        if root is None:
            raise FileNotFoundError("{}: no file {}".format(self.name, file))
        self._open[key] = root

    def file_exists(self, file):
        with _STORE.lock:
            return _key(file) in _STORE.files

    def close_file(self, file):
        self._open.pop(_key(file), None)
        self._nodes.clear()  # they were found through the open file

    def delete_file(self, file):
        key = _key(file)
        self._open.pop(key, None)
        self._nodes.clear()
        with _STORE.lock:
            _STORE.changed()
            if _STORE.files.pop(key, None) is None:
                raise FileNotFoundError("{}: no file {}".format(self.name, file))

    @classmethod
    def list_files(cls, directory):
        directory = os.path.abspath(directory)
        suffixes = tuple("." + extension for extension in cls.extensions)
        with _STORE.lock:
            keys = list(_STORE.files)
        return sorted(os.path.basename(key) for key in keys
                      if os.path.dirname(key) == directory and key.endswith(suffixes))

    # ----------------------------------------------------------------- nodes
    def _root(self, file):
        root = self._open.get(_key(file))
        if root is None:
            raise ValueError("{}: file {} is not open (create_file or open_file "
                             "first)".format(self.name, file))
        return root

    def _node(self, file, path):
        """The group or dataset at `path`, or None."""
        if self._cached_generation == _STORE.generation:
            node = self._nodes.get((file, path))
            if node is not None:
                return node
        else:
            self._nodes.clear()
            self._cached_generation = _STORE.generation
        node = self._root(file)
        for segment in dt.split_path(path):
            if node.is_dataset:
                return None
            node = node.children.get(segment)
            if node is None:
                return None
        self._nodes[(file, path)] = node
        return node

    def _where(self, file, path):
        return "{}: {}:{}".format(self.name, file, path)

    def _group(self, file, path):
        node = self._node(file, path)
        if node is None or node.is_dataset:
            raise KeyError("{}: no group".format(self._where(file, path)))
        return node

    def _dataset(self, file, path):
        node = self._node(file, path)
        if node is None or not node.is_dataset:
            raise KeyError("{}: no dataset".format(self._where(file, path)))
        return node

    def _object(self, file, path):
        node = self._node(file, path)
        if node is None:
            raise KeyError("{}: no group or dataset".format(self._where(file, path)))
        return node

    def _make_groups(self, file, segments, path):
        """The group at `segments`, creating missing groups on the way."""
        node = self._root(file)
        for segment in segments:
            child = node.children.get(segment)
            if child is None:
                child = node.children[segment] = _Node()
            elif child.is_dataset:
                raise ValueError("{}: a dataset is in the way".format(
                    self._where(file, path)))
            node = child
        return node

    # ---------------------------------------------------------------- groups
    def create_group(self, file, path):
        node = self._node(file, path)
        if node is not None and not node.is_dataset:
            return  # exists (the frontend creates each group of a path again)
        self._make_groups(file, dt.split_path(path), path)

    def group_exists(self, file, path):
        node = self._node(file, path)
        return node is not None and not node.is_dataset

    def delete_group(self, file, path):
        segments = dt.split_path(path)
        if not segments:
            raise ValueError("{}: the root group cannot be deleted".format(
                self._where(file, path)))
        parent = self._group(file, dt.join_path(segments[:-1]))
        child = parent.children.get(segments[-1])
        if child is None or child.is_dataset:
            raise KeyError("{}: no group".format(self._where(file, path)))
        del parent.children[segments[-1]]
        _STORE.changed()

    def list_groups(self, file, path):
        group = self._group(file, path)
        return sorted(name for name, child in group.children.items()
                      if not child.is_dataset)

    # -------------------------------------------------------------- datasets
    def create_dataset(self, file, path, dtype, extent, options):
        segments = dt.split_path(path)
        if not segments:
            raise ValueError("{}: the root cannot be a dataset".format(
                self._where(file, path)))
        numpy_dtype = dt.numpy_dtype(dtype)
        extent = dt.as_shape(extent, "dataset extent")
        if options:
            raise ValueError("{}: the {} connector takes no dataset options, got "
                             "{!r}".format(self._where(file, path), self.name, options))
        parent = self._node(file, dt.join_path(segments[:-1]))  # usually there
        if parent is None or parent.is_dataset:
            parent = self._make_groups(file, segments[:-1], path)
        existing = parent.children.get(segments[-1])
        if existing is not None and not existing.is_dataset:
            raise ValueError("{}: a group of that name exists".format(
                self._where(file, path)))
        node = _Node()  # an existing dataset is replaced, attributes and all
        node.dtype = dtype
        node.array = _zeros(extent, numpy_dtype)
        parent.children[segments[-1]] = node
        if existing is not None:
            _STORE.changed()  # a new object needs no invalidation

    def extend_dataset(self, file, path, extent):
        node = self._dataset(file, path)
        extent = dt.check_extension(node.array.shape, extent)
        grown = _zeros(extent, node.array.dtype)
        grown[dt.box((0,) * len(extent), node.array.shape)] = node.array
        node.array = grown

    def dataset_info(self, file, path):
        node = self._dataset(file, path)
        return node.dtype, tuple(node.array.shape)

    def delete_dataset(self, file, path):
        segments = dt.split_path(path)
        self._dataset(file, path)
        parent = self._group(file, dt.join_path(segments[:-1]))
        del parent.children[segments[-1]]
        _STORE.changed()

    def list_datasets(self, file, path):
        group = self._group(file, path)
        return sorted(name for name, child in group.children.items() if child.is_dataset)

    # ------------------------------------------------------------ partial IO
    def write_chunk(self, file, path, offset, extent, data):
        node = self._dataset(file, path)
        offset, extent = dt.check_selection(offset, extent, node.array.shape)
        dt.check_chunk_buffer(data, node.array.dtype, extent, False,
                              self._where(file, path) + " write_chunk data")
        if data.size == 0:
            return
        if self._check_zero_copy:
            self._check_view(file, path, data)
        node.array[dt.box(offset, extent)] = data  # the copy; `data` is not kept
        # Chunks inside a later one are dropped when they are asked for
        # (available_chunks): here that would cost O(chunks) per write.
        node.written.pop((offset, extent), None)
        node.written[(offset, extent)] = None

    def _check_view(self, file, path, data):
        # A view of foreign memory: numpy owns nothing and its base is no
        # numpy array (the bridge's base is a capsule over the caller's buffer).
        if data.flags.owndata or isinstance(data.base, np.ndarray) or \
                data.flags.writeable:
            raise TypeError("{} write_chunk: `data` is not a read-only view of the "
                            "caller's buffer (owndata={}, base={}, writeable={})".format(
                                self._where(file, path), data.flags.owndata,
                                type(data.base).__name__, data.flags.writeable))
        type(self).zero_copy_addresses.append(data.__array_interface__["data"][0])

    def read_chunk(self, file, path, offset, extent, out):
        node = self._dataset(file, path)
        offset, extent = dt.check_selection(offset, extent, node.array.shape)
        dt.check_chunk_buffer(out, node.array.dtype, extent, True,
                              self._where(file, path) + " read_chunk out")
        out[...] = node.array[dt.box(offset, extent)]

    def available_chunks(self, file, path):
        return _uncovered(list(self._dataset(file, path).written))

    # ------------------------------------------------------------ attributes
    def write_attribute(self, file, path, name, dtype, value):
        node = self._object(file, path)
        _check_attribute_name(name)
        node.attributes[name] = (dtype, dt.check_attribute(dtype, value))

    def read_attribute(self, file, path, name):
        node = self._object(file, path)
        try:
            dtype, value = node.attributes[name]
        except KeyError:
            raise KeyError("{}: no attribute {!r}".format(
                self._where(file, path), name)) from None
        return dtype, dt.copy_attribute(dtype, value)

    def delete_attribute(self, file, path, name):
        self._object(file, path).attributes.pop(name, None)

    def list_attributes(self, file, path):
        return sorted(self._object(file, path).attributes)

    # ----------------------------------------------------------------- flush
    def begin_flush(self):
        pass

    def end_flush(self):
        pass


def _zeros(extent, dtype):
    """Zeros in memory touched now, as examples/memory_backend's buffer: with
    np.zeros the pages would be faulted in by the first writes instead."""
    array = np.empty(extent, dtype=dtype)
    array.fill(0)
    return array


def _uncovered(chunks):
    """The chunks (offset, extent), in write order, without those inside a
    later one; vectorised, since a dataset may have many thousand chunks."""
    if len(chunks) < 2:
        return chunks
    rank = len(chunks[0][0])
    offsets = np.array([offset for offset, _ in chunks], dtype=np.int64)
    ends = offsets + np.array([extent for _, extent in chunks], dtype=np.int64)
    offsets = offsets.reshape(len(chunks), rank)
    ends = ends.reshape(len(chunks), rank)
    kept = []
    for i, chunk in enumerate(chunks):
        covered = np.all((offsets[i + 1:] <= offsets[i]) & (ends[i] <= ends[i + 1:]),
                         axis=1)
        if not covered.any():
            kept.append(chunk)
    return kept


def _check_attribute_name(name):
    if not isinstance(name, str) or not name:
        raise ValueError("attribute name {!r}: expected a non-empty str".format(name))
