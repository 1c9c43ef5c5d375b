"""``kiosk plan``: the rotation preview, through the real program."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime

import pytest
from e2e_support import assert_clean_stderr, kiosk_env

pytestmark = pytest.mark.e2e


def run_plan(tmp_path, *args):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "plan", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=kiosk_env(),
    )
    assert_clean_stderr(result.stderr)
    return result


def test_plan_lists_slides_back_to_back_without_hidden_items(tmp_path):
    result = run_plan(tmp_path, "--hours", "2", "--json", "--from", "2026-11-26T09:00:00+08:00")
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert entries and set(entries[0]) == {"start", "end", "item_id", "page", "pages", "reason"}
    starts = [datetime.fromisoformat(e["start"]) for e in entries]
    assert starts[0] == datetime.fromisoformat("2026-11-26T01:00:00+00:00")
    assert all(
        datetime.fromisoformat(a["end"]) == datetime.fromisoformat(b["start"])
        for a, b in zip(entries, entries[1:], strict=False)
    )
    ids = {e["item_id"] for e in entries}
    assert not any(i and i.startswith(("internal-", "future-")) for i in ids)
    assert {e["reason"] for e in entries} <= {"rotation", "urgent", "urgent-repeat"}
    assert all(1 <= e["page"] <= e["pages"] for e in entries)


@pytest.mark.parametrize(
    "args",
    [
        ["--hours", "0", "--json"],
        ["--hours", "2", "--json", "--from", "yesterday"],
        ["--hours", "2", "--json", "--from", "2026-11-26T09:00:00"],
    ],
)
def test_bad_plan_arguments_are_one_line_and_status_2(tmp_path, args):
    result = run_plan(tmp_path, *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
