#!/usr/bin/env python3
"""Writes a PEP 503 simple index (with #sha256 fragments) for a directory of wheels.

usage: make_index.py WHEEL_DIR INDEX_DIR

INDEX_DIR/<project>/index.html links to ../../<wheel dir>/<file> relative to the page, so the
index works over file:// and behind any static web server (nginx) that serves both.
"""
import hashlib
import html
import os
import re
import sys


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    wheels, index = (os.path.abspath(p) for p in sys.argv[1:])
    projects: dict[str, list[str]] = {}
    for name in sorted(os.listdir(wheels)):
        if name.endswith(".whl"):
            projects.setdefault(canonical(name.split("-")[0]), []).append(name)
    os.makedirs(index, exist_ok=True)
    root = ["<!DOCTYPE html>\n<html><body>\n"]
    for project, files in sorted(projects.items()):
        page_dir = os.path.join(index, project)
        os.makedirs(page_dir, exist_ok=True)
        lines = ["<!DOCTYPE html>\n<html><body>\n"]
        for name in files:
            path = os.path.join(wheels, name)
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            href = os.path.relpath(path, page_dir)
            lines.append(f'<a href="{html.escape(href)}#sha256={digest}">{html.escape(name)}</a><br>\n')
        lines.append("</body></html>\n")
        with open(os.path.join(page_dir, "index.html"), "w") as f:
            f.writelines(lines)
        root.append(f'<a href="{project}/">{project}</a><br>\n')
    root.append("</body></html>\n")
    with open(os.path.join(index, "index.html"), "w") as f:
        f.writelines(root)
    print(f"{index}: {len(projects)} projects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
