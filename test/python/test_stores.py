"""The Python stores openpmd_api.stores.s3.S3Store and swift.SwiftStore
against the radosgw of the CTest fixture "rgw" (S3 and Swift APIs of one
throwaway Ceph cluster, test/ceph/). The cluster's settings come from
$OPENPMD_CEPH_DIR/env; without a cluster the tests are skipped, or fail
when CI is set."""
import itertools
import os
import time

import numpy as np
import pytest


def _load_cluster_environment():
    """Exports of the cluster's env file into os.environ; why not, or None."""
    directory = os.environ.get("OPENPMD_CEPH_DIR")
    if not directory:
        return "OPENPMD_CEPH_DIR is not set (run through CTest)"
    env_file = os.path.join(directory, "env")
    if not os.path.isfile(env_file):
        return "{} does not exist (the fixture did not start a cluster)".format(env_file)
    with open(env_file) as lines:
        for line in lines:
            name, _, value = line.strip().removeprefix("export ").partition("=")
            if name:
                os.environ[name] = value
    if "AWS_ENDPOINT_URL" not in os.environ or "ST_AUTH" not in os.environ:
        return "the cluster in {} has no radosgw".format(directory)
    return None


_unavailable = _load_cluster_environment()
if _unavailable:
    if os.environ.get("CI"):
        pytest.fail("no radosgw in CI: " + _unavailable, pytrace=False)
    pytest.skip("SKIPPED: S3 and Swift stores: " + _unavailable, allow_module_level=True)

from openpmd_api.stores import StoreError, StoreMapping  # noqa: E402
from openpmd_api.stores.s3 import S3Store  # noqa: E402
from openpmd_api.stores.swift import SwiftStore  # noqa: E402

_counter = itertools.count()


def _unique(kind):
    # Bucket names: 3-63 characters of lower-case letters, digits, '-'.
    return "openpmd-{}-{}-{}".format(kind, os.getpid(), next(_counter))


class _S3:
    name = "s3"

    def __init__(self):
        self.bucket = _unique("s3")

    def open(self, prefix="run.zarr", **options):
        return S3Store(self.bucket, prefix, create_bucket=True, **options)

    def remove(self):
        store = S3Store(self.bucket)
        store.clear()
        store._client.delete_bucket(Bucket=self.bucket)


class _Swift:
    name = "swift"

    def __init__(self):
        self.container = _unique("swift")

    def open(self, prefix="run.zarr", **options):
        return SwiftStore(self.container, prefix, create_container=True, **options)

    def remove(self):
        store = SwiftStore(self.container)
        store.clear()
        store._connection.delete_container(self.container)


@pytest.fixture(params=[_S3, _Swift], ids=["s3", "swift"])
def place(request):
    """A fresh bucket (S3) or container (Swift), removed afterwards."""
    kind = request.param()
    yield kind
    kind.remove()


def _pattern(size, seed):
    """Every byte value, zeros included."""
    return np.random.default_rng(seed).integers(0, 256, size, dtype=np.uint8).tobytes()


def test_round_trip_binary_and_empty_values(place):
    store = place.open()
    all_bytes = bytes(range(256)) * 16
    store.put("x/y/chunk", all_bytes)
    store.put("zeros", bytes(100))
    store.put("empty", b"")
    store.put(".zgroup", b'{"zarr_format": 2}')
    assert store.get("x/y/chunk") == all_bytes
    assert store.get("zeros") == bytes(100)
    assert store.get("empty") == b""
    assert store.get(".zgroup") == b'{"zarr_format": 2}'
    assert store.get("missing") is None
    assert store.get("x/y") is None
    assert isinstance(store.get("x/y/chunk"), bytes)


def test_bytes_like_values(place):
    store = place.open()
    array = np.arange(10, dtype=np.float64)
    store.put("array", array)
    assert np.frombuffer(store.get("array"), dtype=np.float64).tolist() == array.tolist()
    store.put("bytearray", bytearray(b"ab\0c"))
    store.put("memoryview", memoryview(b"0123456789")[2:5])
    assert store.get("bytearray") == b"ab\0c"
    assert store.get("memoryview") == b"234"
    with pytest.raises(TypeError):
        store.put("text", "not bytes")
    assert store.get("text") is None


