"""openpmd-pipe: ``python3 -m openpmd_api.pipe --in SERIES --out SERIES ...``
copies a series to another backend, encoding or place. It runs the C++
tool's code (docs/tools.md), so its options, output and exit status are those
of the installed ``openpmd-pipe``."""
import sys

from ._tools import run_tool


def main(argv=None):
    """Runs openpmd-pipe with ``argv`` (default: the command line); returns its
    exit status."""
    return run_tool("pipe", argv)


if __name__ == "__main__":
    sys.exit(main())
