"""Every openPMD series the test suite and the examples leave in the build
tree must be clean under openpmd-check (errors fail, warnings are allowed).

Run by CTest as tools.check_test_outputs, after every other test: the
top-level CMakeLists.txt calls openpmd_check_test_outputs_runs_last()
(tools/test/CMakeLists.txt), which gives this test DEPENDS on all other
tests, the ones catch_discover_tests adds at test time included. Run alone
(ctest -R check_test_outputs, or by hand), it checks what earlier runs left
in the build tree; the minimum number of series still applies, so on a fresh
tree it fails rather than pass without checking anything. Files that earlier
versions of a test wrote stay in the tree and are checked too: remove them
(or the build tree's test outputs) when a test stops writing a file.

What it does:
- walks the test and example output directories of the build tree (test/,
  examples/; CMakeFiles skipped) for *.json and *.h5 files and *.zarr
  directories (Zarr hierarchies in the directory store, not entered);
- drops the files of the exclusion list below (deliberately invalid
  outputs, each with its reason); an exclusion that matches no file fails
  the run, so that the list stays honest;
- keeps the openPMD series: files whose root carries the attribute
  'openPMD' (JSON: attributes.openPMD; HDF5: read with h5py; Zarr: the
  root .zattrs), and files
  that cannot be parsed but name the attributes openPMD and basePath (a
  torn series: openpmd-check then reports it unreadable). The content
  decides the backend: a file under the other backend's extension (the
  OPENPMD_BACKEND tests) is checked with the backend option of its content.
  The other files (options files, the backends' own tests, files that are
  not JSON) are skipped and counted;
- runs openpmd-check --json on each series (one file of a file-based series
  at a time) and fails listing every file with errors, or that the check
  could not read;
- fails if fewer than --minimum series were checked.

Not in the build tree, so not checked here: what the tool tests
(tools/test/test_*.py, pytest's temporary directories, among them the
error cases of test_openpmd_check.py), the crash tests and most Python tests
write in temporary directories.

usage: check_test_outputs.py --build-dir DIR --check OPENPMD_CHECK
                             [--minimum N] [--jobs N] [--verbose]
"""
import argparse
import concurrent.futures
import fnmatch
import json
import os
import subprocess
import sys

# Deliberately invalid outputs: (pattern on the path relative to the build
# directory, fnmatch syntax where '*' also matches '/'; reason).
EXCLUSIONS = [
    ("test/badinput/corpus/cases/*",
     "bad-input corpus: series broken on purpose (test/badinput/make_corpus.py)"),
    ("test/badinput/corpus/base/*",
     "bad-input corpus bases: edge cases (an empty record beside full ones) "
     "that the corpus cases mutate; read by walk_series, not meant as models"),
    ("test/IO/Zarr/zarr_bad_*",
     "ZarrBadInputTest: chunks, .zarray and .zattrs broken on purpose"),
    ("test/frontend/frontend_audit_fitted_*/*",
     "FrontendAuditTest 'mesh defaults take the dimensionality...': keeps "
     "user-set values that do not fit the mesh and a deleted default, on purpose"),
]

SUFFIXES = (".json", ".h5")
ZARR_SUFFIX = ".zarr"
OUTPUT_DIRECTORIES = ("test", "examples")


def candidates(build_dir):
    """Relative paths of the *.json and *.h5 files and *.zarr directories
    under the output directories, sorted."""
    found = []
    for top in OUTPUT_DIRECTORIES:
        root = os.path.join(build_dir, top)
        for directory, subdirectories, files in os.walk(root):
            for name in subdirectories:
                if name.endswith(ZARR_SUFFIX):
                    found.append(os.path.relpath(os.path.join(directory, name), build_dir))
            subdirectories[:] = sorted(d for d in subdirectories
                                       if d != "CMakeFiles" and not d.endswith(ZARR_SUFFIX))
            for name in files:
                if name.endswith(SUFFIXES):
                    found.append(os.path.relpath(os.path.join(directory, name), build_dir))
    return sorted(found)


def exclusion_of(path):
    for pattern, reason in EXCLUSIONS:
        if fnmatch.fnmatchcase(path, pattern):
            return pattern, reason
    return None


def looks_like_openpmd(path):
    """For a file that cannot be parsed: does it name the root attributes
    openPMD and basePath anyway (a torn or corrupted series)?"""
    try:
        with open(path, "rb") as f:
            content = f.read()
    except OSError:
        return False
    return b"openPMD" in content and b"basePath" in content


def is_openpmd_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
    except (OSError, ValueError):
        return looks_like_openpmd(path)
    if not isinstance(document, dict):
        return False
    attributes = document.get("attributes")
    return isinstance(attributes, dict) and "openPMD" in attributes


