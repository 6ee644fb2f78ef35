#!/usr/bin/env python3
"""Runs one libFuzzer target for a while and sorts what it finds.

libFuzzer runs in fork mode, so a finding does not end the run: every crash,
timeout or out-of-memory input is kept as an artifact in the work directory.
Each artifact is then run again alone and attributed by its stack: to
HDF5 when the first frame outside the C library, the sanitizer runtime and
libFuzzer is inside libhdf5 (a bug of Debian's HDF5 1.10 on a corrupted file,
which this project cannot fix), to libopenPMD otherwise.

Exit code 0 when nothing was attributed to libopenPMD, 1 otherwise. Prints
the number of executions and the findings of each kind.
"""
import argparse
import glob
import os
import re
import subprocess
import sys

# Frames that say nothing about whose bug it is.
NEUTRAL = re.compile(
    r"in (__interceptor_|__asan|__sanitizer|__ubsan|__lsan|fuzzer::|malloc|calloc|"
    r"realloc|free|operator new|operator delete|memcpy|memmove|memset|strlen|"
    r"__restore_rt|raise|abort|__libc|__GI_|__memcpy|__memmove|__strlen|LLVMFuzzer)"
    r"|\((/lib|/usr/lib)/x86_64-linux-gnu/(libc\.so|libstdc\+\+|libgcc|ld-linux)")
FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ (in .*)$")


def attribute(target, artifact, timeout):
    """Runs the target on one input; returns ('hdf5'|'ours'|'gone', text)."""
    try:
        run = subprocess.run([target, "-timeout=%d" % timeout, artifact],
                             capture_output=True, text=True, errors="replace",
                             timeout=timeout * 3)
    except subprocess.TimeoutExpired:
        return "ours", "hangs (no report within %d s)" % (timeout * 3)
    output = run.stdout + run.stderr
    if run.returncode == 0:
        return "gone", "does not reproduce when run alone"
    for line in output.splitlines():
        frame = FRAME.match(line)
        if not frame or NEUTRAL.search(frame.group(1)):
            continue
        where = frame.group(1)
        return ("hdf5" if "libhdf5" in where else "ours"), where
    summary = [l for l in output.splitlines() if "SUMMARY" in l or "ERROR" in l]
    return "ours", (summary[-1] if summary else output[-300:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target")
    parser.add_argument("seeds", help="the seed corpus directory (read only)")
    parser.add_argument("work", help="work directory: grown corpus, log, artifacts")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--timeout", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0,
                        help="libFuzzer's seed (0: a new one each run)")
    parser.add_argument("--cpu-minutes", type=float, default=0,
                        help="fuzz until this much CPU time is used "
                             "(instead of --seconds of wall time)")
    args = parser.parse_args()
    # libFuzzer runs in the work directory: relative paths would miss.
    args.target, args.seeds, args.work = (os.path.abspath(p) for p in
                                          (args.target, args.seeds, args.work))

    name = os.path.basename(args.target)
    corpus = os.path.join(args.work, "corpus")
    os.makedirs(corpus, exist_ok=True)
    for old in glob.glob(os.path.join(args.work, "*-*")):
        if os.path.basename(old).split("-")[0] in ("crash", "timeout", "oom", "leak"):
            os.remove(old)
    # With --cpu-minutes the run goes on, round after round, until the
    # fuzzing processes have used that much CPU time: on a busy machine wall
    # time says little about how much fuzzing was done.
    log_path = os.path.join(args.work, "log")
    cpu = 0.0
    total = 0
    wall = 0.0
    round_number = 0
    with open(log_path, "w") as log:
        while True:
            budget = args.seconds
            if args.cpu_minutes:
                budget = max(60, int(args.cpu_minutes * 60 - cpu) + 1)
            seed = args.seed + round_number if args.seed else 0
            round_log = log_path + ".round"
            cpu_before = os.times()
            with open(round_log, "w") as out:
                subprocess.run(
                    [args.target, "-fork=1", "-ignore_crashes=1",
                     "-ignore_timeouts=1", "-ignore_ooms=1",
                     "-max_total_time=%d" % budget,
                     "-timeout=%d" % args.timeout, "-rss_limit_mb=2048",
                     "-max_len=65536", "-seed=%d" % seed,
                     "-artifact_prefix=" + args.work + "/", corpus, args.seeds],
                    stdout=out, stderr=subprocess.STDOUT, cwd=args.work)
            cpu_after = os.times()
            cpu += (cpu_after.children_user + cpu_after.children_system
                    - cpu_before.children_user - cpu_before.children_system)
            wall += cpu_after.elapsed - cpu_before.elapsed
            with open(round_log, errors="replace") as out:
                text = out.read()
            log.write(text)
            os.remove(round_log)
            executions = [int(n) for n in re.findall(r"^#(\d+):", text, re.M)]
            if not executions:
                # libFuzzer did not fuzz at all (a bad path, a broken build):
                # another round would fail the same way, forever.
                print(f"{name}: libFuzzer ran no input; its output ends:\n"
                      + text[-2000:], file=sys.stderr, flush=True)
                return 2
            total += max(executions)
            round_number += 1
            if not args.cpu_minutes or cpu >= args.cpu_minutes * 60:
                break

    counts = {"hdf5": 0, "ours": 0, "gone": 0}
    ours = []
    for artifact in sorted(glob.glob(os.path.join(args.work, "*-*"))):
        kind = os.path.basename(artifact).split("-")[0]
        if kind not in ("crash", "timeout", "oom", "leak"):
            continue
        who, where = attribute(args.target, artifact, args.timeout)
        counts[who] += 1
        if who == "ours":
            ours.append(f"  {kind} {artifact}: {where}")
    print(f"{name}: {total} executions in {wall:.0f} s ({cpu / 60:.1f} CPU "
          f"minutes); findings in "
          f"libopenPMD: {counts['ours']}, inside HDF5: {counts['hdf5']}, "
          f"not reproducible alone: {counts['gone']}", flush=True)
    for line in ours:
        print(line)
    return 1 if counts["ours"] else 0


if __name__ == "__main__":
    sys.exit(main())
