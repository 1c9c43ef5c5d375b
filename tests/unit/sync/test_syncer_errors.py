"""How a sync attempt's local failures become its one error, and what is kept of a failure.

In-process, without a store: the words a person reads for a full disk, a cache that cannot
be written and any other local error, and the status a failed attempt leaves (nothing for
an attempt stopped on purpose).
"""

from __future__ import annotations

import errno
import logging

import pytest
from support import NOW

from kiosk.cache import ContentCache
from kiosk.cache.content_cache import CacheError, CacheFull
from kiosk.clock import FakeClock
from kiosk.sync import status
from kiosk.sync.errors import SyncError
from kiosk.sync.syncer import Syncer, _local_error


@pytest.mark.parametrize(
    ("exc", "reason", "line"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device", "/state/cache.sqlite3"),
            "disk-full",
            "sync failed: the kiosk's disk is full (writing /state/cache.sqlite3); the content was not changed",
        ),
        (
            OSError(errno.ENOSPC, "No space left on device"),
            "disk-full",
            "sync failed: the kiosk's disk is full (writing a download); the content was not changed",
        ),
        (
            CacheFull("database or disk is full"),
            "disk-full",
            "sync failed: the kiosk's disk is full (writing the content cache); the content was not changed",
        ),
        (CacheError("the cache cannot be written"), "cache", "sync failed: the cache cannot be written"),
        (
            OSError(errno.EACCES, "Permission denied", "/state/assets"),
            "local",
            "sync failed: /state/assets: Permission denied",
        ),
        (OSError(errno.EACCES, "Permission denied"), "local", "sync failed: Permission denied"),
        (ValueError("a value the kiosk did not expect"), "local", "sync failed: a value the kiosk did not expect"),
    ],
)
def test_local_failures_become_one_error(exc, reason, line):
    error = _local_error(exc)
    assert isinstance(error, SyncError)
    assert (error.kind, error.reason, error.line) == ("failed", reason, line)


@pytest.fixture
def syncer(tmp_path):
    cache = ContentCache(tmp_path / "cache.sqlite3")
    yield Syncer(client=None, cache=cache, store_key="", approver_keys=frozenset(), clock=FakeClock(NOW))
    cache.close()


def test_a_failure_is_logged_and_kept_in_the_status(syncer, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.sync.syncer"):
        syncer.record_failure(SyncError("refused", "hash", "bytes do not match"))
    assert [r.getMessage() for r in caplog.records] == ["sync refused (hash): bytes do not match"]
    kept = status.read(syncer.cache)
    assert (kept.last_error, kept.last_error_reason) == ("sync refused: bytes do not match", "hash")
    assert kept.last_attempt == NOW


def test_a_stopped_attempt_leaves_no_trace(syncer, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.sync.syncer"):
        syncer.record_failure(SyncError("failed", "stopped", "sync stopped"))
    assert caplog.records == []
    kept = status.read(syncer.cache)
    assert kept.last_error == "" and kept.last_attempt is None


def test_a_failure_that_cannot_be_recorded_is_logged(syncer, caplog, monkeypatch):
    def full(*args):
        raise CacheFull("database or disk is full")

    monkeypatch.setattr(status, "record_failure", full)  # the disk is full: the status cannot be written either
    with caplog.at_level(logging.WARNING, logger="kiosk.sync.syncer"):
        syncer.record_failure(SyncError("failed", "disk-full", "the kiosk's disk is full"))
    assert [r.getMessage() for r in caplog.records] == [
        "sync failed (disk-full): the kiosk's disk is full",
        "sync: could not record the failure in the status: database or disk is full",
    ]
