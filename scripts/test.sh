#!/usr/bin/env bash
# The project's test command (README.md): installs what is missing, builds, and runs every test:
# unit and conformance tests, the differential test against python3-packaging, the format check
# and a bounded run of every fuzz target. With CI=true, warnings are errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GATOR_BUILD_DIR:-$root/build}
ci=${CI:-false}

"$root/scripts/setup.sh"

configure=(-S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ $ci == true ]]; then
  configure+=(-DGATOR_WERROR=ON -Werror=dev -Werror=deprecated)
fi
cmake "${configure[@]}"
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
cmake --build "$build" --target format-check

# 60 s per target in CI; shorter by default on a developer machine.
fuzz_seconds=${GATOR_FUZZ_SECONDS:-$([[ $ci == true ]] && echo 60 || echo 10)}
GATOR_WERROR=$([[ $ci == true ]] && echo ON || echo OFF) "$root/scripts/fuzz.sh" "$fuzz_seconds"
echo "test.sh: all tests passed"
