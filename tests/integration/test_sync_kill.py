"""A ``kiosk sync --once`` process killed (SIGKILL) at random points, many times.

Each round the store publishes a new version (items changed, withdrawn and added, some
with new attachments) and a real kiosk process syncs it; the test kills it at a random
moment — half of the time anywhere in the sync, half of the time close to where the batch
is applied — then checks the cache: ``PRAGMA integrity_check`` passes, it holds exactly the
old or the new feed version, with exactly that version's items and feed entries, and every
attachment it refers to is on disk with the right bytes.

Only kills that landed while the sync was running count: after the store answered the
kiosk's feed request (the kiosk is then mid-sync) and before the kiosk logged the finished
sync, with the process ended by the signal itself. ``pytest -m soak`` goes on to 1,000.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from support import make_item
from sync_support import with_attachment, write_config

from kiosk import paths

pytestmark = pytest.mark.e2e

ITEMS = 300
#: Kills that must land mid-sync: the default run, and ``pytest -m soak``.
KILLS = 15
SOAK_KILLS = 1000


def _catalogue(round_no: int) -> tuple[list, dict[str, bytes]]:
    """Round n's items and attachments: a third revised each round, a few withdrawn, a few
    new; every tenth item carries an image whose bytes change with its revision."""
    items, assets = [], {}
    for n in range(ITEMS):
        if (n + round_no) % 17 == 0:
            continue  # withdrawn this round
        revision = 2 + (round_no + n % 3) // 3
        fields = dict(revision=revision, title=f"第{round_no}轮 条目{n}", body="正文" * 200)
        if n % 10 == 0:
            item, files = with_attachment(
                f"item-{n:04d}", f"\x89PNG item {n} revision {revision}".encode() * 64, **fields
            )
            assets.update(files)
        else:
            item = make_item(f"item-{n:04d}", **fields)
        items.append(item)
    for k in range(3):
        item, files = with_attachment(f"extra-{round_no}-{k}", f"\x89PNG extra {round_no} {k}".encode() * 64)
        items.append(item)
        assets.update(files)
    return items, assets


def _publish(store, round_no: int) -> int:
    items, assets = _catalogue(round_no)
    return store.publish(items, assets=assets)


def _cache_state(state_dir) -> tuple[int, dict[str, int], dict[str, tuple[int, str]]]:
    conn = sqlite3.connect(state_dir / "cache.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = conn.execute("SELECT value FROM meta WHERE key = 'feed_version'").fetchone()
        version = int(row[0]) if row else 0
        items = dict(conn.execute("SELECT id, revision FROM items"))
        entries = {i: (r, s) for i, r, s in conn.execute("SELECT id, revision, sha256 FROM feed_entries")}
        fts = conn.execute("SELECT count(*) FROM items_fts").fetchone()[0]
        assert fts == len(items)  # the search index moved with the table
        referenced = set(conn.execute("SELECT sha256 FROM attachments").fetchall())
    finally:
        conn.close()
    # Every attachment the cache names is on disk, whole: the files move in before the commit.
    for (sha,) in referenced:
        path = state_dir / "assets" / sha[:2] / sha
        assert path.is_file(), f"attachment {sha[:12]}… is referenced but missing"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha, f"attachment {sha[:12]}… is damaged"
    return version, items, entries


def _start(config_file) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(config_file), "sync", "--once"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=paths.PROJECT_ROOT,
    )


def _feed_answered_after(store, count: int, deadline: float) -> bool:
    """Whether the store answered the kiosk's feed request: from then on the kiosk is mid-sync."""

    def answered() -> bool:
        return any(r.path.startswith("/v1/feed/") for r in store.requests[count:])

    return store.wait_until(answered, timeout=max(0.0, deadline - time.monotonic()))