def test_replace(place):
    store = place.open()
    store.put("k", _pattern(1000, 1))
    store.put("k", b"abc")
    assert store.get("k") == b"abc"
    longer = _pattern(5000, 2)
    store.put("k", longer)
    assert store.get("k") == longer
    assert store.list("") == ["k"]


def test_get_range(place):
    store = place.open()
    digits = bytes(ord("0") + i % 10 for i in range(100))
    store.put("v", digits)
    assert store.get_range("v", 10, 20) == digits[10:30]
    assert store.get_range("v", 0, 1000) == digits
    assert store.get_range("v", 90, 20) == digits[90:]
    assert store.get_range("v", 99, 1) == b"9"
    assert store.get_range("v", 100, 5) == b""
    assert store.get_range("v", 150, 5) == b""
    assert store.get_range("v", 5, 0) == b""
    assert store.get_range("missing", 0, 10) is None
    assert store.get_range("missing", 0, 0) is None
    store.put("empty", b"")
    assert store.get_range("empty", 0, 10) == b""


def test_erase(place):
    store = place.open()
    store.put("a/b", b"1")
    store.put("a/c", b"2")
    assert store.erase("a/b") is True
    assert store.get("a/b") is None
    assert not store.contains("a/b")
    assert store.list("") == ["a/c"]
    assert store.erase("a/b") is False
    assert store.erase("never") is False
    assert store.get("a/c") == b"2"


def test_list_prefixes_in_byte_order(place):
    store = place.open()
    keys = ["b", "a/bc", "a/b/d/e", "\u00e9", "ab", "a/b/c", "a/b", "z"]
    for key in keys:
        store.put(key, key.encode())
    assert store.list("") == ["a/b", "a/b/c", "a/b/d/e", "a/bc", "ab", "b", "z", "\u00e9"]
    assert store.list("a/b") == ["a/b", "a/b/c", "a/b/d/e", "a/bc"]
    assert store.list("a/b/") == ["a/b/c", "a/b/d/e"]
    assert store.list("a") == ["a/b", "a/b/c", "a/b/d/e", "a/bc", "ab"]
    assert store.list("zz") == []
    assert store.get("\u00e9") == "\u00e9".encode()


def test_erase_with_prefix(place):
    store = place.open()
    for key in ["a/b", "a/b/c", "a/b/d/e", "a/bc", "b"]:
        store.put(key, key.encode())
    store.erase_with_prefix("a/b/")
    assert store.list("") == ["a/b", "a/bc", "b"]
    assert store.get("a/b/c") is None
    store.erase_with_prefix("a")
    assert store.list("") == ["b"]
    store.erase_with_prefix("")
    assert store.list("") == []
    store.put("new", b"n")
    assert store.list("") == ["new"]


def test_contains(place):
    store = place.open()
    store.put("g/k", b"v")
    store.put("g/empty", b"")
    assert store.contains("g/k")
    assert store.contains("g/empty")
    assert not store.contains("g")
    assert not store.contains("missing")


def test_stores_on_one_prefix_share_data_others_do_not(place):
    first = place.open("run.zarr")
    second = place.open("/run.zarr/")  # the same prefix, written differently
    other = place.open("other.zarr")
    first.put("a", b"from first")
    assert second.get("a") == b"from first"
    second.put("b", b"b")
    assert first.list("") == ["a", "b"]
    assert second.erase("b")
    assert not first.contains("b")
    assert other.list("") == []
    assert other.get("a") is None
    # A prefix that is a string prefix of another ("run.zarr" of
    # "run.zarr2") must not see its keys.
    place.open("run.zarr2").put("c", b"c")
    assert first.list("") == ["a"]


def test_mutable_mapping_interface(place):
    store = place.open()
    assert isinstance(store, StoreMapping)
    store["x"] = b"1"
    store["y/z"] = b"2"
    assert store["x"] == b"1"
    assert "x" in store and "nope" not in store and 3 not in store
    assert len(store) == 2
    assert list(store) == ["x", "y/z"]
    assert dict(store) == {"x": b"1", "y/z": b"2"}
    with pytest.raises(KeyError):
        store["nope"]
    del store["x"]
    with pytest.raises(KeyError):
        del store["x"]
    store.update({"u": b"3"})
    assert store.pop("u") == b"3"
    assert store.get("u", b"default") == b"default"
    store.clear()
    assert len(store) == 0


