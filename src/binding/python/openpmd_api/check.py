"""openpmd-check: ``python3 -m openpmd_api.check [options] SERIES`` checks a
series against the openPMD standard. It runs the C++ tool's code
(docs/tools.md), so its options, output and exit status are those of the
installed ``openpmd-check``."""
import sys

from . import openpmd_api_cxx as _cxx


def main(argv=None):
    """Runs openpmd-check with ``argv`` (default: the command line); returns its
    exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not hasattr(_cxx, "_run_check"):
        print("openpmd-check: this openpmd_api was built without the tools "
              "(openPMD_BUILD_TOOLS=OFF)", file=sys.stderr)
        return 64
    return _cxx._run_check(arguments)


if __name__ == "__main__":
    sys.exit(main())
