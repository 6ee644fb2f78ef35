"""S3Store: the keys of a hierarchy as objects of an S3 bucket (boto3).

Works with AWS S3 and with S3-compatible services (Ceph radosgw, MinIO).
Options (keyword arguments), each falling back to the usual environment:

- bucket (required), prefix: the object of key K is prefix + "/" + K
  ("" puts the keys at the bucket's top level);
- endpoint_url: else AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, else AWS;
- access_key_id, secret_access_key, session_token: else boto3's own
  lookup (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, ~/.aws, ...);
- region: else AWS_REGION or AWS_DEFAULT_REGION, else us-east-1;
- create_bucket: create the bucket if it does not exist (default False);
- addressing_style: "path" (default with an endpoint_url: no DNS per
  bucket needed) or "virtual";
- connect_timeout, read_timeout (seconds), retries (attempts after the first);
- page_size: keys per listing request (default: the server's, 1000 on S3).
"""
import os

from .mapping import StoreError, StoreMapping, as_bytes

try:
    import boto3
    import botocore.config
    import botocore.exceptions
except ImportError as e:  # pragma: no cover - boto3 is a dependency of this store only
    raise ImportError("openpmd_api.stores.s3 needs boto3 (Debian: python3-boto3, "
                      "pip: boto3): {}".format(e)) from e

_MISSING = ("404", "NoSuchKey", "NotFound")


def _error_code(error):
    return str(error.response.get("Error", {}).get("Code", ""))


class S3Store(StoreMapping):
    """One Zarr hierarchy in an S3 bucket; see the module for the options."""

    # A single PUT takes at most 5 GiB.
    max_value_size = 5 * 1024 ** 3

    def __init__(self, bucket, prefix="", *, endpoint_url=None, access_key_id=None,
                 secret_access_key=None, session_token=None, region=None,
                 create_bucket=False, addressing_style=None, connect_timeout=10,
                 read_timeout=60, retries=2, page_size=None):
        if not isinstance(bucket, str) or not bucket:
            raise ValueError("S3Store: bucket must be a non-empty str, not {!r}".format(bucket))
        self.bucket = bucket
        # Keys per listing request; None: the server's page (1000 on S3).
        self.page_size = page_size
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.endpoint_url = (endpoint_url or os.environ.get("AWS_ENDPOINT_URL_S3")
                             or os.environ.get("AWS_ENDPOINT_URL") or None)
        region = (region or os.environ.get("AWS_REGION")
                  or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1")
        if addressing_style is None:
            addressing_style = "path" if self.endpoint_url else "auto"
        config = botocore.config.Config(
            s3={"addressing_style": addressing_style},
            connect_timeout=connect_timeout, read_timeout=read_timeout,
            retries={"max_attempts": retries, "mode": "standard"})
        self._client = boto3.session.Session().client(
            "s3", endpoint_url=self.endpoint_url, region_name=region,
            aws_access_key_id=access_key_id, aws_secret_access_key=secret_access_key,
            aws_session_token=session_token, config=config)
        if create_bucket:
            self._create_bucket(region)

    def describe(self):
        where = self.endpoint_url or "aws"
        return "s3 {}/{}/{}".format(where.rstrip("/"), self.bucket, self.prefix)

    def _name(self, key):
        self._check_key(key)
        return self.prefix + key

    def _fail(self, key, action, error):
        raise StoreError(self.describe(), key, "cannot {}: {}".format(action, error)) from error

    def _create_bucket(self, region):
        try:
            self._client.head_bucket(Bucket=self.bucket)
            return
        except botocore.exceptions.ClientError as e:
            if _error_code(e) not in _MISSING:
                self._fail("", "look up bucket " + self.bucket, e)
        except botocore.exceptions.BotoCoreError as e:
            self._fail("", "look up bucket " + self.bucket, e)
        arguments = {"Bucket": self.bucket}
        if region != "us-east-1":
            arguments["CreateBucketConfiguration"] = {"LocationConstraint": region}
        try:
            self._client.create_bucket(**arguments)
        except botocore.exceptions.ClientError as e:
            if _error_code(e) not in ("BucketAlreadyOwnedByYou",):
                self._fail("", "create bucket " + self.bucket, e)
        except botocore.exceptions.BotoCoreError as e:
            self._fail("", "create bucket " + self.bucket, e)

    def get(self, key, default=None):
        name = self._name(key)
        try:
            return self._client.get_object(Bucket=self.bucket, Key=name)["Body"].read()
        except botocore.exceptions.ClientError as e:
            if _error_code(e) in _MISSING:
                return default
            self._fail(key, "read", e)
        except botocore.exceptions.BotoCoreError as e:
            self._fail(key, "read", e)

    def get_range(self, key, offset, length):
        if offset < 0 or length < 0:
            raise StoreError(self.describe(), key, "negative offset or length")
        # HTTP ranges cannot be empty, and one starting at or after the end
        # is refused (416): then only whether the key exists is asked.
        if length > 0:
            name = self._name(key)
            try:
                return self._client.get_object(
                    Bucket=self.bucket, Key=name,
                    Range="bytes={}-{}".format(offset, offset + length - 1))["Body"].read()
            except botocore.exceptions.ClientError as e:
                if _error_code(e) in _MISSING:
                    return None
                if _error_code(e) not in ("InvalidRange", "416"):
                    self._fail(key, "read a range", e)
            except botocore.exceptions.BotoCoreError as e:
                self._fail(key, "read a range", e)
        return b"" if self.contains(key) else None

    def put(self, key, value):
        name = self._name(key)
        data = as_bytes(value)
        if len(data) > self.max_value_size:
            raise StoreError(self.describe(), key, "a value of {} bytes is larger than the "
                             "{} bytes of one S3 PUT".format(len(data), self.max_value_size))
        try:
            self._client.put_object(Bucket=self.bucket, Key=name, Body=data)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
            self._fail(key, "write", e)

    def contains(self, key):
        name = self._name(key)
        try:
            self._client.head_object(Bucket=self.bucket, Key=name)
            return True
        except botocore.exceptions.ClientError as e:
            if _error_code(e) in _MISSING:
                return False
            self._fail(key, "look up", e)
        except botocore.exceptions.BotoCoreError as e:
            self._fail(key, "look up", e)

    def erase(self, key):
        # S3 deletes a missing object without complaint: ask first.
        if not self.contains(key):
            return False
        try:
            self._client.delete_object(Bucket=self.bucket, Key=self._name(key))
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
            self._fail(key, "remove", e)
        return True

    def list(self, prefix=""):
        keys = []
        try:
            paging = {"PageSize": self.page_size} if self.page_size else {}
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.prefix + prefix, PaginationConfig=paging)
            for page in pages:
                keys.extend(entry["Key"][len(self.prefix):] for entry in page.get("Contents", []))
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
            self._fail(prefix + "*", "list", e)
        # Code point order is UTF-8 byte order, the order of every store.
        return sorted(keys)

    def erase_with_prefix(self, prefix):
        keys = self.list(prefix)
        for start in range(0, len(keys), 1000):  # DeleteObjects takes 1000 at a time
            batch = [{"Key": self.prefix + key} for key in keys[start:start + 1000]]
            try:
                answer = self._client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
            except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as e:
                self._fail(prefix + "*", "remove", e)
            for error in answer.get("Errors", []):
                raise StoreError(self.describe(), error.get("Key", "")[len(self.prefix):],
                                 "cannot remove: {}".format(error.get("Message")))

    def clear(self):
        self.erase_with_prefix("")
