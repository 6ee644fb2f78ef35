#!/usr/bin/env python3
"""The kill test: SIGKILLs a writer at random moments and checks that every
iteration it reported closed is still there, with every value right.

For each configuration (JSON and HDF5, group- and file-based) and each kill
point, kill_writer writes iterations into a fresh directory and prints each
index after Iteration::close() returned; it is killed after a random delay
(fixed seed); then `kill_writer check` reads the series back. A kill point
fails when an iteration reported closed is missing or wrong, when the series
does not open, or when the reader crashes. Prints one line per configuration:
kill points, iterations reported closed, lost, torn last iterations reported.
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CONFIGS = {
    "json-group": "series.json",
    "json-file": "series_%T.json",
    "h5-group": "series.h5",
    "h5-file": "series_%T.h5",
}


def kill_point(writer, directory, pattern, delay, timeout):
    """Runs one writer, kills it after `delay` s, checks; returns a result."""
    path = os.path.join(directory, pattern)
    closed_list = os.path.join(directory, "closed.txt")
    with open(closed_list, "w") as out:
        process = subprocess.Popen([writer, "write", path, "1000000"], stdout=out,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    with open(closed_list) as f:
        closed = [line.split()[1] for line in f if line.startswith("closed ")]
    with open(closed_list, "w") as f:
        f.write("\n".join(closed) + "\n")
    try:
        check = subprocess.run([writer, "check", path, closed_list],
                               capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"closed": len(closed), "lost": len(closed), "torn": 0,
                "failure": "reader hung", "recovered": False}
    result = {"closed": len(closed), "lost": 0, "torn": 0, "failure": None,
              "recovered": "recorded as completely written" in check.stderr}
    summary = [line for line in check.stdout.splitlines()
               if line.startswith("closed=")]
    if check.returncode < 0:
        result["failure"] = f"reader killed by signal {-check.returncode}"
    elif summary:
        fields = dict(item.split("=") for item in summary[-1].split())
        result["lost"] = int(fields["lost"])
        result["torn"] = int(fields["torn_reported"])
    if check.returncode != 0 and result["failure"] is None:
        result["failure"] = (check.stdout + check.stderr).strip()[-600:]
        if not result["lost"]:
            result["lost"] = len(closed)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("writer", help="the kill_writer executable")
    parser.add_argument("--points", type=int, default=50,
                        help="kill points per configuration (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=1.5,
                        help="longest time before the kill, in s")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--keep-failures", metavar="DIR",
                        help="copy the directories of failed kill points here")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    failed = False
    for name in args.configs.split(","):
        pattern = CONFIGS[name]
        totals = {"closed": 0, "lost": 0, "torn": 0, "failed_points": 0,
                  "recovered": 0}
        for point in range(args.points):
            delay = rng.uniform(0.0, args.max_delay)
            directory = tempfile.mkdtemp(prefix=f"openpmd-kill-{name}-")
            try:
                result = kill_point(args.writer, directory, pattern, delay,
                                    args.timeout)
                for key in ("closed", "lost", "torn", "recovered"):
                    totals[key] += result[key]
                if result["failure"] or result["lost"]:
                    totals["failed_points"] += 1
                    print(f"{name} point {point} (kill after {delay:.3f} s, "
                          f"{result['closed']} closed): lost {result['lost']}: "
                          f"{result['failure']}", flush=True)
                    if args.keep_failures:
                        shutil.copytree(directory, os.path.join(
                            args.keep_failures, f"{name}-{point}"))
            finally:
                shutil.rmtree(directory, ignore_errors=True)
        print(f"{name}: {args.points} kill points, {totals['closed']} iterations "
              f"reported closed, {totals['lost']} lost at "
              f"{totals['failed_points']} points, {totals['torn']} torn last "
              f"iterations reported, {totals['recovered']} listings recovered "
              f"through the recovery index", flush=True)
        failed = failed or totals["lost"] > 0 or totals["failed_points"] > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
