#!/usr/bin/env python3
"""Summarizes the phase lines bench/run.sh collected: a table of library
against raw-HDF5 baseline (medians and best of the repetitions), the
library-only workloads, the targets of issue 6 as PASS/MISS lines, and the
Python connector part (summarize_connector.py).

Informational only: the exit status never depends on a timing.

Usage: summarize.py [--mode full|quick|tiny] [--durable 0|1] LOG
"""

import argparse
import statistics
import sys
from collections import defaultdict

import summarize_connector

SIZE_KEYS = ("N", "P", "K", "C", "R")
# Runs that run.sh stopped at their time limit (as given in the log).
TIMEOUTS = []


def parse(path):
    """Phase lines of measured repetitions (rep >= 1) as dicts."""
    records = []
    with open(path) as log:
        for line in log:
            if line.startswith("timeout "):
                TIMEOUTS.append(line.split(" ", 1)[1].strip())
                continue
            if line.startswith(("tasks ", "plugin_load ")):
                continue  # the connector part (summarize_connector.py)
            fields = dict(item.split("=", 1) for item in line.split() if "=" in item)
            if "workload" not in fields or int(fields.get("rep", "1")) < 1:
                continue
            for key in ("seconds", "MBps", "peak_rss_MiB", "cpu_seconds"):
                fields[key] = float(fields.get(key, "nan"))
            fields["bytes"] = int(fields["bytes"])
            fields["size"] = " ".join(f"{k}={fields[k]}" for k in SIZE_KEYS if k in fields)
            records.append(fields)
    return records


class Figures:
    """Median and best of one (workload, backend, phase, size) over repetitions."""

    def __init__(self, records):
        self.seconds = [r["seconds"] for r in records]
        self.rss = [r["peak_rss_MiB"] for r in records]
        self.cpu = [r["cpu_seconds"] for r in records]
        self.bytes = records[0]["bytes"]
        self.count = len(records)

    @property
    def median_seconds(self):
        return statistics.median(self.seconds)

    @property
    def min_seconds(self):
        return min(self.seconds)

    def mbps(self, seconds):
        return self.bytes / seconds / 1e6 if seconds > 0 else float("inf")

    @property
    def median_mbps(self):
        return self.mbps(self.median_seconds)

    @property
    def best_mbps(self):
        return self.mbps(self.min_seconds)

    @property
    def median_cpu(self):
        return statistics.median(self.cpu)

    @property
    def median_rss(self):
        return statistics.median(self.rss)


def group(records):
    groups = defaultdict(list)
    for r in records:
        groups[(r["workload"], r["backend"], r["phase"], r["size"])].append(r)
    return {key: Figures(value) for key, value in groups.items()}


def print_pairs(figures):
    print("\nLibrary (h5) against the raw-HDF5 baseline (h5raw): MB/s of the median time "
          "(of the best), ratio = library / baseline MB/s of the medians, cpu ratio = "
          "baseline / library CPU seconds (medians), peak RSS medians in MiB")
    header = (f"{'workload':8} {'phase':16} {'size':16} {'library MB/s':>18} "
              f"{'baseline MB/s':>18} {'ratio':>6} {'cpu':>5} {'lib RSS':>8} {'raw RSS':>8} "
              f"{'n':>2}")
    print(header)
    print("-" * len(header))
    keys = sorted({(w, p, s) for (w, b, p, s) in figures if b == "h5raw"})
    for workload, phase, size in keys:
        lib = figures.get((workload, "h5", phase, size))
        raw = figures[(workload, "h5raw", phase, size)]
        if lib is None:
            print(f"{workload:8} {phase:16} {size:16} {'(not run)':>18} "
                  f"{raw.median_mbps:9.1f} ({raw.best_mbps:6.1f}) {'-':>6} {'-':>5} "
                  f"{'-':>8} {raw.median_rss:8.0f} {raw.count:2d}")
            continue
        ratio = lib.median_mbps / raw.median_mbps
        cpu = raw.median_cpu / max(lib.median_cpu, 1e-6)
        print(f"{workload:8} {phase:16} {size:16} "
              f"{lib.median_mbps:9.1f} ({lib.best_mbps:6.1f}) "
              f"{raw.median_mbps:9.1f} ({raw.best_mbps:6.1f}) {ratio:6.2f} {cpu:5.2f} "
              f"{lib.median_rss:8.0f} {raw.median_rss:8.0f} {lib.count:2d}")


