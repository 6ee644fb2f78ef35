"""openpmd-ls: ``python3 -m openpmd_api.ls [options] SERIES`` prints what a
Series holds. It runs the C++ tool's code (docs/tools.md), so its options,
output and exit status are those of the installed ``openpmd-ls``."""
import sys

from ._tools import run_tool


def main(argv=None):
    """Runs openpmd-ls with ``argv`` (default: the command line); returns its
    exit status."""
    return run_tool("ls", argv)


if __name__ == "__main__":
    sys.exit(main())
