#!/usr/bin/env bash
# Benchmark (not a test): `gator-provision apply` against pip on the same local index and wheel
# set — many small projects plus one big torch-shaped wheel — cold (empty caches), warm (caches
# full, new venv) and no-op (venv already up to date). Prints medians, ratios and peak RSS.
# Nothing is deleted between timed runs (file creation right after a big delete is slow on
# these VMs): every run gets new directories, created before timing.
#
# The index is a file:// directory (a local wheelhouse: both tools read the wheels in place),
# or with BENCH_SERVE=nginx the same directory served by nginx on 127.0.0.1 (both download).
#
# usage: scripts/bench/apply_bench.sh [RUNS]     env: GATOR_BUILD_DIR, BENCH_BIG_MIB (1024),
#        BENCH_PROJECTS (40), BENCH_DIR (build/bench-apply), BENCH_PYTHON (/usr/bin/python3.11),
#        BENCH_SERVE (file or nginx)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GATOR_BUILD_DIR:-$root/build}
gator=$build/src/cli/gator-provision
runs=${1:-3}
work=${BENCH_DIR:-$build/bench-apply}
python=${BENCH_PYTHON:-/usr/bin/python3.11}
pip_wheel=$(ls /usr/share/python-wheels/pip-*.whl | head -1)
[[ -x $gator ]] || { echo "build first: cmake --build $build" >&2; exit 2; }

# pip must not see the machine's PIP_* settings (find-links, index URLs, ...).
for variable in $(env | sed -n 's/^\(PIP_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$variable"; done

if [[ ! -f $work/wheels/.done ]]; then
  mkdir -p "$work/wheels"
  python3 "$root/scripts/bench/make_wheelset.py" "$work/wheels" --projects "${BENCH_PROJECTS:-40}" \
    --big-mib "${BENCH_BIG_MIB:-1024}"
  touch "$work/wheels/.done"
fi
python3 "$root/scripts/demo/make_index.py" "$work/wheels" "$work/simple" >/dev/null
serve=${BENCH_SERVE:-file}
case $serve in
  file) index_url=file://$work/simple ;;
  nginx)
    source "$root/scripts/bench/nginx.sh"
    rm -rf "$work/nginx"
    trap 'stop_nginx "$work/nginx"' EXIT
    start_nginx "$work" "$work/nginx"
    index_url=http://127.0.0.1:$nginx_port/simple
    ;;
  *) echo "BENCH_SERVE is file or nginx, not $serve" >&2; exit 2 ;;