def print_library_only(figures):
    print("\nLibrary only: seconds median (best), CPU seconds median, MB/s of the median, "
          "peak RSS median in MiB")
    header = (f"{'workload':8} {'backend':7} {'phase':16} {'size':16} "
              f"{'seconds':>20} {'cpu s':>9} {'MB/s':>9} {'RSS':>7} {'n':>2}")
    print(header)
    print("-" * len(header))
    paired = {(w, p, s) for (w, b, p, s) in figures if b == "h5raw"}
    for (workload, backend, phase, size), f in sorted(figures.items()):
        if backend in ("h5raw", "mem", "pymem") or \
                (backend == "h5" and (workload, phase, size) in paired):
            continue
        print(f"{workload:8} {backend:7} {phase:16} {size:16} "
              f"{f.median_seconds:9.4f} ({f.min_seconds:8.4f}) {f.median_cpu:9.4f} "
              f"{f.median_mbps:9.1f} "
              f"{f.median_rss:7.0f} {f.count:2d}")


class Targets:
    """Collects PASS/MISS/SKIP lines."""

    def __init__(self, figures):
        self.figures = figures
        self.lines = []

    def get(self, workload, backend, phase, size):
        return self.figures.get((workload, backend, phase, size))

    def sizes(self, workload, backend, phase, key):
        """Sizes of a workload, ordered by the value of `key`."""
        found = [s for (w, b, p, s) in self.figures if (w, b, p) == (workload, backend, phase)]
        return sorted(found, key=lambda s: int(dict(i.split("=") for i in s.split())[key]))

    def check(self, name, ok, detail):
        self.lines.append(f"{'PASS' if ok else 'MISS'} {name}: {detail}")

    def skip(self, name, why):
        self.lines.append(f"SKIP {name}: {why}")

    def ratio(self, name, workload, phase, minimum):
        sizes = self.sizes(workload, "h5raw", phase, "N" if workload == "W1" else
                           "P" if workload == "W2" else "K")
        if not sizes:
            return self.skip(name, "not run")
        size = sizes[-1]
        lib, raw = self.get(workload, "h5", phase, size), self.get(workload, "h5raw", phase, size)
        if lib is None:
            return self.skip(name, "library not run")
        r = lib.median_mbps / raw.median_mbps
        best = lib.best_mbps / raw.best_mbps
        cpu = raw.median_cpu / max(lib.median_cpu, 1e-6)
        self.check(name, r >= minimum,
                   f"{workload} {phase} {size}: {lib.median_mbps:.0f} / {raw.median_mbps:.0f} "
                   f"MB/s = {r:.2f} (target >= {minimum}; best-of ratio {best:.2f}, "
                   f"CPU time ratio {cpu:.2f})")

    def memory_payload(self, workload, key):
        for phase in ("write", "read"):
            name = f"{workload} {phase} peak RSS <= 1.1 x payload + 64 MiB"
            sizes = self.sizes(workload, "h5", phase, key)
            if not sizes:
                self.skip(name, "not run")
                continue
            f = self.get(workload, "h5", phase, sizes[-1])
            payload = f.bytes / 2**20
            limit = 1.1 * payload + 64
            self.check(name, f.median_rss <= limit,
                       f"{sizes[-1]}: {f.median_rss:.0f} MiB, payload {payload:.0f} MiB, "
                       f"limit {limit:.0f} MiB")

    def scaling(self, name, workload, backend, phase, key, limit, per_item):
        sizes = self.sizes(workload, backend, phase, key)
        stopped = timed_out(workload, backend)
        if sizes and stopped and per_item and phase == "write":
            # A larger K that hit the time limit bounds its cost from below.
            k_small = int(sizes[0].split("=")[1])
            a = self.get(workload, backend, phase, sizes[0]).median_seconds / k_small
            k, seconds = stopped
            return self.check(name, False,
                              f"K={k} stopped at {seconds} s, so >= {seconds / k:.3g} s per item "
                              f"against {sizes[0]}: {a:.3g} s per item = >= "
                              f"{seconds / k / a:.2f} x (target <= {limit} x)")
        if len(sizes) < 2:
            return self.skip(name, "needs two sizes")
        small, large = (self.get(workload, backend, phase, s) for s in (sizes[0], sizes[-1]))
        k_small = int(sizes[0].split("=")[1]) if per_item else 1
        k_large = int(sizes[-1].split("=")[1]) if per_item else 1
        # A floor of 1 microsecond: the clock's resolution, not a real zero.
        a = max(small.median_seconds, 1e-6) / k_small
        b = max(large.median_seconds, 1e-6) / k_large
        unit = "s per item" if per_item else "s"
        self.check(name, b <= limit * a,
                   f"{sizes[-1]}: {b:.3g} {unit} against {sizes[0]}: {a:.3g} {unit} = "
                   f"{b / a:.2f} x (target <= {limit} x)")


