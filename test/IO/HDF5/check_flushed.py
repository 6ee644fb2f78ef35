"""Reads a file that the writer still has open: what was flushed must be there."""
import sys

import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    ok = f.attrs["note"] == b"visible" or f.attrs["note"] == "visible"
    ok = ok and np.array_equal(f["x"][()], np.full(3, 1.5))
    if not ok:
        print("flushed content missing:", dict(f.attrs), f["x"][()], file=sys.stderr)
        sys.exit(1)
