"""A ``kiosk sync --once`` process killed (SIGKILL) at random points, many times.

Each round the store publishes a new version (items changed, withdrawn and added) and a
real kiosk process syncs it; the test kills it at a random moment — half of the time
anywhere in the sync, half of the time close to where the batch is applied — then
checks the cache: ``PRAGMA integrity_check`` passes, and it holds exactly the old or the
new feed version, with exactly that version's items and feed entries.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from support import make_item
from sync_support import write_config
from kiosk import paths

pytestmark = pytest.mark.e2e

ITEMS = 300
ROUNDS = 30


def _catalogue(round_no: int) -> list:
    """Round n's items: a third revised each round, a few withdrawn, a few new."""
    items = []
    for n in range(ITEMS):
        if (n + round_no) % 17 == 0:
            continue  # withdrawn this round
        revision = 2 + (round_no + n % 3) // 3
        items.append(make_item(f"item-{n:04d}", revision=revision, title=f"第{round_no}轮 条目{n}",
                               body="正文" * 200))
    items.extend(make_item(f"extra-{round_no}-{k}") for k in range(3))
    return items


def _cache_state(cache_file) -> tuple[int, dict[str, int], dict[str, tuple[int, str]]]:
    conn = sqlite3.connect(cache_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = conn.execute("SELECT value FROM meta WHERE key = 'feed_version'").fetchone()
        version = int(row[0]) if row else 0
        items = dict(conn.execute("SELECT id, revision FROM items"))
        entries = {i: (r, s) for i, r, s in conn.execute("SELECT id, revision, sha256 FROM feed_entries")}
        fts = conn.execute("SELECT count(*) FROM items_fts").fetchone()[0]
        assert fts == len(items)  # the search index moved with the table
        return version, items, entries
    finally:
        conn.close()


def _start(config_file) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.Popen([sys.executable, "-m", "kiosk", "--config", str(config_file), "sync", "--once"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=paths.PROJECT_ROOT)


def _first_request_after(store, count: int, deadline: float) -> bool:
    return store.wait_until(lambda: len(store.requests) > count, timeout=max(0.0, deadline - time.monotonic()))


def test_sigkill_during_sync_leaves_old_or_new_version(fake_store, tmp_path):
    rng = random.Random(int(os.environ.get("KILL_SEED", "1")))
    config_file = write_config(fake_store, tmp_path, timeout=5.0)
    cache_file = tmp_path / "state" / "cache.sqlite3"

    # A first full sync, then calibration on a delta like each round's: how long from the
    # kiosk's first request to the end of an undisturbed sync.
    fake_store.publish(_catalogue(-1))
    assert _start(config_file).wait(timeout=60) == 0
    fake_store.publish(_catalogue(0))
    before = len(fake_store.requests)
    process = _start(config_file)
    assert _first_request_after(fake_store, before, time.monotonic() + 30)
    first = time.monotonic()
    assert process.wait(timeout=60) == 0
    duration = time.monotonic() - first
    assert _cache_state(cache_file)[0] == 2

    outcomes = {"old": 0, "new": 0}
    for round_no in range(1, ROUNDS + 1):
        held_before = _cache_state(cache_file)[0]
        version = fake_store.publish(_catalogue(round_no))
        before = len(fake_store.requests)
        process = _start(config_file)
        try:
            assert _first_request_after(fake_store, before, time.monotonic() + 30), "the kiosk never asked the store"
            # Half anywhere in the sync, half in its last stretch, where the batch is applied.
            delay = rng.uniform(0, duration) if round_no % 2 else rng.uniform(0.6 * duration, 1.2 * duration)
            time.sleep(delay)  # the random kill point itself
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=30)

        got, items, entries = _cache_state(cache_file)
        assert got in (held_before, version), f"round {round_no}: version {got}, expected {held_before} or {version}"
        expected = fake_store.versions[got]
        assert items == {i: e.revision for i, e in expected.items()}, f"round {round_no}: items of version {got} differ"
        assert entries == {i: (e.revision, e.sha256) for i, e in expected.items()}
        outcomes["new" if got == version else "old"] += 1

    # Both outcomes must actually have happened, or the kill points missed the interesting part.
    print(f"sync of a delta: {duration:.2f} s; after {ROUNDS} kills: {outcomes}")
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes
    # And a kiosk that was killed catches up on the next undisturbed run.
    result = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(config_file), "sync", "--once"],
                            capture_output=True, text=True, timeout=60,
                            env={k: v for k, v in os.environ.items() if not k.startswith("QT_")})
    assert result.returncode == 0, result.stderr
    assert _cache_state(cache_file)[0] == fake_store.version
