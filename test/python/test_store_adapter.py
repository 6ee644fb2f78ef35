"""openpmd_api.stores.as_store and MappingStore: any MutableMapping of
str -> bytes works as a store; objects with the store operations are used
as they are. No cluster needed (the S3 and Swift stores: test_stores.py)."""
import collections

import numpy as np
import pytest

from openpmd_api.stores import MappingStore, StoreError, StoreMapping, as_store


def test_a_dict_becomes_a_store():
    backing = {}
    store = as_store(backing)
    assert isinstance(store, MappingStore)
    store.put("data/0/x", bytes(range(256)))
    store.put("empty", b"")
    store.put("array", np.arange(4, dtype=np.uint16))
    store.put("bytearray", bytearray(b"\0a"))
    # The mapping holds bytes, whatever bytes-like value was put.
    assert backing["data/0/x"] == bytes(range(256))
    assert backing["bytearray"] == b"\0a" and type(backing["bytearray"]) is bytes
    assert np.frombuffer(store.get("array"), dtype=np.uint16).tolist() == [0, 1, 2, 3]
    assert store.get("empty") == b""
    assert store.get("missing") is None
    assert store.get_range("data/0/x", 250, 100) == bytes(range(250, 256))
    assert store.get_range("data/0/x", 300, 1) == b""
    assert store.get_range("missing", 0, 1) is None
    assert store.contains("empty") and not store.contains("missing")


def test_listing_erasing_and_the_mapping_interface():
    store = as_store(collections.OrderedDict())
    for key in ["b", "a/bc", "a/b/c", "\u00e9", "a/b", "z"]:
        store.put(key, key.encode())
    assert store.list("") == ["a/b", "a/b/c", "a/bc", "b", "z", "\u00e9"]
    assert store.list("a/b") == ["a/b", "a/b/c", "a/bc"]
    assert store.list("a/b/") == ["a/b/c"]
    assert store.erase("b") is True
    assert store.erase("b") is False
    store.erase_with_prefix("a/")
    assert store.list("") == ["z", "\u00e9"]
    assert dict(store) == {"z": b"z", "\u00e9": "\u00e9".encode()}
    store["k"] = b"v"
    assert store["k"] == b"v" and len(store) == 3
    del store["k"]
    with pytest.raises(KeyError):
        store["k"]


def test_stores_are_used_as_they_are():
    class DuckStore:
        """The store operations without any base class."""
        def get(self, key):
            return None

        def put(self, key, value):
            pass

        def erase(self, key):
            return False

        def list(self, prefix=""):
            return []

    duck = DuckStore()
    assert as_store(duck) is duck
    wrapped = MappingStore({})
    assert as_store(wrapped) is wrapped
    assert isinstance(wrapped, StoreMapping)


def test_what_is_no_store_is_refused():
    with pytest.raises(TypeError, match="MutableMapping"):
        as_store(42)
    with pytest.raises(TypeError, match="MutableMapping"):
        as_store(frozenset())
    store = as_store({})
    with pytest.raises(TypeError, match="bytes-like"):
        store.put("k", "text")
    with pytest.raises(StoreError, match="non-empty str"):
        store.put("", b"x")


def test_errors_of_the_mapping_name_the_key():
    class Full(dict):
        def __setitem__(self, key, value):
            raise OSError("no space left")

    with pytest.raises(StoreError, match="key 'k'.*no space left"):
        as_store(Full()).put("k", b"x")