def _finished(state_dir, version: int) -> bool:
    """Whether the kiosk logged the end of its sync to ``version`` (it logs after the commit)."""
    log_file = state_dir / "logs" / "kiosk.log"
    return log_file.is_file() and f"sync: feed version {version} (" in log_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "kills", [pytest.param(KILLS, id="kills"), pytest.param(SOAK_KILLS, id="soak", marks=pytest.mark.soak)]
)
def test_sigkill_during_sync_leaves_old_or_new_version(fake_store, tmp_path, kills):
    rng = random.Random(int(os.environ.get("KILL_SEED", "1")))
    config_file = write_config(fake_store, tmp_path, timeout=5.0)
    state_dir = tmp_path / "state"

    # A first full sync, then calibration on a delta like each round's: how long from the
    # store's answer to the feed request to the end of an undisturbed sync.
    _publish(fake_store, -1)
    assert _start(config_file).wait(timeout=60) == 0
    _publish(fake_store, 0)
    before = len(fake_store.requests)
    process = _start(config_file)
    assert _feed_answered_after(fake_store, before, time.monotonic() + 30)
    first = time.monotonic()
    assert process.wait(timeout=60) == 0
    duration = time.monotonic() - first
    assert _cache_state(state_dir)[0] == 2

    # Where the batch is applied: between the latest kill that found the old version and the
    # earliest that found the new one (or came after the end). The late kills bisect it, so
    # they close in on the few milliseconds between the commit and the sync's log line.
    low, high = 0.3 * duration, 1.2 * duration
    outcomes = {"old": 0, "new": 0}
    missed = 0  # kills that came after the sync had finished: not counted
    round_no = 0
    while sum(outcomes.values()) < kills or not outcomes["new"]:
        round_no += 1
        assert round_no < 4 * kills, f"only {outcomes} kills landed mid-sync in {round_no} rounds"
        held_before = _cache_state(state_dir)[0]
        version = _publish(fake_store, round_no)
        before = len(fake_store.requests)
        process = _start(config_file)
        # Half anywhere in the sync, half around the commit; only around it once half the
        # kills are in and none has found the new version yet.
        late = round_no % 2 == 0 or (not outcomes["new"] and sum(outcomes.values()) >= kills // 2)
        try:
            assert _feed_answered_after(fake_store, before, time.monotonic() + 30), "the kiosk never asked the store"
            delay = rng.uniform(low, high) if late else rng.uniform(0, duration)
            time.sleep(delay)  # the random kill point itself
            process.send_signal(signal.SIGKILL)
        finally:
            process.kill()
            process.wait(timeout=30)

        got, items, entries = _cache_state(state_dir)
        assert got in (held_before, version), f"round {round_no}: version {got}, expected {held_before} or {version}"
        expected = fake_store.versions[got]
        assert items == {i: e.revision for i, e in expected.items()}, f"round {round_no}: items of version {got} differ"
        assert entries == {i: (e.revision, e.sha256) for i, e in expected.items()}
        landed = process.returncode == -signal.SIGKILL and not _finished(state_dir, version)
        if late:
            if got != version:
                low = max(low, delay)
            elif not landed:
                high = min(high, delay)
            if high - low < 0.002:  # the machine's load moved the commit: look around again
                middle = (low + high) / 2
                low, high = max(0.0, middle - 0.1 * duration), middle + 0.1 * duration
        if not landed:
            missed += 1
            continue
        outcomes["new" if got == version else "old"] += 1

    # Both outcomes must actually have happened, or the kill points missed the interesting part.
    print(
        f"sync of a delta: {duration:.2f} s; {round_no} rounds, kills landed mid-sync: {outcomes}, "
        f"after the sync had finished (not counted): {missed}"
    )
    assert outcomes["old"] > 0 and outcomes["new"] > 0, outcomes
    # And a kiosk that was killed catches up on the next undisturbed run, leaving no staging
    # folder and no attachment that nothing refers to.
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config_file), "sync", "--once"],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if not k.startswith("QT_")},
    )
    assert result.returncode == 0, result.stderr
    got, items, _ = _cache_state(state_dir)
    assert got == fake_store.version
    assert list((state_dir / "sync-staging").glob("*")) == []
    conn = sqlite3.connect(state_dir / "cache.sqlite3")
    try:
        referenced = {sha for (sha,) in conn.execute("SELECT sha256 FROM attachments")}
    finally:
        conn.close()
    assert {p.name for p in (state_dir / "assets").glob("??/*")} == referenced
    assert referenced, "the catalogue carries attachments"
