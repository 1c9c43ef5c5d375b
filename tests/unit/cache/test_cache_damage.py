"""A content cache whose file is damaged while it is open: the read that meets the damage
is answered from a rebuilt cache, the write that meets it is refused (its batch was read
against content that is gone), other cache objects on the same file follow the rebuild,
and the feedback outbox beside it is never touched."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime

import pytest
from fault_support import damage_pages
from support import NOW, make_item

from kiosk import feedback as fb
from kiosk.cache import CacheRebuilt, ContentCache
from kiosk.outbox import Outbox


def _copies(folder) -> int:
    """Damaged copies moved aside (each with its write-ahead log, when it had one)."""
    return len([p for p in folder.glob("cache.sqlite3.damaged-*") if not p.name.endswith("-wal")])


ITEMS = [make_item(f"item-{i}", body="正文" * 400) for i in range(60)]


def _damaged_while_open(tmp_path, **kwargs):
    """(reader, writer): two cache objects on one file, the file damaged under both.

    The writer's commit changes the write-ahead log's index, so the reader's next query
    drops its page cache and reads the damaged pages from disk, as it would after a sync.
    """
    path = tmp_path / "state" / "cache.sqlite3"
    writer = ContentCache(path)
    writer.apply(ITEMS, meta={"source": "store", "feed_version": "3", "feed_expires_at": "x"})
    plain = sqlite3.connect(path)  # fold the log into the file, where the damage goes
    plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain.close()
    reader = ContentCache(path, **kwargs)
    assert len(reader.items(NOW)) == 60
    damage_pages(path)
    writer.set_meta(note="a status write")
    return reader, writer


def test_a_read_that_meets_damage_is_answered_from_the_rebuilt_cache(tmp_path, caplog):
    rebuilt = []

    def refill(cache):
        rebuilt.append(cache)
        cache.apply(ITEMS[:5], replace_all=True, meta={"source": "demo-pack"})

    outbox = Outbox(tmp_path / "state" / "outbox.sqlite3")
    now = datetime.now(UTC)
    outbox.submit(fb.new("praise", text="工作人员很耐心，谢谢", now=now), now)
    reader, writer = _damaged_while_open(tmp_path, on_rebuilt=refill)
    try:
        with caplog.at_level(logging.INFO, logger="kiosk.cache"):
            shown = reader.items(NOW)
        assert {i.id for i in shown} == {i.id for i in ITEMS[:5]}
        assert rebuilt == [reader]
        errors = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(errors) == 1 and "damaged" in errors[0].getMessage()
        assert _copies(tmp_path / "state") == 1
        # The other object on the file follows: it reads the rebuilt file, not the old inode.
        assert writer.count() == 5
        assert outbox.counts() == {"pending": 1, "rejected": 0}
    finally:
        reader.close()
        writer.close()
        outbox.close()


def test_a_delta_batch_after_a_rebuild_is_refused_and_a_snapshot_is_not(tmp_path):
    reader, writer = _damaged_while_open(tmp_path)
    try:
        with pytest.raises(CacheRebuilt):
            # Read against the old file, written to the new one: it would claim version 4 with 1 item.
            writer.apply([make_item("new")], meta={"feed_version": "4"})
        assert writer.count() == 0 and writer.get_meta("feed_version") is None
        writer.apply(ITEMS, replace_all=True, meta={"source": "store", "feed_version": "4"})
        writer.apply([make_item("newer")], meta={"feed_version": "5"})
        assert reader.count() == 61 and reader.feed_version == 5
    finally:
        reader.close()
        writer.close()


def test_damage_found_at_open_is_rebuilt_before_the_first_query(tmp_path):
    path = tmp_path / "cache.sqlite3"
    cache = ContentCache(path)
    cache.apply(ITEMS)
    cache.close()
    damage_pages(path)
    reopened = ContentCache(path)
    try:
        assert _copies(tmp_path) == 1  # found by the quick check at open, before any query
        assert reopened.count() == 0
    finally:
        reopened.close()


def test_only_the_newest_damaged_copies_are_kept(tmp_path):
    path = tmp_path / "cache.sqlite3"
    for _ in range(4):
        cache = ContentCache(path)
        cache.apply(ITEMS)
        cache.close()
        damage_pages(path)
    ContentCache(path).close()
    assert _copies(tmp_path) == 2