esac
requirements=()
for wheel in "$work"/wheels/*.whl; do
  requirements+=("$(basename "$wheel" | cut -d- -f1)")
done

profile=$work/bench.toml
{
  echo 'schema-version = 1'
  echo '[profile]'
  echo 'name = "bench"'
  echo '[hardware]'
  echo 'vendor = "cpu"'
  echo '[python]'
  echo 'version = "3.11"'
  echo '[[index]]'
  echo 'name = "local"'
  echo "url = \"$index_url\""
  echo '[requirements]'
  printf 'packages = ['; printf '"%s", ' "${requirements[@]}"; echo ']'
} >"$profile"

cd "$work"
"$gator" lock "$profile" --python "$python" --cache-dir "$work/lock-cache" --quiet
# pip gets the same pins and hashes, from the lock.
python3 - "$work/lockfiles/pylock.bench.toml" >"$work/requirements.txt" <<'PY'
import sys, tomllib
lock = tomllib.load(open(sys.argv[1], "rb"))
for package in lock["packages"]:
    print(f'{package["name"]}=={package["version"]} --hash=sha256:{package["wheels"][0]["hashes"]["sha256"]}')
PY

# Each run keeps its venvs and caches (about 7 GiB) until the next invocation's user deletes
# $work/runs: deleting here would slow the file creation of the runs that follow.
needed_kib=$((runs * 7 * 1024 * 1024))
free_kib=$(df -Pk "$work" | awk 'NR == 2 {print $4}')
if ((free_kib < needed_kib)); then
  echo "apply_bench: $runs runs need about $((runs * 7)) GiB free under $work (delete $work/runs?)" >&2
  exit 1
fi

stamp=$(date +%s%N)
measure() {  # measure NAME COMMAND...: appends "seconds rss_kib" to $work/times.NAME
  local name=$1; shift
  # Each run writes gigabytes: without this, every run would pay for the writeback of the ones
  # before it, and the later runs (of either tool) would be slower than the first.
  sync
  /usr/bin/time -f "%e %M" -o "$work/time.last" "$@" >/dev/null 2>"$work/last.err" ||
    { cat "$work/last.err" >&2; return 1; }
  cat "$work/time.last" >>"$work/times.$name"
}
rm -f "$work"/times.*

gator_apply() {  # VENV CACHE
  "$gator" apply "$profile" --locked --skip-doctor --skip-smoke --python "$python" \
    --venv "$1" --cache-dir "$2" --quiet
}
pip_install() {  # VENV OPTION...: pip's defaults (it byte-compiles) unless told otherwise
  local venv=$1; shift
  "$python" -m venv --without-pip "$venv" &&
    "$venv/bin/python" "$pip_wheel/pip" install --quiet --no-deps --require-hashes \
      --disable-pip-version-check --index-url "$index_url" -r "$work/requirements.txt" "$@"
}
export -f gator_apply pip_install
export gator profile python work pip_wheel index_url

for ((i = 0; i < runs; ++i)); do
  run=$stamp-$i
  mkdir -p "$work/runs/$run"
  measure gator_cold bash -c "gator_apply $work/runs/$run/g-cold $work/runs/$run/g-cache"
  measure gator_warm bash -c "gator_apply $work/runs/$run/g-warm $work/runs/$run/g-cache"
  measure gator_noop bash -c "gator_apply $work/runs/$run/g-warm $work/runs/$run/g-cache"
  measure cp_al cp -al "$work/runs/$run/g-warm" "$work/runs/$run/cp-al"
  measure pip_cold bash -c "pip_install $work/runs/$run/p-cold --no-cache-dir"
  measure pip_cold_nocompile bash -c "pip_install $work/runs/$run/p-cold-nc --no-cache-dir --no-compile"
  measure pip_warm bash -c "pip_install $work/runs/$run/p-warm --cache-dir $work/runs/$run/p-cache && true"
  measure pip_noop bash -c "$work/runs/$run/p-cold/bin/python $pip_wheel/pip install --quiet --no-deps --require-hashes --disable-pip-version-check --index-url $index_url -r $work/requirements.txt"
done
# The gator no-op without bash in between, for the 20 ms target.
for ((i = 0; i < runs; ++i)); do
  measure gator_noop_direct "$gator" apply "$profile" --locked --skip-doctor --skip-smoke \
    --python "$python" --venv "$work/runs/$stamp-0/g-warm" --cache-dir "$work/runs/$stamp-0/g-cache" --quiet
done

python3 - "$work" "$runs" "$serve" <<'PY'
import statistics, sys
work, runs, serve = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def load(name):
    rows = [line.split() for line in open(f"{work}/times.{name}")]
    return statistics.median(float(r[0]) for r in rows), max(int(r[1]) for r in rows)
names = ["gator_cold", "gator_warm", "gator_noop", "gator_noop_direct", "cp_al", "pip_cold", "pip_cold_nocompile", "pip_warm", "pip_noop"]
data = {n: load(n) for n in names}
print(f"apply benchmark, {runs} runs each, index served by {serve} (median wall time, peak RSS)")
for n in names:
    print(f"  {n:18} {data[n][0]*1000:9.0f} ms  {data[n][1]/1024:7.1f} MiB")
def ratio(a, b): return data[a][0] / max(data[b][0], 1e-3)
print(f"cold:  pip / gator = {ratio('pip_cold', 'gator_cold'):.1f}x   (target >= 5x; pip's default byte-compiles, gator's does not)")
print(f"cold:  pip --no-compile / gator = {ratio('pip_cold_nocompile', 'gator_cold'):.1f}x")
print(f"warm:  pip / gator = {ratio('pip_warm', 'gator_warm'):.1f}x   (target >= 50x)")
print(f"warm:  gator / cp -al = {ratio('gator_warm', 'cp_al'):.1f}x   (target <= 2x)")
print(f"no-op: gator {data['gator_noop_direct'][0]*1000:.0f} ms (target < 20 ms), pip {data['pip_noop'][0]*1000:.0f} ms")
print(f"peak RSS of gator cold apply: {data['gator_cold'][1]/1024:.1f} MiB (target < 64 MiB)")
PY
