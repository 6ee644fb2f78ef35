"""The connector part of bench/run.sh (issue 13, part 3): the Python
connector bridge against a C++ backend, and plugin load times.

W6 and W3 ran through the MemoryConnector (backend `pymem`, the python
plugin) and through the C++ example memory backend (`mem`), alternating in
one run. The overhead per task is the difference of the median times divided
by the number of IO tasks of that phase, counted in a separate untimed run
(OPENPMD_VERBOSE). That run also had the connector check every write_chunk
for a copy (check_zero_copy), so its success shows that no chunk was copied
on the write path.
"""

TARGET_US = 5.0
# The phases the target is about: W6's flush of many chunks and all of W3
# (W6's read is a few tasks, where fixed costs dominate a per-task figure).
TARGETED = {("W6", "flush"), ("W3", "write"), ("W3", "read")}


def parse_extra(path):
    """The `tasks ...` and `plugin_load ...` lines of the log as dicts."""
    tasks, loads = [], []
    with open(path) as log:
        for line in log:
            kind, _, rest = line.partition(" ")
            fields = dict(item.split("=", 1) for item in rest.split() if "=" in item)
            if kind == "tasks":
                tasks.append(fields)
            elif kind == "plugin_load":
                loads.append(fields)
    return tasks, loads


def size_of(fields, keys=("N", "P", "K", "C", "R")):
    return " ".join(f"{k}={fields[k]}" for k in keys if k in fields)


def report(figures, path):
    """Prints the table and returns the PASS/MISS lines."""
    tasks, loads = parse_extra(path)
    lines = []
    pairs = sorted({(w, p, s) for (w, b, p, s) in figures if b == "pymem"})
    if pairs:
        print("\nPython connector bridge: MemoryConnector (pymem, through the python plugin) "
              "against the C++ example memory backend (mem), medians (best) in seconds; "
              "overhead = (pymem - mem) / tasks of the phase, of the median wall times "
              "(of the best) and of the median CPU times")
        header = (f"{'workload':8} {'phase':6} {'size':9} {'mem s':>20} {'pymem s':>20} "
                  f"{'tasks':>6} {'us/task':>8} {'(best)':>8} {'cpu':>6} {'n':>2}")
        print(header)
        print("-" * len(header))
    counted = {(t["workload"], t["phase"], size_of(t)): t for t in tasks}
    for workload, phase, size in pairs:
        py = figures[(workload, "pymem", phase, size)]
        cpp = figures.get((workload, "mem", phase, size))
        count = counted.get((workload, phase, size))
        if cpp is None or count is None:
            print(f"{workload:8} {phase:6} {size:9} (mem run or task count missing)")
            continue
        n = int(count["tasks"])
        median = (py.median_seconds - cpp.median_seconds) / max(n, 1) * 1e6
        best = (py.min_seconds - cpp.min_seconds) / max(n, 1) * 1e6
        cpu = (py.median_cpu - cpp.median_cpu) / max(n, 1) * 1e6
        print(f"{workload:8} {phase:6} {size:9} {cpp.median_seconds:9.4f} "
              f"({cpp.min_seconds:8.4f}) {py.median_seconds:9.4f} ({py.min_seconds:8.4f}) "
              f"{n:6d} {median:8.2f} {best:8.2f} {cpu:6.2f} {py.count:2d}")
        if (workload, phase) not in TARGETED:
            continue
        ok = median <= TARGET_US
        lines.append(f"{'PASS' if ok else 'MISS'} connector {workload} {phase} {size}: "
                     f"{median:.2f} us per task above mem (best-of {best:.2f}, CPU time "
                     f"{cpu:.2f}; target <= {TARGET_US})")
    for t in tasks:
        if t.get("zero_copy_checked") == "1" and t["phase"] in ("write", "flush"):
            lines.append(f"PASS zero copies on the write path, {t['workload']} {size_of(t)}: "
                         "every write_chunk got a read-only view of the caller's buffer "
                         "(check_zero_copy)")
    if loads:
        print("\nPlugin load time (fresh process each; loadBackendPlugin: dlopen, ABI check, "
              "registration; the python plugin with a connector also starts CPython and "
              "imports numpy, openpmd_api and the connector)")
        for load in loads:
            name = load["plugin"].rsplit("/", 1)[-1]
            print(f"  {name:32} connector={load['connector']:48} "
                  f"min {float(load['min_us']) / 1000:8.1f} ms  "
                  f"median {float(load['median_us']) / 1000:8.1f} ms  "
                  f"({load['reps']} loads)")
    return lines
