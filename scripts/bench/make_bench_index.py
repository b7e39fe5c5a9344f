#!/usr/bin/env python3
"""Generates the local PyPI-like index that scripts/bench/lock_bench.sh locks against.

30 projects whose closure is all 30 of them: 3 to 8 releases each, dependencies between them
(lower bounds everywhere, upper bounds on a few projects that hold the closure below their
newest release), Requires-Python excluding some newest releases for 3.11, a yanked newest
release, several wheels per release (pure, manylinux for cp311 and cp312, macOS, Windows), real
zip wheels with METADATA of realistic sizes, PEP 503 HTML pages with #sha256 links under
PyPI-style /packages/aa/bb/<hash>/ paths, and PEP 658/714 metadata sidecars for half of the
projects. Deterministic for a given seed.

Writes <out>/simple/<project>/index.html, <out>/packages/..., and <out>/requirements.txt (the 30
root requirements, one per line), <out>/expected.txt (the versions the closure must resolve to).

Usage: make_bench_index.py OUT_DIR [--seed N]
"""

import argparse
import hashlib
import html
import io
import os
import random
import zipfile

# Realistic-looking names with the spellings pip and gator must normalise ('_', '.', capitals).
NAMES = [
    "webframe", "Flask_Lite", "orm.core", "sqlbridge", "httpkit", "url3", "certbundle",
    "charset-detect", "idna-lite", "jinja-like", "MarkupEscape", "itsdanger", "clicker",
    "blinker-lite", "pydantic-ish", "typing-extra", "annotated-kinds", "attrs-lite",
    "six-compat", "dateparse", "tzdata-lite", "pytzish", "yaml-lite", "tomlkit-ish",
    "packaging-lite", "pyparse", "colorama-lite", "tqdm-ish", "rich-text", "markdown-it-lite",
]

PY311_TAGS = [
    "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64",
    "cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64",
    "cp311-cp311-macosx_11_0_arm64",
    "cp311-cp311-win_amd64",
]


def canonical(name):
    out = []
    for c in name.lower():
        out.append("-" if c in "._-" else c)
    text = "".join(out)
    while "--" in text:
        text = text.replace("--", "-")
    return text


def dist_name(name):
    return canonical(name).replace("-", "_")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def metadata_text(name, version, requires_python, requires_dist, summary):
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + name,
        "Version: " + version,
        "Summary: " + summary,
        "Home-page: https://example.invalid/" + canonical(name),
        "Author: Bench Author",
        "License: MIT",
        "Classifier: Programming Language :: Python :: 3",
        "Classifier: License :: OSI Approved :: MIT License",
    ]
    if requires_python:
        lines.append("Requires-Python: " + requires_python)
    lines += ["Requires-Dist: " + r for r in requires_dist]
    lines.append("Description-Content-Type: text/markdown")
    lines.append("")
    # A description of a few KiB, as real METADATA files carry the README.
    lines.append(("# " + name + "\n\n" + ("Lorem ipsum dolor sit amet. " * 12 + "\n") * 12))
    return "\n".join(lines)


def build_wheel(name, version, tag, metadata, payload_size, rng):
    dist = dist_name(name)
    info = dist + "-" + version + ".dist-info/"
    members = {
        dist + "/__init__.py": ("__version__ = %r\n" % version).encode(),
        dist + "/_core.py": ("# " + name + " " + version + " " + tag + "\n" +
                             "def f(x):\n    return x\n" * 40).encode(),
        # Incompressible data (compiled extensions, in real wheels).
        dist + "/_data.bin": rng.randbytes(payload_size),
        info + "METADATA": metadata.encode(),
        info + "WHEEL": ("Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: %s\nTag: %s\n" %
                         ("true" if tag == "py3-none-any" else "false", tag)).encode(),
        info + "top_level.txt": (dist + "\n").encode(),
    }
    record = "".join("%s,sha256=%s,%d\n" % (path, sha256(data), len(data))
                     for path, data in members.items())
    record += info + "RECORD,,\n"
    members[info + "RECORD"] = record.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in members.items():
            info_entry = zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0))
            info_entry.compress_type = (zipfile.ZIP_STORED if path.endswith(".bin")
                                        else zipfile.ZIP_DEFLATED)
            archive.writestr(info_entry, data)
    return buffer.getvalue()


