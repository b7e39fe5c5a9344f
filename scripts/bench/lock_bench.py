#!/usr/bin/env python3
"""Times `gator-provision lock` against `pip install --dry-run --report`, cold and warm.

Run by scripts/bench/lock_bench.sh, which generates the index and starts nginx; see there.
Each scenario runs N times, interleaved round by round (gator cold, pip cold, gator warm, pip
warm) so that load from other processes spreads evenly. Wall time is measured around the child
process; peak RSS is the child's ru_maxrss from wait4 (the largest process of its tree).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
import urllib.parse


def canonical(name):
    out = "".join("-" if c in "._-" else c for c in name.lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out


class Timed:
    def __init__(self, seconds, rss_kib):
        self.seconds, self.rss_kib = seconds, rss_kib


def run(command, cwd, env, log):
    """Runs `command`, returns its wall time and peak RSS; stdout/stderr go to `log`."""
    with open(log, "wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        with open(log, "r", errors="replace") as f:
            text = f.read()
        sys.exit("lock_bench: %s failed with exit %d:\n%s" % (command[0], code,
                                                              text[-4000:]))
    return Timed(seconds, usage.ru_maxrss)


def locked_versions(path):
    with open(path, "rb") as f:
        lock = tomllib.load(f)
    return {canonical(p["name"]): p["version"] for p in lock["packages"]}


def reported_versions(path):
    with open(path) as f:
        report = json.load(f)
    return {canonical(item["metadata"]["name"]): item["metadata"]["version"]
            for item in report["install"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--python", required=True, help="the interpreter that runs pip")
    parser.add_argument("--index-url", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--requirements", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    work = args.work
    with open(args.requirements) as f:
        requirements = [line.strip() for line in f if line.strip()]
    gator_dir = os.path.join(work, "gator")
    lock_file = os.path.join(gator_dir, "lockfiles", "pylock.bench.toml")
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    logs = os.path.join(work, "logs")
    os.makedirs(logs, exist_ok=True)

    # Neither tool sees the caller's configuration: no PIP_* variables, no user config files, no
    # proxies; the same minimal environment for both.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8"}

    def gator(cache, name):
        if os.path.exists(lock_file):
            os.remove(lock_file)
        # --python: the interpreter pip runs in, by its real path. Given a wrapper script (a
        # pyenv shim first on PATH) gator would query it afresh every run: only real binaries
        # have their answers cached, as a shim may switch interpreters between runs.
        timed = run([args.binary, "lock", "profiles/bench.toml", "--cache-dir", cache,
                     "--python", args.python], gator_dir, env, os.path.join(logs, name + ".log"))
        shutil.copy(lock_file, os.path.join(logs, name + ".pylock.toml"))
        return timed

    def pip(cache, name):
        report = os.path.join(logs, name + ".report.json")
        # --trusted-host: pip caches nothing from a plain-http host it does not trust.
        command = [args.python, "-m", "pip", "install", "--dry-run", "--report", report,
                   "--ignore-installed", "--disable-pip-version-check", "--no-input",
                   "--progress-bar", "off", "--index-url", args.index_url,
                   "--trusted-host", urllib.parse.urlsplit(args.index_url).netloc]
        command += ["--no-cache-dir"] if cache is None else ["--cache-dir", cache]
        return run(command + requirements, work, env, os.path.join(logs, name + ".log"))

    # Every cold cache directory exists before any timing starts (and none is ever deleted
    # between timed runs: removing big trees slows file creation on this kind of machine).
    n = args.runs
    cold_caches = []
    for k in range(n + 1):
        path = os.path.join(work, "gator-cold-%d" % k)
        os.makedirs(path)
        cold_caches.append(path)
    warm_gator = os.path.join(work, "gator-warm")
    warm_pip = os.path.join(work, "pip-warm")

    # Untimed: the first cold run of each tool (disk and page cache), which also fills the
    # warm caches.
    print("warming up (untimed): gator cold, pip cold, and filling both warm caches", flush=True)
    gator(cold_caches[n], "warmup-gator-cold")
    pip(None, "warmup-pip-cold")
    gator(warm_gator, "warmup-gator-warm")
    pip(warm_pip, "warmup-pip-warm")

    results = {"gator cold": [], "pip cold": [], "gator warm": [], "pip warm": []}
    for k in range(n):
        results["gator cold"].append(gator(cold_caches[k], "gator-cold-%d" % k))
        results["pip cold"].append(pip(None, "pip-cold-%d" % k))
        results["gator warm"].append(gator(warm_gator, "gator-warm-%d" % k))
        results["pip warm"].append(pip(warm_pip, "pip-warm-%d" % k))
        print("round %d/%d: %s" % (k + 1, n, ", ".join(
            "%s %.0f ms" % (name, timed[-1].seconds * 1000) for name, timed in results.items())),
              flush=True)

    print()
    print("%-11s %10s %10s %10s %14s" % ("", "median", "min", "max", "peak RSS (med)"))
    medians = {}
    for name, timed in results.items():
        seconds = [t.seconds for t in timed]
        medians[name] = statistics.median(seconds)
        rss = statistics.median(t.rss_kib for t in timed)
        print("%-11s %8.0f ms %7.0f ms %7.0f ms %11.1f MiB" %
              (name, medians[name] * 1000, min(seconds) * 1000, max(seconds) * 1000, rss / 1024))
    print()
    print("pip/gator cold: %.1fx   (target: >= 5x)" % (medians["pip cold"] / medians["gator cold"]))
    print("pip/gator warm: %.1fx" % (medians["pip warm"] / medians["gator warm"]))
    print("gator warm: %.0f ms   (target: < 100 ms for a 30-package closure)" %
          (medians["gator warm"] * 1000))

    # Same answer from both tools (and the one the generator intended).
    with open(args.expected) as f:
        expected = dict(line.split() for line in f if line.strip())
    gator_versions = locked_versions(os.path.join(logs, "gator-cold-0.pylock.toml"))
    pip_versions = reported_versions(os.path.join(logs, "pip-cold-0.report.json"))
    differences = sorted(name for name in set(gator_versions) | set(pip_versions)
                         if gator_versions.get(name) != pip_versions.get(name))
    print()
    if differences:
        print("versions: gator and pip DIFFER on %d of %d projects:" %
              (len(differences), len(set(gator_versions) | set(pip_versions))))
        for name in differences:
            print("  %-20s gator %-10s pip %s" % (name, gator_versions.get(name, "-"),
                                                  pip_versions.get(name, "-")))
    else:
        print("versions: gator and pip chose the same %d versions%s" %
              (len(gator_versions), "" if gator_versions == expected else
               " (but not the ones the generator intended!)"))
    # Every run of each tool gave the same answer as its first cold run.
    for k in range(n):
        for kind in ("cold", "warm"):
            if locked_versions(os.path.join(logs, "gator-%s-%d.pylock.toml" % (kind, k))) != \
                    gator_versions:
                print("gator %s run %d locked other versions!" % (kind, k))
                differences.append("gator-%s-%d" % (kind, k))
            if reported_versions(os.path.join(logs, "pip-%s-%d.report.json" % (kind, k))) != \
                    pip_versions:
                print("pip %s run %d reported other versions!" % (kind, k))
                differences.append("pip-%s-%d" % (kind, k))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
