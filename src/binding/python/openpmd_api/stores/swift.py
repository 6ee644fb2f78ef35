"""SwiftStore: the keys of a hierarchy as objects of an OpenStack Swift
container (python3-swiftclient); works with Ceph radosgw's Swift API too.

Options (keyword arguments), each falling back to the environment variables
of the swift command-line client:

- container (required), prefix: the object of key K is prefix + "/" + K;
- auth_url, user, key: else ST_AUTH, ST_USER, ST_KEY;
- auth_version: else ST_AUTH_VERSION, else "1" (v1 auth, as radosgw and
  Swift's tempauth offer); for Keystone ("2.0", "3") pass os_options;
- create_container: create the container if missing (default False);
- timeout (seconds per request), retries (attempts after the first).
"""
import os

from .mapping import StoreError, StoreMapping, as_bytes

try:
    import swiftclient
    from swiftclient.exceptions import ClientException
except ImportError as e:  # pragma: no cover - swiftclient is needed by this store only
    raise ImportError("openpmd_api.stores.swift needs swiftclient (Debian: "
                      "python3-swiftclient, pip: python-swiftclient): {}".format(e)) from e


def _status(error):
    return getattr(error, "http_status", None)


class SwiftStore(StoreMapping):
    """One Zarr hierarchy in a Swift container; see the module for the options."""

    # Swift's default max_file_size (radosgw: rgw_max_put_size): 5 GiB.
    max_value_size = 5 * 1024 ** 3

    def __init__(self, container, prefix="", *, auth_url=None, user=None, key=None,
                 auth_version=None, os_options=None, create_container=False,
                 timeout=60, retries=2):
        if not isinstance(container, str) or not container:
            raise ValueError(
                "SwiftStore: container must be a non-empty str, not {!r}".format(container))
        self.container = container
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.auth_url = auth_url or os.environ.get("ST_AUTH")
        if not self.auth_url:
            raise ValueError("SwiftStore: no auth_url given and ST_AUTH is not set")
        self._connection = swiftclient.Connection(
            authurl=self.auth_url, user=user or os.environ.get("ST_USER"),
            key=key or os.environ.get("ST_KEY"),
            auth_version=auth_version or os.environ.get("ST_AUTH_VERSION") or "1",
            os_options=os_options or {}, retries=retries, timeout=timeout,
            starting_backoff=0.5, max_backoff=4)
        if create_container:
            try:
                self._connection.put_container(self.container)
            except (ClientException, OSError) as e:
                self._fail("", "create container " + self.container, e)

    def describe(self):
        return "swift {} {}/{}".format(self.auth_url, self.container, self.prefix)

    def _name(self, key):
        self._check_key(key)
        return self.prefix + key

    def _fail(self, key, action, error):
        raise StoreError(self.describe(), key, "cannot {}: {}".format(action, error)) from error

    def get(self, key, default=None):
        name = self._name(key)
        try:
            return self._connection.get_object(self.container, name)[1]
        except ClientException as e:
            if _status(e) == 404:
                return default
            self._fail(key, "read", e)
        except OSError as e:
            self._fail(key, "read", e)

    def get_range(self, key, offset, length):
        if offset < 0 or length < 0:
            raise StoreError(self.describe(), key, "negative offset or length")
        # HTTP ranges cannot be empty, and one starting at or after the end
        # is refused (416): then only whether the key exists is asked.
        if length > 0:
            name = self._name(key)
            try:
                return self._connection.get_object(
                    self.container, name,
                    headers={"Range": "bytes={}-{}".format(offset, offset + length - 1)})[1]
            except ClientException as e:
                if _status(e) == 404:
                    return None
                if _status(e) != 416:
                    self._fail(key, "read a range", e)
            except OSError as e:
                self._fail(key, "read a range", e)
        return b"" if self.contains(key) else None

    def put(self, key, value):
        name = self._name(key)
        data = as_bytes(value)
        if len(data) > self.max_value_size:
            raise StoreError(self.describe(), key, "a value of {} bytes is larger than the "
                             "{} bytes of one Swift PUT".format(len(data), self.max_value_size))
        try:
            self._connection.put_object(self.container, name, contents=data)
        except (ClientException, OSError) as e:
            self._fail(key, "write", e)

    def contains(self, key):
        name = self._name(key)
        try:
            self._connection.head_object(self.container, name)
            return True
        except ClientException as e:
            if _status(e) == 404:
                return False
            self._fail(key, "look up", e)
        except OSError as e:
            self._fail(key, "look up", e)

    def erase(self, key):
        name = self._name(key)
        try:
            self._connection.delete_object(self.container, name)
            return True
        except ClientException as e:
            if _status(e) == 404:
                return False
            self._fail(key, "remove", e)
        except OSError as e:
            self._fail(key, "remove", e)

    def list(self, prefix=""):
        try:
            _, entries = self._connection.get_container(
                self.container, prefix=self.prefix + prefix, full_listing=True)
        except (ClientException, OSError) as e:
            self._fail(prefix + "*", "list", e)
        # Code point order is UTF-8 byte order, the order of every store.
        return sorted(entry["name"][len(self.prefix):] for entry in entries)

    def clear(self):
        self.erase_with_prefix("")