def test_large_value(place):
    store = place.open()
    large = _pattern(20 * 1024 * 1024 + 3, 3)
    store.put("large", large)
    assert store.get("large") == large
    assert store.get_range("large", 10 * 1024 * 1024, 100) == large[10 * 1024 * 1024:][:100]
    assert store.max_value_size == 5 * 1024 ** 3


def test_keys_are_checked(place):
    store = place.open()
    with pytest.raises(StoreError, match="non-empty str"):
        store.put("", b"x")


def test_from_options(place):
    if place.name == "s3":
        store = S3Store.from_options({"type": "s3", "bucket": place.bucket,
                                      "prefix": "p", "create_bucket": True})
        with pytest.raises(ValueError, match="bukket"):
            S3Store.from_options({"bukket": "x"})
    else:
        store = SwiftStore.from_options({"type": "swift", "container": place.container,
                                         "prefix": "p", "create_container": True})
        with pytest.raises(ValueError, match="contaner"):
            SwiftStore.from_options({"contaner": "x"})
    store.put("k", b"v")
    assert store.get("k") == b"v"
    assert "p/" in store.describe()


def test_missing_bucket_is_an_error_naming_it_and_the_key():
    store = S3Store("openpmd-no-such-bucket")
    with pytest.raises(StoreError) as error:
        store.put("some/key", b"x")
    assert "openpmd-no-such-bucket" in str(error.value)
    assert "some/key" in str(error.value)
    assert error.value.key == "some/key"
    with pytest.raises(StoreError, match="openpmd-no-such-bucket"):
        store.list("")
    container = SwiftStore("openpmd-no-such-container")
    with pytest.raises(StoreError) as error:
        container.put("some/key", b"x")
    assert "openpmd-no-such-container" in str(error.value)
    assert error.value.key == "some/key"


def test_wrong_credentials_are_an_error():
    store = S3Store(_unique("s3"), secret_access_key="wrong", access_key_id="wrong")
    with pytest.raises(StoreError, match="InvalidAccessKeyId|SignatureDoesNotMatch|Forbidden"):
        store.put("k", b"x")
    with pytest.raises(StoreError, match="key 'k'"):
        SwiftStore(_unique("swift"), key="wrong").get("k")


def test_unreachable_endpoint_fails_quickly():
    start = time.monotonic()
    store = S3Store("bucket", endpoint_url="http://127.0.0.1:9", connect_timeout=1, retries=0)
    with pytest.raises(StoreError, match="key 'k'"):
        store.get("k")
    store = SwiftStore("container", auth_url="http://127.0.0.1:9/auth/1.0", user="u", key="k",
                       timeout=1, retries=0)
    with pytest.raises(StoreError, match="key 'k'"):
        store.get("k")
    assert time.monotonic() - start < 20


def test_a_python_series_writes_zarr_into_s3_and_xarray_reads_it():
    """The Zarr backend with the store type "python" from a Python program
    (the module registers the type), S3Store against radosgw; zarr-python,
    xarray and a second Series read the objects back."""
    import json

    import openpmd_api as io
    xarray = pytest.importorskip("xarray")

    bucket = _unique("series")
    store_options = {"type": "python", "class": "openpmd_api.stores.s3:S3Store",
                     "args": {"bucket": bucket, "prefix": "runs/{name}",
                              "create_bucket": True}}
    options = json.dumps({"backend": "zarr", "zarr": {"store": store_options}})
    values = np.arange(12.0).reshape(3, 4)
    with io.Series("/nowhere/on/disk/fields.zarr", io.Access.create, options) as series:
        mesh = series.iterations[100].meshes["E"]
        mesh.axis_labels = ["y", "x"]
        for offset, axis in enumerate("xy"):
            component = mesh[axis]
            component.reset_dataset(io.Dataset(values.dtype, values.shape))
            component.store_chunk(values + offset)
    assert not os.path.exists("/nowhere")

    with io.Series("/nowhere/on/disk/fields.zarr", io.Access.read_only,
                   options) as series:
        component = series.iterations[100].meshes["E"]["y"]
        got = component.load_chunk()
        series.flush()
        np.testing.assert_array_equal(got, values + 1)

    store = S3Store(bucket, "runs/fields.zarr")
    ds = xarray.open_zarr(store, group="data/100/meshes/E")
    for offset, axis in enumerate("xy"):
        np.testing.assert_array_equal(ds[axis].values, values + offset)
    store.clear()
