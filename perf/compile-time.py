#!/usr/bin/env python3
"""Compile-time measurements for closecode, side by side with what a user would pick instead.

Usage: python3 perf/compile-time.py [--runs N]

1. Clean builds (`cargo build`, dev profile, a fresh target directory each run) of three small
   applications in perf/apps: one with no dependencies (the floor), one declaring its codes with
   closecode-core's derive, the same one with num_enum (IntoPrimitive + TryFromPrimitive).
2. The bill in a real application: an app that already builds tokio (macros) and serde
   (derive), without and with closecode-core and one `#[derive(AppCloseCode)]`
   (`CARGO_INCREMENTAL=0`, as a CI build), built in turns: the seconds closecode adds, as the
   median of the differences between consecutive builds of the two.
3. A crate with one 1000-variant enum (codes 4000-4999): the time `cargo check` takes to
   expand and type-check it again after its dependencies are built, with closecode's derive,
   with num_enum's derives, and with no derive (the floor).

Each figure is the median of N runs (default 5) of wall time. Only cargo and the Python
standard library are used; everything builds offline from the local registry cache.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APPS = os.path.join(ROOT, "perf", "apps")


def run(cmd, cwd, env=None):
    started = time.monotonic()
    result = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{result.stderr}")
    return elapsed


def build_once(app, scratch):
    target = os.path.join(scratch, f"target-{app}")
    shutil.rmtree(target, ignore_errors=True)
    env = dict(os.environ, CARGO_INCREMENTAL="0")
    return run(["cargo", "build", "--offline", "--target-dir", target], os.path.join(APPS, app), env)


def clean_build(app, runs, scratch):
    times = [build_once(app, scratch) for _ in range(runs)]
    return statistics.median(times), times


def paired_builds(without, with_, runs, scratch):
    """Clean builds of two apps taken in turns (A B, B A, A B, ...), so a slow spell of the
    machine lands on both; returns each app's times and the median of the pairs' differences."""
    times = {without: [], with_: []}
    for i in range(runs):
        for app in ((without, with_) if i % 2 == 0 else (with_, without)):
            times[app].append(build_once(app, scratch))
    differences = [b - a for a, b in zip(times[without], times[with_])]
    return times, statistics.median(differences)


def big_enum_crate(scratch, kind):
    """Writes a library crate with a 1000-variant enum using `kind` ('closecode', 'num_enum', 'plain')."""
    path = os.path.join(scratch, f"big-{kind}")
    os.makedirs(os.path.join(path, "src"), exist_ok=True)
    deps = {
        "closecode": f'closecode-core = {{ path = "{os.path.join(ROOT, "core")}" }}',
        "num_enum": 'num_enum = "0.7"',
        "plain": "",
    }[kind]
    with open(os.path.join(path, "Cargo.toml"), "w") as f:
        f.write(f'[package]\nname = "big-{kind.replace("_", "-")}"\nversion = "0.0.0"\nedition = "2024"\n\n'
                f"[dependencies]\n{deps}\n\n[workspace]\n")
    lock = {"closecode": os.path.join(ROOT, "Cargo.lock"), "num_enum": os.path.join(APPS, "num-enum-app", "Cargo.lock")}
    if kind in lock:
        shutil.copy(lock[kind], os.path.join(path, "Cargo.lock"))
    derive = {
        "closecode": "use closecode_core::AppCloseCode;\n#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]",
        "num_enum": "use num_enum::{IntoPrimitive, TryFromPrimitive};\n"
                    "#[derive(IntoPrimitive, TryFromPrimitive, Clone, Copy, Debug, PartialEq, Eq)]",
        "plain": "#[derive(Clone, Copy, Debug, PartialEq, Eq)]",
    }[kind]
    variants = "\n".join(f"    /// Code {4000 + i}.\n    V{i} = {4000 + i}," for i in range(1000))
    with open(os.path.join(path, "src", "lib.rs"), "w") as f:
        f.write(f"//! 1000 close codes.\n{derive}\n#[repr(u16)]\npub enum Big {{\n{variants}\n}}\n")
    return path


def recheck(path, runs, scratch):
    target = os.path.join(scratch, f"target-{os.path.basename(path)}")
    run(["cargo", "check", "--offline", "--target-dir", target], path)  # dependencies, once
    times = []
    for _ in range(runs):
        os.utime(os.path.join(path, "src", "lib.rs"))
        times.append(run(["cargo", "check", "--offline", "--target-dir", target], path))
    return statistics.median(times), times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {subprocess.run(['rustc', '-V'], capture_output=True, text=True).stdout.strip()}")
    with tempfile.TemporaryDirectory(prefix="closecode-compile-") as scratch:
        print(f"\nclean build of a small app (median of {args.runs}, seconds)")
        results = {}
        for app in ["empty-app", "closecode-app", "num-enum-app"]:
            median, times = clean_build(app, args.runs, scratch)
            results[app] = median
            print(f"  {app:<16} {median:6.2f}   runs: {' '.join(f'{t:.2f}' for t in times)}")
        ratio = results["closecode-app"] / results["num-enum-app"]
        print(f"  closecode-app / num-enum-app = {ratio:.2f}x (target: at most 0.70x)")

        print(f"\nclean build of an app with tokio (macros) and serde (derive) (median of {args.runs}, seconds;")
        print("the two apps built in turns)")
        times, added = paired_builds("tokio-serde-app", "tokio-serde-closecode-app", args.runs, scratch)
        for app, runs in times.items():
            print(f"  {app:<26} {statistics.median(runs):6.2f}   runs: {' '.join(f'{t:.2f}' for t in runs)}")
        print(f"  closecode-core + derive adds {added:.2f} s, the median of the pairs' differences")
        print("  (target: at most 0.5 s, stretch 0.3 s)")

        print(f"\n`cargo check` of a 1000-variant enum crate, dependencies built (median of {args.runs}, seconds)")
        for kind in ["plain", "closecode", "num_enum"]:
            median, times = recheck(big_enum_crate(scratch, kind), args.runs, scratch)
            print(f"  {kind:<16} {median:6.2f}   runs: {' '.join(f'{t:.2f}' for t in times)}")


if __name__ == "__main__":
    main()
