"""The benchmark runner, run the way a developer runs it: ``python -m benchmarks --quick``.

Benchmarks are measurements, not tests: nothing here judges a figure. The test keeps
the runner from rotting — every row of the table is there, with a floor from the same run
and a number, or says plainly why it was not measured.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
#: Rows the runner says it cannot measure yet (each names its reason in ``note``).
NOT_BUILT: set[str] = set()


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# Two minutes of both cores (every row, with its Qt children and a store): with the soaks, on demand.
@pytest.mark.soak
def test_quick_run_has_every_row_with_a_floor(tmp_path):
    listed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--list"], capture_output=True, text=True, cwd=ROOT, timeout=60, check=True
    ).stdout.split("\n")
    rows = [name for name in listed if name]
    out = tmp_path / "rows.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    results = {r["name"]: r for r in json.loads(out.read_text())}
    assert list(results) == rows
    for name, row in results.items():
        assert {"name", "measured", "unit", "floor", "ratio", "target", "ok"} <= set(row), name
        assert row["target"], name
        if name in NOT_BUILT:
            assert row["measured"] is None and row["note"].startswith("not measured: "), row
            continue
        assert is_number(row["measured"]), row
        if name != "peak RSS over rotations":  # an absolute bound, no floor to divide by
            assert is_number(row["floor"]) and row["floor"] > 0, row
    table = done.stdout
    for name in rows:
        assert name in table
