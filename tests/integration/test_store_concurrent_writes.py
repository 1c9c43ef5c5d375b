"""Heartbeats on a real store (SQLite, served on loopback) while other threads of the same
process write: every heartbeat is recorded (204), none answered 503.

A heartbeat reads its device row, then updates it. In a deferred SQLite transaction the
read starts a snapshot; when another connection commits before the update, SQLite cannot
upgrade that snapshot to a write and fails at once (SQLITE_BUSY_SNAPSHOT), whatever the
busy timeout: the store must take the write lock when such a transaction begins.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime

import requests
from v2_support import RunningStore

from kiosk.clock import FakeClock
from kiosk.store import devices
from kiosk.store.service import open_store

HEARTBEATS = 120
WRITERS = 3


def _token(table: str) -> str:
    found = re.search(r'token\s*=\s*"([^"]+)"', table)
    assert found, table
    return found.group(1)


def test_heartbeats_are_recorded_while_other_threads_write(tmp_path):
    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=FakeClock(datetime(2026, 11, 26, tzinfo=UTC)))
    store.init()
    reporting = _token(store.enroll("lobby-1"))
    other = _token(store.enroll("lobby-2"))
    with store.db.read() as session:
        other_id = devices.authenticate(session, other).id
    stop = threading.Event()
    written = [0] * WRITERS

    def write(n: int) -> None:
        while not stop.is_set():
            with store.db.plain() as session:
                devices.heartbeat(session, other_id, {"uptime": written[n]}, store.clock.now())
            written[n] += 1

    writers = [threading.Thread(target=write, args=(n,), name=f"writer-{n}") for n in range(WRITERS)]
    statuses: list[int] = []
    try:
        with RunningStore(store) as running:
            for writer in writers:
                writer.start()
            with requests.Session() as http:
                http.headers["Authorization"] = f"Bearer {reporting}"
                for n in range(HEARTBEATS):
                    answer = http.post(f"{running.url}/v1/heartbeat", json={"uptime": n}, timeout=30)
                    statuses.append(answer.status_code)
    finally:
        stop.set()
        for writer in writers:
            writer.join(30)
        store.db.close()
    assert all(written), "the writers wrote while the heartbeats came in"
    assert [s for s in statuses if s != 204] == []