def is_openpmd_h5(path):
    try:
        import h5py  # pylint: disable=import-outside-toplevel
    except ImportError:
        sys.exit("check_test_outputs: h5py is needed to tell HDF5 series apart "
                 "(Debian: python3-h5py)")
    try:
        with h5py.File(path, "r") as f:
            return "openPMD" in f.attrs
    except (OSError, ValueError):
        return looks_like_openpmd(path)


def is_openpmd_zarr(path):
    """A Zarr hierarchy whose root .zattrs names the attribute openPMD."""
    attributes = os.path.join(path, ".zattrs")
    if not os.path.isfile(os.path.join(path, ".zgroup")):
        return False
    try:
        with open(attributes, encoding="ascii") as f:
            document = json.load(f)
    except (OSError, ValueError):
        return looks_like_openpmd(attributes)
    return isinstance(document, dict) and "openPMD" in document


HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def backend_of(path):
    """The backend the content is for: 'zarr' (a directory), 'hdf5' (its
    signature) or 'json'."""
    if os.path.isdir(path):
        return "zarr"
    try:
        with open(path, "rb") as f:
            return "hdf5" if f.read(len(HDF5_SIGNATURE)) == HDF5_SIGNATURE else "json"
    except OSError:
        return "json"


def is_openpmd(path, backend):
    if backend == "zarr":
        return is_openpmd_zarr(path)
    return is_openpmd_h5(path) if backend == "hdf5" else is_openpmd_json(path)


def check(openpmd_check, build_dir, path, backend):
    """(path, error lines) for one series; no lines when it is clean.
    `backend`: the one to read it with where the extension says otherwise."""
    options = ["--options", '{"backend": "%s"}' % backend] if backend else []
    try:
        result = subprocess.run([openpmd_check, "--json", *options, path], cwd=build_dir,
                                capture_output=True, text=True, timeout=120,
                                check=False)
    except subprocess.TimeoutExpired:
        return path, ["openpmd-check did not finish within 120 s"]
    if result.returncode == 0:
        return path, []
    if result.returncode == 1:
        try:
            errors = json.loads(result.stdout)["errors"]
            return path, [f"error: {e['path']}: {e['message']}" for e in errors]
        except (ValueError, KeyError, TypeError):
            pass
    return path, [f"openpmd-check exit {result.returncode}: "
                  f"{(result.stderr or result.stdout).strip()}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--check", required=True, help="the openpmd-check program")
    parser.add_argument("--minimum", type=int, default=1,
                        help="fewest series that must be checked")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true",
                        help="list the skipped and the clean files too")
    args = parser.parse_args()
    build_dir = os.path.abspath(args.build_dir)

    failures = []
    excluded = {pattern: [] for pattern, _ in EXCLUSIONS}
    series, skipped = [], []
    for path in candidates(build_dir):
        exclusion = exclusion_of(path)
        backend = backend_of(os.path.join(build_dir, path))
        if exclusion:
            excluded[exclusion[0]].append(path)
        elif is_openpmd(os.path.join(build_dir, path), backend):
            # A test may store under the other backend's extension (the
            # OPENPMD_BACKEND tests): read it with the backend of its content.
            by_extension = ("json" if path.endswith(".json") else
                            "zarr" if path.endswith(ZARR_SUFFIX) else "hdf5")
            series.append((path, None if backend == by_extension else backend))
        else:
            skipped.append(path)

    for pattern, reason in EXCLUSIONS:
        count = len(excluded[pattern])
        print(f"excluded {count:4d} file(s) {pattern}: {reason}")
        if count == 0:
            failures.append(f"the exclusion '{pattern}' matches no file: remove it "
                            "from EXCLUSIONS, or run the test that writes it first")
    print(f"skipped  {len(skipped):4d} file(s) without the root attribute 'openPMD'")
    if args.verbose:
        for path in skipped:
            print(f"  skipped {path}")

    for path, backend in series:
        if backend:
            print(f"  {path} holds {backend} content: checked with that backend")
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda s: check(args.check, build_dir, *s), series))
    dirty = [(path, errors) for path, errors in results if errors]
    print(f"checked  {len(series):4d} series: {len(series) - len(dirty)} clean, "
          f"{len(dirty)} with errors")
    if args.verbose:
        for path, errors in results:
            if not errors:
                print(f"  clean {path}")
    for path, errors in dirty:
        print(f"{path}: {len(errors)} error(s)")
        for line in errors:
            print(f"  {line}")
        failures.append(f"{path} is not clean")

    if len(series) < args.minimum:
        failures.append(f"only {len(series)} series checked, fewer than the minimum "
                        f"{args.minimum}: run the whole test suite first")
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