def plan(rng):
    """Releases and dependencies of every project: {index: [release dict, ...]}, oldest first."""
    count = len(NAMES)
    majors = {}
    releases = {}
    for i in range(count):
        n = rng.randint(3, 8)
        versions = []
        major, minor, micro = rng.randint(0, 3), rng.randint(0, 5), 0
        for _ in range(n):
            step = rng.random()
            if step < 0.15:
                major, minor, micro = major + 1, 0, 0
            elif step < 0.6:
                minor, micro = minor + 1, 0
            else:
                micro += 1
            versions.append("%d.%d.%d" % (major, minor, micro))
        releases[i] = [{"version": v, "deps": [], "requires_python": ">=3.8", "yanked": None}
                       for v in versions]
        majors[i] = versions
    # Project i depends on 1 to 4 projects after it, so the closure of project 0..4 is a DAG;
    # every project is also a root requirement, so the closure is exactly the 30 projects.
    edges = {i: sorted(rng.sample(range(i + 1, count), min(count - i - 1, rng.randint(1, 4))))
             for i in range(count)}
    # Caps: every release of the dependent excludes the newest release of the dependency (as
    # when a whole library stays on "numpy<2"), and every other lower bound is below the cap,
    # so that the best resolution is unique.
    capped = {}  # dependency -> (dependent, excluded version)
    for i in rng.sample(range(count - 1), 5):
        j = edges[i][-1]
        if j not in capped and len(majors[j]) >= 3:
            capped[j] = (i, majors[j][-1])
    # Requires-Python >=3.12 on the newest release of a few projects, and one yanked newest.
    newest_excluded = {}
    for j in rng.sample(range(count), 4):
        if j not in capped:
            releases[j][-1]["requires_python"] = ">=3.12"
            newest_excluded[j] = releases[j][-1]["version"]
    yanked = next(j for j in range(count) if j not in capped and j not in newest_excluded and
                  len(releases[j]) >= 3)
    releases[yanked][-1]["yanked"] = "broken build"
    newest_excluded[yanked] = releases[yanked][-1]["version"]

    def usable(j):
        return [v for v in majors[j] if v != capped.get(j, (0, None))[1] and
                v != newest_excluded.get(j)]

    for i in range(count):
        for r, release in enumerate(releases[i]):
            for j in edges[i]:
                cap = capped[j][1] if j in capped and capped[j][0] == i else None
                if r == 0 and cap is None and rng.random() < 0.3:
                    continue  # older releases had fewer dependencies
                choices = usable(j)
                low = choices[min(len(choices) - 1, rng.randint(0, len(choices) // 2))]
                spec = canonical(NAMES[j]) + ">=" + low
                if cap:
                    spec += ",<" + cap
                if rng.random() < 0.2:
                    spec += '; python_version >= "3.8"'
                release["deps"].append(spec)
    # The resolution: the newest usable release of every project.
    expected = {canonical(NAMES[j]): usable(j)[-1] for j in range(count)}
    return releases, expected, capped, newest_excluded


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    releases, expected, capped, excluded = plan(rng)

    out = args.out
    links = {}
    total = 0
    sidecar_projects = set(rng.sample(range(len(NAMES)), len(NAMES) // 2))
    for i, name in enumerate(NAMES):
        page = []
        payload = rng.choice([20_000, 50_000, 120_000, 300_000, 800_000])
        pure = rng.random() < 0.6
        for release in releases[i]:
            version = release["version"]
            metadata = metadata_text(name, version, release["requires_python"], release["deps"],
                                     "The %s library" % name)
            tags = ["py3-none-any"] if pure else PY311_TAGS
            for tag in tags:
                filename = "%s-%s-%s.whl" % (dist_name(name), version, tag)
                data = build_wheel(name, version, tag, metadata, payload, rng)
                digest = sha256(data)
                folder = os.path.join("packages", digest[:2], digest[2:4], digest[4:])
                os.makedirs(os.path.join(out, folder), exist_ok=True)
                with open(os.path.join(out, folder, filename), "wb") as f:
                    f.write(data)
                total += len(data)
                attributes = ""
                if release["requires_python"]:
                    attributes += ' data-requires-python="%s"' % html.escape(
                        release["requires_python"])
                if release["yanked"]:
                    attributes += ' data-yanked="%s"' % html.escape(release["yanked"])
                if i in sidecar_projects:
                    with open(os.path.join(out, folder, filename + ".metadata"), "wb") as f:
                        f.write(metadata.encode())
                    metadata_hash = "sha256=" + sha256(metadata.encode())
                    attributes += ' data-dist-info-metadata="%s" data-core-metadata="%s"' % (
                        metadata_hash, metadata_hash)
                page.append('    <a href="../../%s/%s#sha256=%s"%s>%s</a><br/>' %
                            (folder, filename, digest, attributes, filename))
        project = canonical(name)
        links[project] = page
        os.makedirs(os.path.join(out, "simple", project), exist_ok=True)
        with open(os.path.join(out, "simple", project, "index.html"), "w") as f:
            f.write("<!DOCTYPE html>\n<html>\n  <head><title>Links for %s</title></head>\n"
                    "  <body>\n    <h1>Links for %s</h1>\n%s\n  </body>\n</html>\n" %
                    (project, project, "\n".join(page)))
    with open(os.path.join(out, "simple", "index.html"), "w") as f:
        f.write("<!DOCTYPE html>\n<html><body>\n" +
                "".join('<a href="%s/">%s</a>\n' % (p, p) for p in sorted(links)) +
                "</body></html>\n")
    with open(os.path.join(out, "requirements.txt"), "w") as f:
        f.write("".join(name + "\n" for name in NAMES))
    with open(os.path.join(out, "expected.txt"), "w") as f:
        f.write("".join("%s %s\n" % item for item in sorted(expected.items())))
    print("index: %d projects, %d wheels, %.1f MiB, %d with metadata sidecars, %d capped, "
          "%d newest releases excluded (Requires-Python or yanked)" %
          (len(NAMES), sum(len(p) for p in links.values()), total / 1048576,
           len(sidecar_projects), len(capped), len(excluded)))


if __name__ == "__main__":
    main()
