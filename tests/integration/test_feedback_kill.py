"""Feedback is never lost nor doubled: a kiosk killed (SIGKILL) between the tap on "submit"
and the store's acknowledgement, at least 100 times (1,000 with ``pytest -m soak``), on SQLite
and PostgreSQL, and a store that is down for a while.

"Exactly once" is checked on the wire: a proxy between the kiosks and the store records every
upload and the store's answer, so a record the store accepted twice shows even though its
table keeps one row per id.

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
from feedback_support import CountingProxy, free_port, make_store
from store_support import database_url, read_line  # noqa: F401 (fixture)

from kiosk.outbox import Outbox

pytestmark = pytest.mark.e2e

DRIVER = Path(__file__).with_name("feedback_driver.py")
KILLS = 30
#: ``pytest -m soak``: the long run.
SOAK_KILLS = 1000


def _driver(config: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(config), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(process: subprocess.Popen) -> list[str]:
    out, _ = process.communicate(timeout=60)
    return out.split("\n")


@pytest.mark.parametrize(
    "kills", [pytest.param(KILLS, id="kills"), pytest.param(SOAK_KILLS, id="soak", marks=pytest.mark.soak)]
)
def test_killed_kiosks_lose_and_double_nothing(tmp_path, database_url, kills):
    rng = random.Random(os.environ.get("KIOSK_TEST_SEED", "feedback-kill"))
    store = make_store(tmp_path, database_url)
    config_file = tmp_path / "kiosk.toml"
    made: set[str] = set()
    thanked: set[str] = set()
    texts: dict[str, str] = {}
    landed = {"before thanks": 0, "after thanks": 0}
    with store.cmd.serve("--feedback-burst", "100000") as base:
        proxy = CountingProxy(base).start()
        try:
            store.enroll(proxy.url)
            config_file.write_text(store.config_text(), encoding="utf-8")
            rounds = _kill_rounds(config_file, rng, kills, made, thanked, texts, landed)
            drain = _driver(config_file, "drain")
            assert _finish(drain)[0] == "ready" and drain.returncode == 0
        finally:
            proxy.stop()
    stored = {r["id"]: r for r in store.records()}
    # Every submission that reached "thank you" is at the store; nothing else is.
    assert thanked <= set(stored), f"lost: {thanked - set(stored)}"
    assert set(stored) <= made
    assert sorted(r["text"] for r in stored.values()) == sorted({texts[i] for i in stored})
    # Exactly once, seen on the wire: each stored id was acknowledged as new by exactly one
    # upload, and every other upload of it was answered as a replay of that one.
    uploads = proxy.by_id()
    assert None not in uploads, "an upload without a record id"
    assert set(uploads) == set(stored), "uploads and stored records differ"
    duplicates = 0
    for record_id, answers in uploads.items():
        assert all(u.status == 200 for u in answers), (record_id, [u.status for u in answers])
        new = [u for u in answers if u.acknowledged_as_new]
        assert len(new) == 1, f"{record_id} acknowledged as new {len(new)} times"
        assert all(u.answer == new[0].answer for u in answers), f"{record_id}: a replay got another answer"
        duplicates += len(answers) - 1
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
    print(
        f"{'postgresql' if database_url else 'sqlite'}: {rounds} runs, kills landed: {landed}, "
        f"stored {len(stored)}, thanked {len(thanked)}, uploads {sum(map(len, uploads.values()))}, "
        f"answered as replays {duplicates}"
    )
    assert landed["after thanks"] >= kills // 10, landed  # the interesting window was really hit


def _kill_rounds(
    config_file: Path, rng: random.Random, kills: int, made: set, thanked: set, texts: dict, landed: dict
) -> int:
    """Submit and kill until ``kills`` kills landed before the upload was acknowledged."""
    rounds = 0
    while sum(landed.values()) < kills:
        rounds += 1
        assert rounds < 4 * kills, f"only {landed} kills in {rounds} rounds"
        text = f"第{rounds}次提交的建议内容"
        process = _driver(config_file, "submit", text)
        try:
            assert read_line(process, 30).strip() == "ready"
            line = read_line(process, 30).strip()
            assert line.startswith("made "), line
            texts[line.split()[1]] = text
            made.add(line.split()[1])
            # Somewhere in the commit, the upload or the acknowledgement (a few ms each).
            time.sleep(rng.uniform(0, 0.04))  # the random kill point itself, not a wait
            process.send_signal(signal.SIGKILL)
            lines = _finish(process)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        thanked.update(line.split()[1] for line in lines if line.startswith("thanks "))
        # A kill counts only if it ended the process before it had its acknowledgement.
        if process.returncode == -signal.SIGKILL and "acked" not in lines:
            landed["after thanks" if any(line.startswith("thanks ") for line in lines) else "before thanks"] += 1
            if sum(landed.values()) % 100 == 0:  # progress of a long run (seen with -s)
                print(f"{rounds} runs, kills landed: {landed}, thanked {len(thanked)}", flush=True)
    return rounds


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
