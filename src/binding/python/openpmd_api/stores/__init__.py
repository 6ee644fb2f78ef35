"""Key-value stores written in Python, for the Zarr backend.

A store holds the keys of one Zarr hierarchy (one openPMD file) and offers
the store operations as methods::

    get(key) -> bytes | None
    get_range(key, offset, length) -> bytes | None
    put(key, value)                  # value: any bytes-like object
    erase(key) -> bool               # whether the key existed
    list(prefix) -> list[str]        # sorted; "" lists every key
    erase_with_prefix(prefix), contains(key), sync()

Any ``collections.abc.MutableMapping`` of str -> bytes can serve as a store
too; ``StoreMapping`` gives a class with the store operations the mapping
interface (``store["k"] = b"v"``, ``del``, ``in``, iteration) for free.
Shipped stores (docs/object-stores.md):

- ``s3.S3Store``: an S3 bucket through boto3 (AWS, Ceph radosgw, MinIO, ...);
- ``swift.SwiftStore``: an OpenStack Swift container through swiftclient.

Their modules import boto3 or swiftclient only when used. ``as_store(obj)``
gives every kind one interface: a store as it is, a mapping wrapped in
``MappingStore``.
"""
from .adapter import MappingStore, as_store
from .mapping import StoreError, StoreMapping

__all__ = ["MappingStore", "StoreError", "StoreMapping", "as_store"]
