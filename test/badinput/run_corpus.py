#!/usr/bin/env python3
"""Walks every case of the bad-input corpus in its own process.

Usage: run_corpus.py WALKER CORPUS_DIR [--timeout SECONDS] [--jobs N]

Each case's series is read completely by WALKER (walk_series). A case passes
when the process ends on its own (no signal, no timeout, no sanitizer
report), raised nothing but openPMD::Error subclasses, and every error
message names the file it concerns. Prints one line per failing case and a
summary per kind of damage; exits 1 if any case failed.
"""

import collections
import concurrent.futures
import os
import signal
import subprocess
import sys


def run_case(walker, corpus, directory, series, timeout):
    path = os.path.join(corpus, directory)
    files = sorted(os.listdir(path))
    try:
        result = subprocess.run([walker, os.path.join(path, series)], cwd=path,
                                capture_output=True, text=True, errors="replace",
                                timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang", "no result after {} s".format(timeout)
    output = result.stdout + result.stderr
    if result.returncode < 0:
        return "crash", "signal {}".format(signal.Signals(-result.returncode).name)
    if "Sanitizer" in output or "runtime error:" in output:
        return "crash", "sanitizer report: " + output[-2000:]
    if result.returncode == 2:
        return "foreign", output.strip()[-1000:]
    if result.returncode == 0:
        return "read", ""
    if result.returncode != 1:
        return "crash", "exit code {}: {}".format(result.returncode, output[-1000:])
    # Every error names a file of the case (or the series pattern).
    names = files + [series]
    for line in result.stdout.splitlines():
        if line.startswith("openPMD error: ") and not any(n in line for n in names):
            return "unnamed", line
    return "error", ""


def main():
    args = sys.argv[1:]
    timeout = 60
    jobs = os.cpu_count() or 2
    for option in ("--timeout", "--jobs"):
        if option in args:
            i = args.index(option)
            value = int(args[i + 1])
            del args[i:i + 2]
            if option == "--timeout":
                timeout = value
            else:
                jobs = value
    if len(args) != 2:
        sys.exit(__doc__)
    walker, corpus = args
    with open(os.path.join(corpus, "cases.tsv")) as manifest:
        cases = [line.rstrip("\n").split("\t") for line in manifest if line.strip()]

    outcomes = collections.defaultdict(collections.Counter)
    failures = []
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        futures = {pool.submit(run_case, walker, corpus, d, s, timeout): (d, s, text)
                   for d, s, text in cases}
        for future in concurrent.futures.as_completed(futures):
            directory, series, text = futures[future]
            outcome, detail = future.result()
            kind = directory.split("-", 1)[1]
            outcomes[kind][outcome] += 1
            if outcome not in ("read", "error"):
                failures.append((directory, series, text, outcome, detail))

    for directory, series, text, outcome, detail in sorted(failures):
        print("FAIL {} ({}; {}): {}: {}".format(directory, series, text, outcome, detail))
    print()
    print("{:28} {:>6} {:>6} {:>6}".format("kind", "cases", "read", "error"))
    for kind in sorted(outcomes):
        counts = outcomes[kind]
        print("{:28} {:>6} {:>6} {:>6}".format(kind, sum(counts.values()), counts["read"],
                                               counts["error"]))
    total = collections.Counter()
    for counts in outcomes.values():
        total.update(counts)
    print("{} cases: {} read, {} typed errors naming the file, {} failed".format(
        len(cases), total["read"], total["error"], len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
