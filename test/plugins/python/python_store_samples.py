"""Python stores for PythonStoreTest.cpp: the Zarr backend's store type
"python" opened from C++ through the python plugin."""

from collections.abc import MutableMapping

import numpy as np


class SharedMapping(MutableMapping):
    """A MutableMapping whose instances share one dict, so that a test can
    see what several store objects wrote."""

    data = {}

    def __getitem__(self, key):
        return SharedMapping.data[key]

    def __setitem__(self, key, value):
        if not isinstance(value, bytes):
            raise TypeError(f"mapping got {type(value).__name__}, expected bytes")
        SharedMapping.data[key] = value

    def __delitem__(self, key):
        del SharedMapping.data[key]

    def __iter__(self):
        return iter(list(SharedMapping.data))

    def __len__(self):
        return len(SharedMapping.data)


class ProtocolStore:
    """The store methods over a dict per `root`. Each put also records, under
    "address-of/<key>", the address of the bytes it was handed and whether
    they were a read-only memoryview, so the test can check that no copy was
    made."""

    roots = {}

    def __init__(self, root, flag=None):
        self.root = root
        self.items = ProtocolStore.roots.setdefault(root, {})
        self.items["constructed-with"] = f"{root}|{flag}".encode()

    def get(self, key):
        return self.items.get(key)

    def get_range(self, key, offset, length):
        value = self.items.get(key)
        return None if value is None else value[offset:offset + length]

    def put(self, key, data):
        address = np.frombuffer(data, dtype=np.uint8).ctypes.data if len(data) else 0
        kind = "readonly-memoryview" if isinstance(data, memoryview) and data.readonly else type(data).__name__
        self.items["address-of/" + key] = f"{address} {kind}".encode()
        self.items[key] = bytes(data)

    def erase(self, key):
        return self.items.pop(key, None) is not None

    def list(self, prefix):
        return [k for k in self.items if k.startswith(prefix)]


class RaisingStore(ProtocolStore):
    def get(self, key):
        raise OSError(f"disk on fire reading {key}")

    def put(self, key, data):
        raise PermissionError(f"no writing {key}")


class WrongTypeStore(ProtocolStore):
    def get(self, key):
        return 42

    def list(self, prefix):
        return [1, 2]


class NotAStore:
    def get(self, key):
        return None


class FailingConstructor:
    def __init__(self):
        raise RuntimeError("cannot reach the object store")
