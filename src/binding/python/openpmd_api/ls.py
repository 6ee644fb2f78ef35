"""openpmd-ls: ``python3 -m openpmd_api.ls <series path>`` prints what a Series holds."""
import argparse
import sys

from . import Access, Error, Series, list_series


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="openpmd-ls",
        description="List the content of an openPMD Series: iterations, meshes, "
        "particle species and their records.",
        epilog="Example: openpmd-ls ./data_%T.h5 (file-based) or ./data.json",
    )
    parser.add_argument("series", help="path of the Series (%%T for file-based)")
    args = parser.parse_args(argv)
    try:
        series = Series(args.series, Access.read_only)
        list_series(series, longer=True)
        series.close()
    except Error as failure:
        print("openpmd-ls: {}".format(failure), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
