#!/usr/bin/env bash
# Sets up everything the studio needs on a fresh Debian machine: system packages (ffmpeg,
# fonts, espeak-ng, chromium), a virtualenv in .venv and the package with its dev tools.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(ffmpeg fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core espeak-ng chromium)
missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "==> installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi

# reinstall only when the dependency list changed
stamp=.venv/.studio-installed
shopt -s nullglob
examples=(examples/*/pyproject.toml)
want="$(cat pyproject.toml "${examples[@]}" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> installing the studio and its tools into .venv"
  .venv/bin/python -m pip install -q --upgrade "pip>=25.1"
  .venv/bin/python -m pip install -q -e ".[cloud]" --group dev
  for example in "${examples[@]}"; do
    .venv/bin/python -m pip install -q --no-build-isolation --no-deps -e "$(dirname "$example")"
  done
  echo "$want" > "$stamp"
fi
echo "==> setup done"
