#!/usr/bin/env bash
# The README's demo: `apply` of a real wheel set with no GPU and no internet. Debian's own pip
# and setuptools wheels (python3-pip-whl, python3-setuptools-whl) become a local PEP 503 index
# (file://), profiles/demo.toml is locked against it and applied into build/demo/venv, then
# `status`, `verify` and `run` look at the result; a second apply is a no-op.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GATOR_BUILD_DIR:-$root/build}
gator=$build/src/cli/gator-provision
work=$build/demo
python=${GATOR_DEMO_PYTHON:-python3.11}

[[ -x $gator ]] || { echo "demo: build first: cmake --build $build" >&2; exit 2; }
mkdir -p "$work/wheels"
cp -u /usr/share/python-wheels/pip-*.whl /usr/share/python-wheels/setuptools-*.whl "$work/wheels/"
python3 "$root/scripts/demo/make_index.py" "$work/wheels" "$work/simple"

cd "$work"  # the lock file goes to $work/lockfiles/pylock.demo.toml
common=("$root/profiles/demo.toml" --venv "$work/venv" --cache-dir "$work/cache"
        --python "$python")
set -x
"$gator" apply "${common[@]}" --index "wheelhouse=file://$work/simple"
"$gator" apply "${common[@]}" --index "wheelhouse=file://$work/simple"
"$gator" status "${common[@]}"
"$gator" verify "${common[@]}"
"$gator" run "${common[@]}" -- python -m pip --version
