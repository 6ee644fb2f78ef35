"""Runs the C++ command-line tools (docs/tools.md) from the Python module:
``python3 -m openpmd_api.ls|pipe|check``."""
import sys

from . import openpmd_api_cxx as _cxx


def run_tool(name, argv=None):
    """Runs the tool ``openpmd-<name>`` with ``argv`` (default: the command
    line); returns its exit status."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    runner = getattr(_cxx, "_run_" + name, None)
    if runner is None:
        print("openpmd-%s: this openpmd_api was built without the tools "
              "(openPMD_BUILD_TOOLS=OFF)" % name, file=sys.stderr)
        return 64
    return runner(arguments)
