#!/usr/bin/env python3
"""Generates a wheel set for the apply benchmark: many small pure-Python projects plus one big
wheel shaped like torch (a package with a few large incompressible shared objects and many
small files), each with a correct RECORD.

usage: make_wheelset.py OUT_DIR [--projects N] [--files F] [--big-mib M]
"""
import argparse
import base64
import hashlib
import os
import zipfile


def record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def write_wheel(out_dir, name, version, files, stored=()):
    dist_info = f"{name}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n".encode()
    wheel = (b"Wheel-Version: 1.0\nGenerator: gator-bench\nRoot-Is-Purelib: true\n"
             b"Tag: py3-none-any\n")
    entries = list(files.items()) + [(f"{dist_info}/METADATA", metadata),
                                     (f"{dist_info}/WHEEL", wheel)]
    record = "".join(f"{path},{record_hash(data)},{len(data)}\n" for path, data in entries)
    record += f"{dist_info}/RECORD,,\n"
    path = os.path.join(out_dir, f"{name}-{version}-py3-none-any.whl")
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in entries + [(f"{dist_info}/RECORD", record.encode())]:
            method = zipfile.ZIP_STORED if member in stored else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--projects", type=int, default=40)
    parser.add_argument("--files", type=int, default=150)
    parser.add_argument("--big-mib", type=int, default=1024)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for p in range(args.projects):
        name = f"bench_small_{p:02d}"
        files = {f"{name}/__init__.py": f"VERSION = '1.0.{p}'\n".encode()}
        for f in range(args.files):
            body = f"# module {f} of {name}\n" + "def f(x):\n    return x + %d\n" % f * 20
            files[f"{name}/mod_{f:03d}.py"] = body.encode()
        write_wheel(args.out, name, "1.0", files)
    # torch-shaped: big shared objects (random: incompressible, stored) and many small files.
    name = "bench_big"
    files = {f"{name}/__init__.py": b"VERSION = '2.3.1'\n"}
    stored = set()
    remaining = args.big_mib << 20
    chunk = 256 << 20
    index = 0
    while remaining > 0:
        size = min(chunk, remaining)
        member = f"{name}/lib/libbig_{index}.so"
        files[member] = os.urandom(size)
        stored.add(member)
        remaining -= size
        index += 1
    for f in range(2000):
        files[f"{name}/ops/op_{f:04d}.py"] = (f"def op_{f}():\n    return {f}\n" * 10).encode()
    write_wheel(args.out, name, "2.3.1", files, stored)
    print(f"{args.out}: {args.projects} small wheels x {args.files} files, 1 big wheel of "
          f"{args.big_mib} MiB")


if __name__ == "__main__":
    main()
