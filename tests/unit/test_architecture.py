"""The boundaries between the parts hold, deny by default: the plain core and Qt, the store
and the kiosk. The contracts are import-linter's, in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import paths

LINTER = Path(sys.executable).with_name("lint-imports")


def _lint(root: Path) -> subprocess.CompletedProcess:
    # PYTHONPATH picks the tree to analyse: import-linter finds the package by importing it.
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINTER), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_import_linter_contracts_are_kept():
    result = _lint(paths.PROJECT_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        # A new plain module is under the Qt contract without being listed anywhere.
        ("kiosk/brand_new.py", "from PySide6.QtCore import QObject\n", "The plain core never imports Qt"),
        # ...and so is one reaching Qt through the bridge.
        ("kiosk/sync/brand_new.py", "import kiosk.qt.app\n", "The plain core never imports Qt"),
        ("kiosk/store/brand_new.py", "from kiosk.sync import syncer\n", "The store never imports"),
        ("kiosk/store/other.py", "import kiosk.outbox\n", "The store never imports"),
        ("kiosk/brand_new.py", "from kiosk.store import server\n", "The kiosk never imports the store's server"),
    ],
)
def test_each_contract_catches_a_new_module_that_breaks_it(tmp_path, module, source, contract):
    shutil.copytree(paths.PROJECT_ROOT / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(paths.PROJECT_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / module).write_text(source, encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if " BROKEN" in line]
    assert len(broken) == 1 and broken[0].startswith(contract), result.stdout
