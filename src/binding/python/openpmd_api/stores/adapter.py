"""as_store: one interface for every kind of Python store."""
import collections.abc

from .mapping import StoreError, StoreMapping, as_bytes

_STORE_METHODS = ("get", "put", "erase", "list")


class MappingStore(StoreMapping):
    """The store operations over any MutableMapping of str -> bytes (a dict,
    zarr's stores, fsspec mappers, a shelve, ...)."""

    def __init__(self, mapping):
        self.mapping = mapping

    def describe(self):
        return "mapping {}".format(type(self.mapping).__name__)

    def get(self, key, default=None):
        self._check_key(key)
        try:
            value = self.mapping[key]
        except KeyError:
            return default
        return as_bytes(value)

    def put(self, key, value):
        self._check_key(key)
        data = as_bytes(value)
        try:
            self.mapping[key] = data
        except Exception as e:
            raise StoreError(self.describe(), key, "cannot write: {}".format(e)) from e

    def erase(self, key):
        self._check_key(key)
        try:
            del self.mapping[key]
        except KeyError:
            return False
        return True

    def contains(self, key):
        return key in self.mapping

    def list(self, prefix=""):
        # Code point order is UTF-8 byte order, the order of every store.
        return sorted(key for key in self.mapping if key.startswith(prefix))


def as_store(obj):
    """`obj` itself if it has the store operations (get, put, erase, list),
    a MappingStore over it if it is a MutableMapping; else a TypeError."""
    if all(callable(getattr(obj, name, None)) for name in _STORE_METHODS):
        return obj
    if isinstance(obj, collections.abc.MutableMapping):
        return MappingStore(obj)
    raise TypeError("{} is no store: it needs the methods {} or to be a "
                    "collections.abc.MutableMapping".format(type(obj).__name__,
                                                            ", ".join(_STORE_METHODS)))
