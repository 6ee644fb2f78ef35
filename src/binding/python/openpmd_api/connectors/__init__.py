"""Python connectors: openPMD storage implemented in Python.

A connector is a class that stores openPMD files (groups, datasets,
attributes, chunks) behind a fixed set of methods; docs/python-connectors.md
describes the protocol. Two are shipped:

- MemoryConnector ("pymemory", ``.pymem``): process-wide dicts, nothing on disk;
- SQLiteConnector ("pysqlite", ``.sqlite``): one SQLite database per file, one
  transaction per flush.

``datatypes`` has the datatype names, their numpy dtypes and the attribute
value checks that connectors share.
"""
from . import datatypes  # noqa: F401
from .memory import MemoryConnector
from .sqlite import SQLiteConnector

#: The connectors shipped with the module.
CONNECTORS = (MemoryConnector, SQLiteConnector)

__all__ = ["MemoryConnector", "SQLiteConnector", "CONNECTORS", "datatypes"]
