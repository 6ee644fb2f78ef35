"""SQLiteConnector: each openPMD file is one SQLite database.

Groups and datasets are rows of a table, attributes rows of another, and
every written chunk a BLOB with its offset and extent; a read assembles the
requested region from the chunks that overlap it (later writes win). All
changes of one flush are one transaction per file, so a writer that dies
leaves the state of its last completed flush. See docs/python-connectors.md.
"""
import contextlib
import json
import os
import sqlite3
import urllib.request

import numpy as np

from . import datatypes as dt

_FORMAT = "libopenPMD python-connector sqlite"
_VERSION = "1"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE objects (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    parent INTEGER,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('group', 'dataset')),
    dtype TEXT,
    extent TEXT
);
CREATE INDEX objects_by_parent ON objects (parent, name);
CREATE TABLE attributes (
    object INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    dtype TEXT NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY (object, name)
);
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    dataset INTEGER NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
    offset TEXT NOT NULL,
    extent TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX chunks_by_dataset ON chunks (dataset, id);
"""

_JOURNAL_MODES = ("DELETE", "TRUNCATE", "PERSIST", "WAL")
_SYNCHRONOUS = ("OFF", "NORMAL", "FULL", "EXTRA")
_LONG_DOUBLE_TYPES = ("LONG_DOUBLE", "CLONG_DOUBLE", "VEC_LONG_DOUBLE", "VEC_CLONG_DOUBLE")


def _stored(dtype):
    """Chunk elements are stored little-endian."""
    return dtype.newbyteorder("<")


class _Database:
    """One open file: its connection and whether this flush writes to it."""

    def __init__(self, path, connection):
        self.path = path
        self.connection = connection
        self.flush_transaction = False  # BEGIN IMMEDIATE issued in this flush
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        self.long_double_bytes = int(meta.get("long_double_bytes", "0"))


class SQLiteConnector:
    """Stores each openPMD file in an SQLite database (Python's sqlite3).

    Options (all optional):
      busy_timeout  seconds to wait for another process's lock (default 60)
      journal_mode  of new files: DELETE (default), TRUNCATE, PERSIST or WAL
      synchronous   OFF, NORMAL, FULL (default) or EXTRA
    """

    name = "pysqlite"
    extensions = ["sqlite"]

    def __init__(self, options, rank, size):
        options = dict(options or {})
        self.busy_timeout = float(options.pop("busy_timeout", 60.0))
        self.journal_mode = str(options.pop("journal_mode", "DELETE")).upper()
        self.synchronous = str(options.pop("synchronous", "FULL")).upper()
        if options:
            raise ValueError("{}: unknown options {} (known: busy_timeout, "
                             "journal_mode, synchronous)".format(self.name, sorted(options)))
        if self.journal_mode not in _JOURNAL_MODES:
            raise ValueError("{}: journal_mode {!r}: expected one of {}".format(
                self.name, self.journal_mode, ", ".join(_JOURNAL_MODES)))
        if self.synchronous not in _SYNCHRONOUS:
            raise ValueError("{}: synchronous {!r}: expected one of {}".format(
                self.name, self.synchronous, ", ".join(_SYNCHRONOUS)))
        if self.busy_timeout < 0:
            raise ValueError("{}: busy_timeout must not be negative".format(self.name))
        self.rank = rank
        self.size = size
        self._parallel = size > 1
        self._files = {}  # absolute path -> _Database
        self._in_flush = False

    # ------------------------------------------------------------ connection
    def _connect(self, path, create):
        uri = "file:{}?mode={}".format(urllib.request.pathname2url(path),
                                       "rwc" if create else "rw")
        connection = sqlite3.connect(uri, uri=True, timeout=self.busy_timeout,
                                     isolation_level=None, check_same_thread=False)
        try:
            if not create:
                self._check_format(connection, path)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA synchronous = " + self.synchronous)
            if create:
                # Persistent in the file: readers of a WAL file use WAL too.
                connection.execute("PRAGMA journal_mode = " + self.journal_mode)
                self._create_schema(connection)
            return _Database(path, connection)
        except BaseException:
            connection.close()
            raise

    @staticmethod
    def _create_schema(connection):
        """The tables and the root group of a new file, committed at once."""
        # (not executescript: it would commit before the schema is complete)
        connection.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("format", _FORMAT), ("version", _VERSION),
             ("long_double_bytes", str(np.dtype(np.longdouble).itemsize))])
        connection.execute("INSERT INTO objects (path, parent, name, kind) "
                           "VALUES ('/', NULL, '', 'group')")
        connection.execute("COMMIT")

    def _check_format(self, connection, path):
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as error:  # not SQLite, or no meta table
            raise ValueError("{}: {} is not a database of this connector ({})".format(
                self.name, path, error)) from None
        if meta.get("format") != _FORMAT:
            raise ValueError("{}: {} is not a database of this connector".format(
                self.name, path))
        if meta.get("version") != _VERSION:
            raise ValueError("{}: {} has format version {}, this connector reads "
                             "{}".format(self.name, path, meta.get("version"), _VERSION))

    def _close(self, key, commit):
        database = self._files.pop(key, None)
        if database is None:
            return
        try:
            if database.connection.in_transaction:
                database.connection.execute("COMMIT" if commit else "ROLLBACK")
        finally:
            database.connection.close()

    def _database(self, file):
        if not isinstance(file, str) or not file:
            raise ValueError("file name {!r}: expected a non-empty str".format(file))
        database = self._files.get(os.path.abspath(file))
        if database is None:
            raise ValueError("{}: file {} is not open (create_file or open_file "
                             "first)".format(self.name, file))
        return database

    @contextlib.contextmanager
    def _reading(self, file):
        """A consistent view for one operation: inside the flush's write
        transaction if there is one, else a read transaction of its own."""
        database = self._database(file)
        connection = database.connection
        if connection.in_transaction:
            yield database
            return
        connection.execute("BEGIN")
        try:
            yield database
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")

    @contextlib.contextmanager
    def _writing(self, file):
        """One changing operation: a savepoint inside the flush's transaction
        (taken with the write lock at the first change of the flush), or a
        transaction of its own outside a flush. A failing operation changes
        nothing."""
        database = self._database(file)
        connection = database.connection
        if not self._in_flush:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield database
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            return
        if not database.flush_transaction:
            connection.execute("BEGIN IMMEDIATE")
            database.flush_transaction = True
        connection.execute("SAVEPOINT operation")
        try:
            yield database
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK TO operation")
                connection.execute("RELEASE operation")
            else:  # SQLite rolled the whole transaction back itself
                database.flush_transaction = False
            raise
        connection.execute("RELEASE operation")

    # ----------------------------------------------------------------- files
    def _key(self, file):
        if not isinstance(file, str) or not file:
            raise ValueError("file name {!r}: expected a non-empty str".format(file))
        return os.path.abspath(file)

    def create_file(self, file):
        key = self._key(file)
        self._close(key, commit=False)
        if self._parallel and self.rank != 0:
            # Rank 0 has replaced the file (the bridge orders this).
            self.open_file(file)
            return
        # As the HDF5 and JSON backends: a Series may name a new directory.
        os.makedirs(os.path.dirname(key) or ".", exist_ok=True)
        _remove_database(key, missing_ok=True)
        self._files[key] = self._connect(key, create=True)

    def open_file(self, file):
        key = self._key(file)
        if key in self._files:
            return
        if not os.path.isfile(key):
            raise FileNotFoundError("{}: no file {}".format(self.name, file))
        self._files[key] = self._connect(key, create=False)

    def file_exists(self, file):
        return os.path.isfile(self._key(file))

    def close_file(self, file):
        self._close(self._key(file), commit=True)

    def delete_file(self, file):
        key = self._key(file)
        self._close(key, commit=False)
        if self._parallel and self.rank != 0:
            return  # rank 0 removes it
        if not os.path.isfile(key):
            raise FileNotFoundError("{}: no file {}".format(self.name, file))
        _remove_database(key, missing_ok=False)

    @classmethod
    def list_files(cls, directory):
        suffixes = tuple("." + extension for extension in cls.extensions)
        try:
            names = os.listdir(directory)
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(name for name in names if name.endswith(suffixes)
                      and os.path.isfile(os.path.join(directory, name)))

    # ----------------------------------------------------------------- nodes
    def _where(self, file, path):
        return "{}: {}:{}".format(self.name, file, path)

    @staticmethod
    def _row(database, path):
        """(id, kind, dtype, extent) of the object at `path`, or None."""
        return database.connection.execute(
            "SELECT id, kind, dtype, extent FROM objects WHERE path = ?",
            (dt.join_path(dt.split_path(path)),)).fetchone()

    def _group_id(self, database, file, path):
        row = self._row(database, path)
        if row is None or row[1] != "group":
            raise KeyError("{}: no group".format(self._where(file, path)))
        return row[0]

    def _dataset_row(self, database, file, path):
        row = self._row(database, path)
        if row is None or row[1] != "dataset":
            raise KeyError("{}: no dataset".format(self._where(file, path)))
        object_id, _, dtype, extent = row
        if dtype in _LONG_DOUBLE_TYPES:
            self._check_long_double(database, file)
        return object_id, dtype, tuple(json.loads(extent))

    def _object_id(self, database, file, path):
        row = self._row(database, path)
        if row is None:
            raise KeyError("{}: no group or dataset".format(self._where(file, path)))
        return row[0]

    def _check_long_double(self, database, file):
        if database.long_double_bytes != np.dtype(np.longdouble).itemsize:
            raise ValueError(
                "{}: {} stores long double values of {} bytes, this platform's have "
                "{}".format(self.name, file, database.long_double_bytes,
                            np.dtype(np.longdouble).itemsize))

    def _make_groups(self, database, file, segments, path):
        """The id of the group at `segments`, creating missing groups."""
        connection = database.connection
        parent = self._group_id(database, file, "/")
        for depth in range(1, len(segments) + 1):
            here = dt.join_path(segments[:depth])
            row = connection.execute("SELECT id, kind FROM objects WHERE path = ?",
                                     (here,)).fetchone()
            if row is None:
                parent = connection.execute(
                    "INSERT INTO objects (path, parent, name, kind) "
                    "VALUES (?, ?, ?, 'group')",
                    (here, parent, segments[depth - 1])).lastrowid
            elif row[1] != "group":
                raise ValueError("{}: the dataset {} is in the way".format(
                    self._where(file, path), here))
            else:
                parent = row[0]
        return parent

    @staticmethod
    def _delete_tree(connection, path):
        """Deletes the object at `path` and everything below it (attributes
        and chunks follow through the foreign keys)."""
        prefix = path.rstrip("/") + "/"
        connection.execute(
            "DELETE FROM objects WHERE path = ? OR substr(path, 1, ?) = ?",
            (path, len(prefix), prefix))

    # ---------------------------------------------------------------- groups
    def create_group(self, file, path):
        segments = dt.split_path(path)
        with self._writing(file) as database:
            self._make_groups(database, file, segments, path)

    def group_exists(self, file, path):
        with self._reading(file) as database:
            row = self._row(database, path)
        return row is not None and row[1] == "group"

    def delete_group(self, file, path):
        segments = dt.split_path(path)
        if not segments:
            raise ValueError("{}: the root group cannot be deleted".format(
                self._where(file, path)))
        with self._writing(file) as database:
            row = self._row(database, path)
            if row is None or row[1] != "group":
                if self._parallel and row is None:
                    return  # another rank deleted it
                raise KeyError("{}: no group".format(self._where(file, path)))
            self._delete_tree(database.connection, dt.join_path(segments))

    def _children(self, file, path, kind):
        with self._reading(file) as database:
            group = self._group_id(database, file, path)
            names = [name for (name,) in database.connection.execute(
                "SELECT name FROM objects WHERE parent = ? AND kind = ?", (group, kind))]
        return sorted(names)

    def list_groups(self, file, path):
        return self._children(file, path, "group")

    # -------------------------------------------------------------- datasets
    def create_dataset(self, file, path, dtype, extent, options):
        segments = dt.split_path(path)
        if not segments:
            raise ValueError("{}: the root cannot be a dataset".format(
                self._where(file, path)))
        dt.numpy_dtype(dtype)
        extent = dt.as_shape(extent, "dataset extent")
        if options:
            raise ValueError("{}: the {} connector takes no dataset options, got "
                             "{!r}".format(self._where(file, path), self.name, options))
        path = dt.join_path(segments)
        with self._writing(file) as database:
            connection = database.connection
            parent = self._make_groups(database, file, segments[:-1], path)
            row = self._row(database, path)
            if row is not None:
                if row[1] != "dataset":
                    raise ValueError("{}: a group of that name exists".format(
                        self._where(file, path)))
                if self._parallel and row[2] == dtype and \
                        tuple(json.loads(row[3])) == extent:
                    return  # created by another rank in this flush: keep its chunks
                # An existing dataset is replaced, attributes and chunks too.
                self._delete_tree(connection, path)
            connection.execute(
                "INSERT INTO objects (path, parent, name, kind, dtype, extent) "
                "VALUES (?, ?, ?, 'dataset', ?, ?)",
                (path, parent, segments[-1], dtype, json.dumps(extent)))

    def extend_dataset(self, file, path, extent):
        with self._writing(file) as database:
            object_id, _, old_extent = self._dataset_row(database, file, path)
            extent = dt.check_extension(old_extent, extent)
            database.connection.execute("UPDATE objects SET extent = ? WHERE id = ?",
                                        (json.dumps(extent), object_id))

    def dataset_info(self, file, path):
        with self._reading(file) as database:
            _, dtype, extent = self._dataset_row(database, file, path)
        return dtype, extent

    def delete_dataset(self, file, path):
        with self._writing(file) as database:
            row = self._row(database, path)
            if row is None and self._parallel:
                return  # another rank deleted it
            self._dataset_row(database, file, path)
            self._delete_tree(database.connection, dt.join_path(dt.split_path(path)))

    def list_datasets(self, file, path):
        return self._children(file, path, "dataset")

    # ------------------------------------------------------------ partial IO
    @staticmethod
    def _chunks(connection, dataset):
        """(id, offset, extent) of the stored chunks of a dataset, oldest first."""
        return [(chunk_id, tuple(json.loads(offset)), tuple(json.loads(extent)))
                for chunk_id, offset, extent in connection.execute(
                    "SELECT id, offset, extent FROM chunks WHERE dataset = ? ORDER BY id",
                    (dataset,))]

    def write_chunk(self, file, path, offset, extent, data):
        with self._writing(file) as database:
            connection = database.connection
            dataset, dtype, dataset_extent = self._dataset_row(database, file, path)
            offset, extent = dt.check_selection(offset, extent, dataset_extent)
            numpy_dtype = dt.numpy_dtype(dtype)
            dt.check_chunk_buffer(data, numpy_dtype, extent, False,
                                  self._where(file, path) + " write_chunk data")
            if data.size == 0:
                return
            covered = [chunk_id for chunk_id, old_offset, old_extent
                       in self._chunks(connection, dataset)
                       if dt.contains(offset, extent, old_offset, old_extent)]
            connection.executemany("DELETE FROM chunks WHERE id = ?",
                                   [(chunk_id,) for chunk_id in covered])
            # SQLite copies the bytes while binding: `data` is not kept.
            # (as bytes: numpy exports no buffer of an explicit-order long double)
            contiguous = np.ascontiguousarray(data, dtype=_stored(numpy_dtype))
            connection.execute(
                "INSERT INTO chunks (dataset, offset, extent, data) VALUES (?, ?, ?, ?)",
                (dataset, json.dumps(offset), json.dumps(extent),
                 memoryview(contiguous.reshape(-1).view(np.uint8))))

    def read_chunk(self, file, path, offset, extent, out):
        with self._reading(file) as database:
            connection = database.connection
            dataset, dtype, dataset_extent = self._dataset_row(database, file, path)
            offset, extent = dt.check_selection(offset, extent, dataset_extent)
            numpy_dtype = dt.numpy_dtype(dtype)
            dt.check_chunk_buffer(out, numpy_dtype, extent, True,
                                  self._where(file, path) + " read_chunk out")
            if out.size == 0:
                return
            chunks = self._chunks(connection, dataset)
            # Chunks older than the newest one covering the whole region are hidden.
            first = 0
            for index, (_, chunk_offset, chunk_extent) in enumerate(chunks):
                if dt.contains(chunk_offset, chunk_extent, offset, extent):
                    first = index
            chunks = chunks[first:]
            if not chunks or not dt.contains(chunks[0][1], chunks[0][2], offset, extent):
                out[...] = 0  # never written
            for chunk_id, chunk_offset, chunk_extent in chunks:
                common = dt.intersect(chunk_offset, chunk_extent, offset, extent)
                if common is None:
                    continue
                (blob,) = connection.execute("SELECT data FROM chunks WHERE id = ?",
                                             (chunk_id,)).fetchone()
                stored = np.frombuffer(blob, dtype=_stored(numpy_dtype)).reshape(
                    chunk_extent)
                source = dt.box([c - o for c, o in zip(common[0], chunk_offset)], common[1])
                target = dt.box([c - o for c, o in zip(common[0], offset)], common[1])
                out[target] = stored[source]

    def available_chunks(self, file, path):
        with self._reading(file) as database:
            dataset, _, _ = self._dataset_row(database, file, path)
            return [(offset, extent) for _, offset, extent
                    in self._chunks(database.connection, dataset)]

    # ------------------------------------------------------------ attributes
    def write_attribute(self, file, path, name, dtype, value):
        if not isinstance(name, str) or not name:
            raise ValueError("attribute name {!r}: expected a non-empty str".format(name))
        value = dt.check_attribute(dtype, value)
        data = dt.encode_attribute(dtype, value)
        with self._writing(file) as database:
            object_id = self._object_id(database, file, path)
            database.connection.execute(
                "INSERT OR REPLACE INTO attributes (object, name, dtype, value) "
                "VALUES (?, ?, ?, ?)", (object_id, name, dtype, data))

    def read_attribute(self, file, path, name):
        with self._reading(file) as database:
            object_id = self._object_id(database, file, path)
            row = database.connection.execute(
                "SELECT dtype, value FROM attributes WHERE object = ? AND name = ?",
                (object_id, name)).fetchone()
            if row is None:
                raise KeyError("{}: no attribute {!r}".format(self._where(file, path), name))
            dtype, data = row
            if dtype in _LONG_DOUBLE_TYPES:
                self._check_long_double(database, file)
        return dtype, dt.decode_attribute(dtype, data)

    def delete_attribute(self, file, path, name):
        with self._writing(file) as database:
            row = self._row(database, path)
            if row is None and self._parallel:
                return  # another rank deleted the object
            object_id = self._object_id(database, file, path)
            database.connection.execute(
                "DELETE FROM attributes WHERE object = ? AND name = ?", (object_id, name))

    def list_attributes(self, file, path):
        with self._reading(file) as database:
            object_id = self._object_id(database, file, path)
            names = [name for (name,) in database.connection.execute(
                "SELECT name FROM attributes WHERE object = ?", (object_id,))]
        return sorted(names)

    # ----------------------------------------------------------------- flush
    def begin_flush(self):
        if self._in_flush:
            raise ValueError("{}: begin_flush inside a flush".format(self.name))
        self._in_flush = True

    def end_flush(self):
        """Commits each file's transaction of this flush; if a commit fails,
        that file's changes of this flush are rolled back, the other files
        are still committed, and the first error is raised."""
        first_error = None
        try:
            for database in self._files.values():
                if not database.flush_transaction:
                    continue
                database.flush_transaction = False
                connection = database.connection
                try:
                    if connection.in_transaction:
                        connection.execute("COMMIT")
                except Exception as error:  # noqa: BLE001 (reported below)
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    if first_error is None:
                        first_error = error
        finally:
            self._in_flush = False
        if first_error is not None:
            raise first_error


def _remove_database(path, missing_ok):
    """Removes a database file and its journal files."""
    # The database first: a journal left without it is harmless, a database
    # left with a stale journal is not.
    try:
        os.remove(path)
    except FileNotFoundError:
        if not missing_ok:
            raise
    for suffix in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)
