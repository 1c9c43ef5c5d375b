"""The opinion box's command lines, as real processes: ``kiosk outbox --json`` and
``kiosk status --json`` (what waits, no personal data), and ``kiosk-store feedback
list|show|resolve|export|policy`` plus the feedback counts in ``item list``."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from feedback_support import make_store

from kiosk import feedback as fb
from kiosk.outbox import Outbox

pytestmark = pytest.mark.e2e


def kiosk(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120, env=kiosk_env()
    )
    assert_clean_stderr(result.stderr)
    return result


def test_kiosk_outbox_json_shows_what_waits_without_personal_data(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path / "state"}"\n', encoding="utf-8")
    empty = json.loads(kiosk("--config", str(config), "outbox", "--json").stdout)
    assert empty == {"pending": 0, "rejected": 0, "entries": []}
    outbox = Outbox(tmp_path / "state" / "outbox.sqlite3")
    now = datetime.now(UTC)
    record = fb.new("opinion", text="秘密的意见内容", consent=True, name="周九", phone="13655556666", now=now)
    outbox.submit(record, now)
    outbox.close()
    result = kiosk("--config", str(config), "outbox", "--json")
    assert result.returncode == 0, result.stderr
    for secret in ("秘密的意见内容", "周九", "13655556666"):
        assert secret not in result.stdout
    report = json.loads(result.stdout)
    assert report["pending"] == 1 and report["entries"][0]["reference"] == record.reference
    status = json.loads(kiosk("--config", str(config), "status", "--json").stdout)
    assert status["outbox"] == {"pending": 1, "rejected": 0}


def test_store_feedback_commands(tmp_path):
    store = make_store(tmp_path)
    store.enroll("http://127.0.0.1:1")
    api = store.api()
    now = datetime.now(UTC)
    low = fb.new(
        "rating", rating="very-dissatisfied", text="等候时间太长", item_id=store.item_id, item_revision=1, now=now
    )
    note = fb.new("opinion", text="建议增加一台自助机", consent=True, phone="13700001111", now=now)
    try:
        for r in (low, note):
            api.receive_feedback(1, r)
    finally:
        api.db.close()
    cmd = store.cmd
    listed = cmd.out("feedback", "list")
    assert low.reference in listed and "非常不满意" in listed and "13700001111" not in listed
    shown = json.loads(cmd.out("feedback", "show", note.reference, "--json", "--as", "dan"))
    assert shown["contact_phone"] == "13700001111" and shown["status"] == "open"
    cmd.run("feedback", "resolve", low.reference, "--as", "dan", "--note", "已回访")
    assert json.loads(cmd.out("feedback", "show", low.id, "--json", "--as", "dan"))["status"] == "resolved"
    again = cmd.run("feedback", "resolve", low.reference, "--as", "dan", check=False)
    assert again.returncode == 1 and "already resolved" in again.stderr and len(again.stderr.splitlines()) == 1
    cmd.run("feedback", "export", "--output", str(tmp_path / "feedback.csv"), "--as", "dan")
    data = (tmp_path / "feedback.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "建议增加一台自助机".encode() in data
    items = {i["id"]: i for i in json.loads(cmd.out("item", "list", "--json"))}
    assert items[store.item_id]["feedback"] == 1 and items[store.item_id]["ratings"]["very-dissatisfied"] == 1
    assert "feedback 1" in cmd.out("item", "list")
    cmd.run("feedback", "policy", "--follow-up-days", "10", "--as", "dan")
    bad = cmd.run("feedback", "policy", "--follow-up-days", "0", "--as", "dan", check=False)
    assert bad.returncode == 1 and "between 1 and 60" in bad.stderr
