"""StoreMapping: the store operations plus the MutableMapping interface."""
import collections.abc


class StoreError(Exception):
    """A store operation failed. The message names the store, the key and
    the cause; ``store`` and ``key`` hold the first two."""

    def __init__(self, store, key, cause):
        super().__init__("{}: key {!r}: {}".format(store, key, cause))
        self.store = store
        self.key = key


def as_bytes(value):
    """The bytes of a bytes-like value (bytes, bytearray, memoryview, a
    contiguous numpy array); anything else is a TypeError."""
    if isinstance(value, bytes):
        return value
    try:
        return memoryview(value).tobytes()
    except TypeError:
        raise TypeError("store values are bytes-like objects, not {}".format(
            type(value).__name__)) from None


class StoreMapping(collections.abc.MutableMapping):
    """Base of stores: subclasses implement ``describe``, ``get``, ``put``,
    ``erase`` and ``list``; the other store operations and the mapping
    interface follow from them (override them where the storage does
    better, e.g. a ranged read)."""

    # Largest value put() accepts in bytes; 0: unlimited.
    max_value_size = 0

    @classmethod
    def from_options(cls, options):
        """From a dict of the constructor's keyword arguments (the JSON
        "store" section; its "type" is ignored)."""
        options = dict(options)
        options.pop("type", None)
        try:
            return cls(**options)
        except TypeError as e:
            raise ValueError("{} options {}: {}".format(
                cls.__name__, sorted(options), e)) from None

    def describe(self):
        raise NotImplementedError

    def get(self, key, default=None):
        """The value of `key`, or `default` (None) if it does not exist."""
        raise NotImplementedError

    def put(self, key, value):
        raise NotImplementedError

    def erase(self, key):
        """Removes `key`; False if it did not exist."""
        raise NotImplementedError

    def list(self, prefix=""):
        """The keys that start with `prefix`, sorted ("a/b" lists "a/bc" too)."""
        raise NotImplementedError

    def get_range(self, key, offset, length):
        """Bytes [offset, offset + length) of a value, shorter where it
        ends; None if the key does not exist."""
        value = self.get(key)
        if value is None:
            return None
        return value[offset:offset + length]

    def contains(self, key):
        return self.get(key) is not None

    def erase_with_prefix(self, prefix):
        for key in self.list(prefix):
            self.erase(key)

    def sync(self):
        """Nothing to do for stores whose writes are durable on return."""

    # The mapping interface.
    def __getitem__(self, key):
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value):
        self.put(key, value)

    def __delitem__(self, key):
        if not self.erase(key):
            raise KeyError(key)

    def __contains__(self, key):
        return isinstance(key, str) and self.contains(key)

    def __iter__(self):
        return iter(self.list(""))

    def __len__(self):
        return len(self.list(""))

    def __repr__(self):
        return "<{} {}>".format(type(self).__name__, self.describe())

    def _check_key(self, key):
        if not isinstance(key, str) or not key:
            raise StoreError(self.describe(), key, "keys are non-empty str")
