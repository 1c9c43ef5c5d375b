"""The boundary between plain Python and Qt holds, and covers every plain module."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from kiosk import paths

#: Modules allowed to import Qt: the bridge, and the entry points that start it.
QT_SIDE = {"kiosk.qt", "kiosk.cli", "kiosk.__main__"}


def _contract() -> dict:
    with open(paths.PROJECT_ROOT / "pyproject.toml", "rb") as f:
        contracts = tomllib.load(f)["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if "PySide6" in c["forbidden_modules"])


def test_every_plain_module_is_under_the_contract():
    covered = set(_contract()["source_modules"])
    package = paths.PROJECT_ROOT / "kiosk"
    top_level = {f"kiosk.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    top_level |= {f"kiosk.{p.parent.name}" for p in package.glob("*/__init__.py")}
    missing = sorted(top_level - QT_SIDE - covered)
    assert not missing, f"add these to the import-linter contract in pyproject.toml: {missing}"


def test_import_linter_contract_is_kept():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter), "--no-cache"], cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
