#!/usr/bin/env bash
# Runs openPMD-api's Python unit tests (test/python/unittest/API/APITest.py)
# against this repository's built `openpmd_api` module and prints how many
# tests pass, fail, error out and are skipped (with the reason of each one
# that does not pass).
#
# Usage:
#   bash scripts/check-openpmd-api-python-tests.sh [APITest.py | --tag TAG]
#        [--stand-in-samples] [-- unittest names...]
#
#   APITest.py   a copy of openPMD-api's file, run as it is.
#   --stand-in-samples  without OPENPMD_API_SAMPLES, write stand-ins for the
#                sample files with scripts/make_apitest_stand_in_samples.py
#                (h5py; same layout and the numbers the tests compare, our own
#                data elsewhere), so the tests that read them run too.
#   --tag TAG    take the file at TAG (default 0.16.0) from a bare git copy of
#                openPMD-api (OPENPMD_API_GIT_DIR, default
#                /work/.mirror/openPMD+openPMD-api/repo).
#   names        optional test names to run only these (e.g. testAttributes).
#
# Environment:
#   BUILD_DIR            the build tree with the module (default: <repo>/build;
#                        its python/ directory goes on PYTHONPATH)
#   PYTHON               interpreter the module was built for (/usr/bin/python3)
#   OPENPMD_API_SAMPLES  a directory holding openPMD-api's downloaded example
#                        files (git-sample/, issue-sample/); without it the tests
#                        that read them are reported as skipped
#   KEEP_WORKDIR=1       keep the temporary directory the tests write into
#
# The file is run unmodified in a temporary directory laid out as in
# openPMD-api's tree (unittest/API/APITest.py, unittest/TestUtilities/, and
# samples/ beside unittest/, because the tests write to ../samples/). Its
# setUp() opens three sample Series; where a sample file is missing, the
# runner hands the test a stand-in whose first use skips the test, so every
# test that does not read sample files still runs.
#
# Exit code: 0 when no test failed or errored, 1 otherwise.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$repo/build}
python=${PYTHON:-/usr/bin/python3}
git_dir=${OPENPMD_API_GIT_DIR:-/work/.mirror/openPMD+openPMD-api/repo}

source_file=""
tag=0.16.0
names=()
stand_ins=0
while [ $# -gt 0 ]; do
    case "$1" in
        --tag) tag=$2; shift 2 ;;
        --tag=*) tag=${1#--tag=}; shift ;;
        --stand-in-samples) stand_ins=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        --) shift; names=("$@"); break ;;
        *) source_file=$1; shift ;;
    esac
done

if [ ! -d "$build_dir/python/openpmd_api" ]; then
    echo "no built module in $build_dir/python/openpmd_api" \
         "(build the target openpmd_api_cxx, or set BUILD_DIR)" >&2
    exit 2
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/openpmd-api-pytests.XXXXXX")
if [ "${KEEP_WORKDIR:-0}" = 1 ]; then
    echo "work directory: $workdir"
else
    trap 'rm -rf "$workdir"' EXIT
fi
mkdir -p "$workdir/unittest/API" "$workdir/unittest/TestUtilities"

if [ -n "$source_file" ]; then
    cp "$source_file" "$workdir/unittest/API/APITest.py"
    origin=$source_file
else
    git -C "$git_dir" show "$tag:test/python/unittest/API/APITest.py" \
        > "$workdir/unittest/API/APITest.py"
    origin="$git_dir at $tag"
fi
touch "$workdir/unittest/API/__init__.py" \
      "$workdir/unittest/TestUtilities/__init__.py"
# The helper module the test file imports: sample paths are relative to
# unittest/, in ../samples.
cat > "$workdir/unittest/TestUtilities/TestUtilities.py" <<'EOF'
import os


def generateTestFilePath(file_name):
    return os.path.join("..", "samples", file_name)
EOF

if [ -n "${OPENPMD_API_SAMPLES:-}" ]; then
    mkdir -p "$workdir/samples"
    for entry in "$OPENPMD_API_SAMPLES"/*; do
        ln -s "$(cd "$(dirname "$entry")" && pwd)/$(basename "$entry")" \
              "$workdir/samples/"
    done
elif [ "$stand_ins" = 1 ]; then
    "$python" "$repo/scripts/make_apitest_stand_in_samples.py" "$workdir/samples"
    echo "sample files: stand-ins (scripts/make_apitest_stand_in_samples.py)"
else
    mkdir -p "$workdir/samples"
fi

# The runner sits in unittest/ (as openPMD-api's Test.py does), so that
# directory is first on sys.path and nothing shadows the standard `unittest`.
cat > "$workdir/unittest/run_apitest.py" <<'EOF'
"""Runs APITest with stand-ins for missing sample files; prints a summary."""
import sys
import unittest

import openpmd_api as io

from API import APITest as api_module


class MissingSample:
    """Stands for a sample Series that could not be opened: any use skips."""

    def __init__(self, path, error):
        object.__setattr__(self, "_reason",
                           "needs openPMD-api sample file {} ({})".format(
                               path, str(error).splitlines()[0][:120]))

    def _skip(self):
        raise unittest.SkipTest(object.__getattribute__(self, "_reason"))

    def __getattr__(self, name):
        self._skip()

    @property
    def __class__(self):  # isinstance(series, io.Series) also skips
        self._skip()

    def __bool__(self):
        self._skip()


test_case = api_module.APITest
original_set_up = test_case.setUp


def set_up(self):
    real_series = io.Series

    def series(path, *args, **kwargs):
        try:
            return real_series(path, *args, **kwargs)
        except Exception as error:  # a missing sample file
            return MissingSample(path, error)

    io.Series = series
    try:
        original_set_up(self)
    finally:
        io.Series = real_series


test_case.setUp = set_up

# io.list_series(series) is the one call that gets a sample Series as an
# argument (testListSeries): a stand-in skips the test there as well.
real_list_series = io.list_series


def list_series(*args, **kwargs):
    if args and isinstance(args[0], MissingSample):
        args[0]._skip()
    return real_list_series(*args, **kwargs)


list_series.__doc__ = real_list_series.__doc__
io.list_series = list_series

names = sys.argv[1:]
loader = unittest.TestLoader()
if names:
    suite = unittest.TestSuite(test_case(name) for name in names)
else:
    suite = loader.loadTestsFromTestCase(test_case)
result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)

failed = {test.id().split(".")[-1]: "fail" for test, _ in result.failures}
failed.update({test.id().split(".")[-1]: "error" for test, _ in result.errors})
skipped = {test.id().split(".")[-1]: reason for test, reason in result.skipped}
print()
print("openPMD-api APITest.py against", io.__file__)
print("file extensions tested:", [e for e in io.file_extensions
                                  if e not in ("sst", "ssc")])
print("passed:  {}".format(result.testsRun - len(failed) - len(skipped)))
print("failed:  {}".format(len(result.failures)))
print("errors:  {}".format(len(result.errors)))
print("skipped: {}".format(len(skipped)))
for name in sorted(failed):
    print("  {:6} {}".format(failed[name], name))
for name in sorted(skipped):
    print("  skip   {}: {}".format(name, skipped[name]))
sys.exit(0 if result.wasSuccessful() else 1)
EOF

echo "APITest.py from $origin"
cd "$workdir/unittest"
PYTHONPATH="$build_dir/python${PYTHONPATH:+:$PYTHONPATH}" \
PYTHONDONTWRITEBYTECODE=1 \
    "$python" run_apitest.py "${names[@]}"
