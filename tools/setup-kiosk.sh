#!/usr/bin/env bash
# Set up a kiosk machine (Debian 12): what `kiosk run` needs and nothing else — no store, no
# database server, no test tools. Run from a clone of the repository, as root or with sudo:
#
#   tools/setup-kiosk.sh            # X session: the libraries of Qt's xcb platform plugin
#   tools/setup-kiosk.sh --wayland  # also sway and its Xwayland
#
# Then .venv/bin/kiosk is ready; the README's deployment section says what comes next.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# CJK fonts and fontconfig (kiosk doctor reads fc-list); OpenGL, fontconfig, D-Bus and GLib
# for Qt itself; libpulse0 for Qt's multimedia-based QML modules (the virtual keyboard).
PACKAGES=(
  fonts-noto-cjk fontconfig
  libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0
  libpulse0
  python3-venv
)
# The kiosk is an X client under either session (under sway, of its Xwayland): Qt's xcb
# platform plugin's libraries in both cases.
if [ "${1:-}" = "--wayland" ]; then
  PACKAGES+=(sway xwayland)
fi
PACKAGES+=(
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-kiosk: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[kiosk]"
echo "setup-kiosk: done; .venv/bin/kiosk is ready (next: kiosk doctor)"
