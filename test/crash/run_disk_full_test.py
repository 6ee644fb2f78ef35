#!/usr/bin/env python3
"""The disk-full test: a writer fills a small file system, and must stop with
a typed error at a flush point, exit cleanly, and leave every iteration it
reported closed readable.

The small file system is a 4 MiB tmpfs mounted for the test; where mounting
is not allowed (not root, or no CAP_SYS_ADMIN), the test says so and exits
with 77, which CTest reports as skipped. (A file-size limit is no substitute:
it never stops a file-based series, whose files each stay small.) For each configuration (JSON and HDF5, group- and file-based), kill_writer
writes iterations until a write fails; the test requires exit code 1 with an
"openPMD error" that names the series' directory, no signal and no foreign
exception, and then `kill_writer check` must find every closed iteration.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

CONFIGS = {
    "json-group": "series.json",
    "json-file": "series_%T.json",
    "h5-group": "series.h5",
    "h5-file": "series_%T.h5",
}
SIZE = 4 * 1024 * 1024


def mount_small_fs(directory):
    """Mounts a tmpfs of SIZE bytes; False if not allowed here."""
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE}",
                             "tmpfs", directory], capture_output=True)
    return result.returncode == 0


def run_config(writer, directory, pattern):
    """Fills `directory`; returns a list of problems (empty: passed)."""
    problems = []
    path = os.path.join(directory, pattern)
    write = subprocess.run([writer, "write", path, "1000000"], capture_output=True,
                           text=True, errors="replace", timeout=600)
    closed = [line.split()[1] for line in write.stdout.splitlines()
              if line.startswith("closed ")]
    errors = [line for line in write.stdout.splitlines()
              if line.startswith("openPMD error")]
    if write.returncode < 0:
        problems.append(f"writer killed by signal {-write.returncode}")
    elif write.returncode != 1 or not errors:
        problems.append(f"writer exit code {write.returncode}, expected 1 with an "
                        f"openPMD error: {write.stdout[-400:]} {write.stderr[-400:]}")
    elif directory not in errors[0]:
        problems.append(f"the error does not name the file: {errors[0]}")
    if "foreign exception" in write.stdout:
        problems.append("foreign exception: " + write.stdout[-400:])
    if not closed:
        problems.append("no iteration was closed before the disk was full")
    closed_list = os.path.join(tempfile.gettempdir(), f"disk-full-{os.getpid()}.txt")
    with open(closed_list, "w") as f:
        f.write("\n".join(closed) + "\n")
    check = subprocess.run([writer, "check", path, closed_list], capture_output=True,
                           text=True, errors="replace", timeout=600)
    os.remove(closed_list)
    if check.returncode != 0:
        problems.append(f"reading back failed ({check.returncode}): "
                        f"{(check.stdout + check.stderr)[-600:]}")
    summary = (errors[0][:160] if errors else "no error")
    print(f"  {len(closed)} iterations closed before: {summary}", flush=True)
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("writer", help="the kill_writer executable")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    args = parser.parse_args()

    directory = tempfile.mkdtemp(prefix="openpmd-disk-full-")
    if not (os.geteuid() == 0 and mount_small_fs(directory)):
        os.rmdir(directory)
        print("skipped: cannot mount a small tmpfs here (needs root with "
              "CAP_SYS_ADMIN)", flush=True)
        return 77
    print(f"small file system: tmpfs of {SIZE} bytes", flush=True)
    failed = False
    try:
        for name in args.configs.split(","):
            print(f"{name}:", flush=True)
            problems = run_config(args.writer, directory, CONFIGS[name])
            for problem in problems:
                print(f"  FAILED: {problem}", flush=True)
            failed = failed or bool(problems)
            for entry in os.listdir(directory):
                os.remove(os.path.join(directory, entry))
    finally:
        subprocess.run(["umount", directory])
        shutil.rmtree(directory, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
