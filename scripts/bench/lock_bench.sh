#!/usr/bin/env bash
# Lock benchmark (issue 4): `gator-provision lock` against `pip install --dry-run --report` on
# the same 30-package closure from the same local index, cold and warm. Not a test.
#
# Usage: scripts/bench/lock_bench.sh [--runs N] [--binary PATH] [--python PYTHON] [--work DIR]
#                                    [--keep]
#   --runs N       timed runs per scenario (default 5)
#   --binary PATH  gator-provision (default: build-bench/src/cli/gator-provision, else
#                  build/src/cli/gator-provision)
#   --python PY    the interpreter whose pip is timed (default python3.11)
#   --work DIR     where the index, caches and logs go (default: a new /tmp/gator-lock-bench.*)
#   --keep         keep the work directory (default: removed at the end)
#
# It generates the index (make_bench_index.py), starts nginx (/usr/sbin/nginx, or $GATOR_NGINX)
# on a free 127.0.0.1 port with a configuration like the integration tests' one, writes a
# profile for the 30 requirements, and times (lock_bench.py):
#   gator cold  `lock` with a new, empty --cache-dir per run (created before timing)
#   gator warm  `lock` with a filled cache and the lock file removed, so that it resolves
#               again, its pages revalidated (304) and its metadata read from the cache
#   pip cold    `pip install --dry-run --report --ignore-installed --no-cache-dir`
#   pip warm    the same with a filled --cache-dir
# Both run with a minimal environment (no PIP_* variables, a fresh HOME) and the same interpreter
# by its real path (pip runs in it; gator gets it as --python), never a pyenv shim. It prints
# the median, min and max wall time and the median peak RSS of each, the ratios pip/gator, and
# whether both tools chose the same versions. Exit status 1 if they did not.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=$root/scripts/bench

runs=5
binary=
python=python3.11
work=
keep=false
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "lock_bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -z $binary ]]; then
  for candidate in "$root/build-bench/src/cli/gator-provision" "$root/build/src/cli/gator-provision"; do
    [[ -x $candidate ]] && { binary=$candidate; break; }
  done
fi
[[ -n $binary && -x $binary ]] || {
  echo "lock_bench: no gator-provision binary; build one, e.g." >&2
  echo "  cmake -S $root -B $root/build-bench -G Ninja && cmake --build $root/build-bench --target gator-provision" >&2
  exit 1
}
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
# The interpreter itself, not a pyenv shim (a shim is a shell script that costs pip ~50 ms a run).
python=$("$python" -c 'import sys; print(sys.executable)')
"$python" -m pip --version >/dev/null || { echo "lock_bench: $python has no pip" >&2; exit 1; }

if [[ -z $work ]]; then
  work=$(mktemp -d /tmp/gator-lock-bench.XXXXXX)
else
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
  [[ -z $(ls -A "$work") ]] || { echo "lock_bench: $work is not empty" >&2; exit 1; }
fi
state=$work/nginx
source "$bench/nginx.sh"
finish() {
  stop_nginx "$state"
  if ! $keep; then rm -rf "$work"; else echo "lock_bench: kept $work"; fi
}
trap finish EXIT

echo "lock_bench: $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "lock_bench: gator-provision $("$binary" --version | awk '{print $2}') ($binary)"
echo "lock_bench: $("$python" -m pip --version | cut -d' ' -f1-2) on Python $("$python" -c 'import platform; print(platform.python_version())')"
python3 "$bench/make_bench_index.py" "$work/www"

# nginx serves the index, as the integration tests configure it.
start_nginx "$work/www" "$state"
index_url=http://127.0.0.1:$nginx_port/simple
python3 -c "import urllib.request; urllib.request.urlopen('$index_url/')"

# The profile: the 30 requirements from the generated index, for a Linux x86_64 target with
# Python 3.11 (pip's interpreter), glibc 2.17 (every manylinux wheel of the index).
mkdir -p "$work/gator/profiles"
{
  cat <<EOF
schema-version = 1
[profile]
name = "bench"
[hardware]
vendor = "cpu"
[python]
version = "3.11"
[[index]]
name = "local"
url = "$index_url"
[requirements]
packages = [
EOF
  sed 's/.*/  "&",/' "$work/www/requirements.txt"
  cat <<EOF
]
[target]
platform = "linux"
arch = "x86_64"
glibc = "2.17"
EOF
} >"$work/gator/profiles/bench.toml"

python3 "$bench/lock_bench.py" --binary "$binary" --python "$python" --index-url "$index_url" \
  --work "$work" --requirements "$work/www/requirements.txt" --expected "$work/www/expected.txt" \
  --runs "$runs"
