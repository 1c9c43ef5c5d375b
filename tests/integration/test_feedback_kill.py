"""Feedback is never lost nor doubled: a kiosk killed (SIGKILL) between the tap on "submit"
and the store's acknowledgement, at least 100 times, and a store that is down for a while.

To keep the kill test fast, each kiosk is ``feedback_driver.py``: a small subprocess that
submits through the real outbox and the real upload code (``kiosk.outbox``,
``kiosk.sync.upload``, ``kiosk.sync.transport``), not the whole GUI — the GUI's part, the
commit before the thank-you page, is the same ``Outbox.submit`` call, tested end to end in
``test_feedback_kiosk.py``. Each run first uploads what the killed runs before it left.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from feedback_support import free_port, make_store, serving
from store_support import read_line

from kiosk.outbox import Outbox

pytestmark = pytest.mark.e2e

DRIVER = Path(__file__).with_name("feedback_driver.py")
KILLS = 100


def _driver(config: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(DRIVER), str(config), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen) -> list[str]:
    out, _ = process.communicate(timeout=60)
    return out.split("\n")


def test_killed_kiosks_lose_and_double_nothing(tmp_path):
    rng = random.Random(os.environ.get("KIOSK_TEST_SEED", "feedback-kill"))
    store = make_store(tmp_path)
    config_file = tmp_path / "kiosk.toml"
    made: set[str] = set()
    thanked: set[str] = set()
    texts: dict[str, str] = {}
    kills = {"before thanks": 0, "after thanks": 0}
    with serving(store, "--feedback-burst", "100000") as _base:
        config_file.write_text(store.config_text(), encoding="utf-8")
        rounds = 0
        while sum(kills.values()) < KILLS:
            rounds += 1
            assert rounds < 4 * KILLS, f"only {kills} kills in {rounds} rounds"
            text = f"第{rounds}次提交的建议内容"
            process = _driver(config_file, "submit", text)
            try:
                assert read_line(process, 30).strip() == "ready"
                line = read_line(process, 30).strip()
                assert line.startswith("made "), line
                texts[line.split()[1]] = text
                made.add(line.split()[1])
                # Somewhere in the commit, the upload or the acknowledgement (a few ms each).
                time.sleep(rng.uniform(0, 0.04))
                alive = process.poll() is None
                process.send_signal(signal.SIGKILL)
                lines = _finish(process)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            thanked.update(l.split()[1] for l in lines if l.startswith("thanks "))
            if alive and "acked" not in lines:
                kills["after thanks" if any(l.startswith("thanks ") for l in lines) else "before thanks"] += 1
        drain = _driver(config_file, "drain")
        assert _finish(drain)[0] == "ready" and drain.returncode == 0
    stored = {r["id"]: r for r in store.records()}
    # Every submission that reached "thank you" is at the store; nothing else is.
    assert thanked <= set(stored), f"lost: {thanked - set(stored)}"
    assert set(stored) <= made
    # Exactly once: one record per submission (the id is the key; the texts are unique).
    assert sorted(r["text"] for r in stored.values()) == sorted({texts[i] for i in stored})
    outbox_file = tmp_path / "state" / "outbox.sqlite3"
    conn = sqlite3.connect(outbox_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    outbox = Outbox(outbox_file)
    try:
        assert outbox.counts() == {"pending": 0, "rejected": 0}
    finally:
        outbox.close()
    assert kills["after thanks"] >= 10, kills  # the interesting window was really hit
    print(f"{rounds} runs, kills: {kills}, stored {len(stored)}, thanked {len(thanked)}")


def test_store_down_for_the_whole_visit_then_up_everything_arrives_once(qtbot, tmp_path):
    """Submissions queue while the store is unreachable; when it comes up, the running
    sync service's upload job delivers each exactly once (and backs off meanwhile)."""
    from kiosk import feedback as fb
    from kiosk.clock import SystemClock
    from kiosk.sync.backoff import Backoff
    from kiosk.sync.jobs import SyncService

    store = make_store(tmp_path)
    port = free_port()
    store.enroll(f"http://127.0.0.1:{port}")
    config = store.config()
    outbox = Outbox(config.outbox_file)
    ids = []
    for n in range(12):
        record = fb.new("opinion", text=f"离线时提交的第{n}条意见", now=SystemClock().now())
        outbox.submit(record, SystemClock().now())
        ids.append(record.id)
    service = SyncService(config, upload_interval=0.2, upload_backoff=Backoff(base=0.05, cap=0.3))
    service.start()
    try:
        service.upload_now()
        qtbot.waitUntil(lambda: any(e["attempts"] for e in outbox.listing()), timeout=10_000)
        assert outbox.counts()["pending"] == 12  # nothing lost while the store is down
        with store.cmd.serve(port=port):
            qtbot.waitUntil(lambda: outbox.counts()["pending"] == 0, timeout=30_000)
    finally:
        service.stop()
        outbox.close()
    stored = store.records()
    assert sorted(r["id"] for r in stored) == sorted(ids)
