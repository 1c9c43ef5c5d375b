"""The code passes its linter, its formatter and its type checker (configured in
pyproject.toml: ruff, and mypy over kiosk/ and tools/, strict on the plain core)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk import paths

BIN = Path(sys.executable).parent
TREES = ["kiosk", "tests", "tools", "benchmarks"]


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=paths.PROJECT_ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    result = _run(str(BIN / "ruff"), "check", "--no-cache", *TREES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted():
    result = _run(str(BIN / "ruff"), "format", "--no-cache", "--check", *TREES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing(tmp_path):
    result = _run(str(BIN / "mypy"), "--cache-dir", str(tmp_path / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
