"""Owner-only files without the command line's umask: the modules themselves create every
file and folder 0600/0700, so a library caller's loose umask (0000 here) leaks nothing."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from datetime import UTC, datetime

import pytest
from support import make_item

from kiosk import feedback as fb
from kiosk import logs, paths
from kiosk.cache import ContentCache
from kiosk.outbox import Outbox


@pytest.fixture
def loose_umask():
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _modes(root):
    return {p.relative_to(root).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}


def _loose(root):
    return {
        name: oct(mode) for name, mode in _modes(root).items() if mode != (0o700 if (root / name).is_dir() else 0o600)
    }


def test_cache_outbox_and_their_write_ahead_logs_are_owner_only(tmp_path, loose_umask):
    state = tmp_path / "state" / "deeper"
    cache = ContentCache(state / "cache.sqlite3")
    outbox = Outbox(state / "outbox.sqlite3")
    try:
        cache.assets.put(b"\x89PNG attachment bytes")
        cache.apply([make_item("a")])
        now = datetime.now(UTC)
        outbox.submit(fb.new("opinion", text="意见内容五个字", now=now), now)
        names = set(_modes(tmp_path / "state"))
        # While open, both databases have their -wal and -shm files: they are checked too.
        assert {
            "deeper/cache.sqlite3-wal",
            "deeper/cache.sqlite3-shm",
            "deeper/outbox.sqlite3-wal",
            "deeper/outbox.sqlite3-shm",
        } <= names
        assert _loose(tmp_path / "state") == {}
    finally:
        cache.close()
        outbox.close()


def test_files_left_loose_by_an_older_version_are_tightened(tmp_path, loose_umask):
    state = tmp_path / "state"
    Outbox(state / "outbox.sqlite3").close()
    os.chmod(state, 0o755)
    os.chmod(state / "outbox.sqlite3", 0o644)
    Outbox(state / "outbox.sqlite3").close()
    assert _loose(state) == {}


def test_log_files_and_their_rotations_are_owner_only(tmp_path, loose_umask):
    log_file = logs.setup(tmp_path / "state")
    try:
        handler = next(
            h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False) and hasattr(h, "doRollover")
        )
        logging.getLogger("kiosk.test").warning("before the rotation")
        handler.doRollover()
        logging.getLogger("kiosk.test").warning("after the rotation")
        assert {p.name for p in log_file.parent.iterdir()} == {"kiosk.log", "kiosk.log.1"}
        assert _loose(tmp_path / "state") == {}
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
            root.removeHandler(handler)
            handler.close()


def test_a_shared_sticky_folder_is_never_tightened(tmp_path, loose_umask):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    paths.private_dir(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777


def test_the_use_counts_and_play_log_are_owner_only(tmp_path, loose_umask):
    from kiosk import playlog, usage
    from kiosk.usage_outbox import UsageOutbox

    state = tmp_path / "state" / "deeper"
    counts, outbox = usage.Usage(state), UsageOutbox(state)
    try:
        counts.count("search-not-found", "张三", datetime.now(UTC))
        log = playlog.PlayLog(state, type("Clock", (), {"now": staticmethod(lambda: datetime.now(UTC))})())
        log.show("blank")
        log.close()
        assert {"deeper/usage.sqlite3-wal", "deeper/usage.sqlite3-shm", "deeper/playlog.jsonl"} <= set(
            _modes(tmp_path / "state")
        )
        assert _loose(tmp_path / "state") == {}
    finally:
        counts.close()
        outbox.close()


def test_the_feedback_statuses_are_owner_only(tmp_path, loose_umask):
    from kiosk.sync import feedback_status

    class Client:
        def feedback_status(self, etag, limit):
            return b'[{"reference": "ABC-DEF", "status": "answered"}]', '"e"'

    assert feedback_status.refresh(Client(), tmp_path / "state" / "deeper")
    assert "deeper/feedback-status.json" in _modes(tmp_path / "state")
    assert _loose(tmp_path / "state") == {}
