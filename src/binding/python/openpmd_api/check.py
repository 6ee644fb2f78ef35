"""openpmd-check: ``python3 -m openpmd_api.check [options] SERIES`` checks a
series against the openPMD standard. It runs the C++ tool's code
(docs/tools.md), so its options, output and exit status are those of the
installed ``openpmd-check``."""
import sys

from ._tools import run_tool


def main(argv=None):
    """Runs openpmd-check with ``argv`` (default: the command line); returns its
    exit status."""
    return run_tool("check", argv)


if __name__ == "__main__":
    sys.exit(main())
