#!/usr/bin/env bash
# Set up a central store machine (Debian 12): the store's Python stack in .venv/, without Qt.
# Its database is SQLite in the data directory unless PostgreSQL is set up as the README's
# "The store's database" says (a role and a database with a password the administrator
# chooses; this script never creates a role or a password). Run from a clone of the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! dpkg-query -W -f='${Status}' python3-venv 2>/dev/null | grep -q "install ok installed"; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[store]"
echo "setup-store: done; .venv/bin/kiosk-store is ready (next: kiosk-store --data DIR init)"