def timed_out(workload, backend):
    """(K, limit seconds) of the largest run of `workload` stopped at its limit."""
    found = []
    for line in TIMEOUTS:
        fields = line.replace("--", "").split()
        try:
            limit = float(fields[0].split("=")[1].rstrip("s:"))
            args = dict(zip(fields[2::2], fields[3::2]))
        except (IndexError, ValueError):
            continue
        if args.get("workload") == workload and args.get("ext") == backend and "K" in args:
            found.append((int(args["K"]), limit))
    return max(found) if found else None


def check_targets(figures, durable):
    t = Targets(figures)
    if durable:
        for w in ("W1", "W2"):
            t.ratio(f"durable {w} write >= 0.9 x baseline", w, "write", 0.9)
        return t.lines
    for w in ("W1", "W2"):
        for phase in ("write", "read"):
            t.ratio(f"{w} {phase} >= 0.95 x baseline", w, phase, 0.95)
    for phase in ("write", "read"):
        t.ratio(f"W3 {phase} >= 0.8 x baseline", "W3", phase, 0.8)
    for backend in ("h5", "json"):
        t.scaling(f"W5 {backend} write per iteration at the largest K <= 1.25 x the smallest",
                  "W5", backend, "write", "K", 1.25, True)
        sizes = t.sizes("W5", backend, "write", "K")
        if sizes:
            write, listing = (t.get("W5", backend, p, sizes[-1]) for p in ("write", "open_list"))
            if listing is not None:
                t.check(f"W5 {backend} open+list <= 1/20 of the write",
                        listing.median_seconds * 20 <= write.median_seconds,
                        f"{sizes[-1]}: {listing.median_seconds:.4f} s against write "
                        f"{write.median_seconds:.3f} s = 1/{write.median_seconds / max(listing.median_seconds, 1e-9):.0f}")
        t.scaling(f"W5 {backend} read of the last iteration independent of K (<= 2 x)",
                  "W5", backend, "read_last", "K", 2.0, False)
    t.scaling("W6 json flush of the most chunks <= 2 x one chunk", "W6", "json", "flush", "C",
              2.0, False)
    t.scaling("W6 h5 flush of the most chunks <= 3 x one chunk", "W6", "h5", "flush", "C", 3.0,
              False)
    for phase in ("write", "read"):
        sizes = t.sizes("W3", "h5", phase, "K")
        name = f"W3 h5 {phase} peak RSS at the largest K <= 1.5 x the smallest"
        if len(sizes) < 2:
            t.skip(name, "needs two sizes")
        else:
            small, large = (t.get("W3", "h5", phase, s) for s in (sizes[0], sizes[-1]))
            t.check(name, large.median_rss <= 1.5 * small.median_rss,
                    f"{sizes[-1]}: {large.median_rss:.0f} MiB against {sizes[0]}: "
                    f"{small.median_rss:.0f} MiB")
    t.memory_payload("W1", "N")
    t.memory_payload("W2", "P")
    t.scaling("W3 json write per iteration at the larger K <= 3 x the smaller", "W3", "json",
              "write", "K", 3.0, True)
    sizes = t.sizes("W3", "json", "write", "K")
    if sizes:
        total = sum(t.get("W3", "json", p, sizes[-1]).median_seconds for p in ("write", "read"))
        t.check("W3 json completes in seconds, not minutes", total < 60,
                f"{sizes[-1]}: write + read {total:.1f} s (target < 60 s)")
    for stopped in TIMEOUTS:
        t.check("finishes within run.sh's time limit", False, stopped)
    return t.lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", default="full")
    parser.add_argument("--durable", default="0")
    parser.add_argument("log")
    args = parser.parse_args()
    figures = group(parse(args.log))
    if not figures:
        print("no phase lines in", args.log)
        return 1
    # run.sh --connector-only has the connector part alone.
    issue6 = any(backend not in ("mem", "pymem") for (_, backend, _, _) in figures)
    if issue6:
        print_pairs(figures)
        print_library_only(figures)
    connector = summarize_connector.report(figures, args.log)
    if issue6:
        print(f"\nTargets of issue 6 (mode {args.mode}"
              f"{', durable' if args.durable == '1' else ''}; "
              "informational, from this run's medians):")
        for line in check_targets(figures, args.durable == "1"):
            print("  " + line)
    if connector:
        print("\nTargets of issue 13 (Python connector bridge; informational):")
        for line in connector:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
