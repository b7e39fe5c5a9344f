#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 60 s, all targets)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${GATOR_FUZZ_SECONDS:-60}}
shift || true
build=${GATOR_FUZZ_BUILD_DIR:-$root/build-fuzz}
clangxx=$(command -v clang++-16 || command -v clang++ || true)
[[ -n $clangxx ]] || { echo "fuzz: clang++ not found (run scripts/setup.sh)" >&2; exit 1; }

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$clangxx" -DGATOR_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGATOR_WERROR=${GATOR_WERROR:-OFF} >/dev/null
targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(cd "$root/tests/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')
fi
cmake --build "$build" --target "${targets[@]}"

status=0
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  work="$build/fuzz-work/$name"
  mkdir -p "$work/corpus"
  seeds=()
  [[ -d $root/tests/fuzz/corpus/$name ]] && seeds=("$root/tests/fuzz/corpus/$name")
  echo "fuzz: $target for ${seconds}s"
  if ! (cd "$work" && "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=4096 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work/corpus" "${seeds[@]}" \
        >"$work/log.txt" 2>&1); then
    echo "fuzz: $target FAILED; last lines of $work/log.txt:" >&2
    tail -n 40 "$work/log.txt" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units' "$work/log.txt" | sed "s/^/fuzz: $target /"
  fi
done
exit $status
