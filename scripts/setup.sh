#!/usr/bin/env bash
# Installs everything gator-provision needs to build and test on Debian 12.
# Idempotent: re-running installs nothing new. Run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev libboost-filesystem-dev
  libarchive-dev libcurl4-openssl-dev libssl-dev zlib1g-dev
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev
  clang-16 libclang-rt-16-dev clang-format
  python3 python3.11 python3-venv python3-pip python3-packaging
  python3-pip-whl python3-setuptools-whl  # real wheels for the apply tests and the README demo
  nginx-light
  fish tcsh  # the venv tests source activate.fish and activate.csh in real shells
)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
echo "setup: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
# The tests start their own nginx on a free port; the packaged service is not needed.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  "${sudo_cmd[@]}" systemctl stop nginx || true
fi
