"""Which syncer a configuration makes, and how a syncer tells a live attempt's staging from a dead one's.

In-process: the v1/v2 choice and every setting it hands on (a kiosk that pinned a root must
never fall back to the v1 keys, and its enrollment floor must reach the v2 client), and the
process check that decides whether a staging folder may be removed.
"""

from __future__ import annotations

import errno
import os

import pytest
from support import NOW

from kiosk.cache import ContentCache
from kiosk.clock import FakeClock
from kiosk.config import from_table
from kiosk.sync import staging
from kiosk.sync.staging import alive as _alive
from kiosk.sync.syncer import Syncer, make_syncer
from kiosk.sync.syncer_v2 import SyncerV2

ROOT = "ab" * 32
STORE_KEY = "A" * 43 + "="


@pytest.fixture
def cache(tmp_path):
    cache = ContentCache(tmp_path / "cache.sqlite3")
    yield cache
    cache.close()


def progress(done: int, total: int) -> None:
    """A progress callback the syncer must hand on unchanged."""


def test_a_pinned_root_makes_a_v2_syncer_with_every_setting(cache):
    config = from_table(
        {"store": {"url": "http://127.0.0.1:1", "root_version": 3, "root_sha256": ROOT, "min_snapshot_version": 41}}
    )
    clock = FakeClock(NOW)
    made = make_syncer(config, client=None, cache=cache, clock=clock, progress=progress)
    assert isinstance(made, SyncerV2)
    assert (made.root_version, made.root_sha256, made.min_snapshot_version) == (3, ROOT, 41)
    assert made.clock is clock
    assert made.progress is progress
    assert made.trust_dir == cache.path.parent / "trust"


def test_a_pinned_root_without_a_version_starts_from_root_one(cache):
    config = from_table({"store": {"url": "http://127.0.0.1:1", "root_sha256": ROOT}})
    made = make_syncer(config, client=None, cache=cache)
    assert isinstance(made, SyncerV2)
    assert made.root_version == 1
    assert made.min_snapshot_version == 0


def test_no_pinned_root_makes_a_v1_syncer_with_its_keys(cache):
    config = from_table({"store": {"url": "http://127.0.0.1:1", "store_key": STORE_KEY, "approver_keys": [STORE_KEY]}})
    clock = FakeClock(NOW)
    made = make_syncer(config, client=None, cache=cache, clock=clock, progress=progress)
    assert type(made) is Syncer
    assert made.store_key == STORE_KEY
    assert made.approver_keys == frozenset({STORE_KEY})
    assert made.clock is clock
    assert made.progress is progress


def test_this_process_is_alive():
    assert _alive(os.getpid())


def test_a_process_that_is_gone_is_not_alive():
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)  # reaped: the pid names no process now
    assert not _alive(child)


def test_a_process_of_another_user_is_alive(monkeypatch):
    """``kill(pid, 0)`` refused (EPERM) means the process exists: its staging is not ours to remove."""

    def refused(pid, signal):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(staging.os, "kill", refused)
    assert _alive(12345)


def test_a_process_that_answers_is_alive(monkeypatch):
    calls = []

    def answers(pid, signal):
        calls.append((pid, signal))

    monkeypatch.setattr(staging.os, "kill", answers)
    assert _alive(12345)
    assert calls == [(12345, 0)]  # signal 0: only asks whether it exists
