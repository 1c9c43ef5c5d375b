"""Schema 2 of the cache: the feed entries recorded with synced items, and the migration to it."""

from __future__ import annotations

import pytest
from support import NOW, make_item

from kiosk.cache import ContentCache, tables
from kiosk.feed import Entry


def sha(n: int) -> str:
    return f"{n:064x}"


@pytest.fixture
def cache(tmp_path):
    opened = ContentCache(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()


def test_entries_are_written_with_their_items(cache):
    cache.apply(
        [make_item("a"), make_item("b", revision=2)],
        replace_all=True,
        meta={"feed_version": "4", "source": "store"},
        entries=[Entry("a", 1, sha(1)), Entry("b", 2, sha(2))],
    )
    assert cache.feed_entries() == {"a": (1, sha(1)), "b": (2, sha(2))}
    assert cache.feed_version == 4


def test_a_delta_replaces_and_removes_entries(cache):
    cache.apply(
        [make_item("a"), make_item("b")], replace_all=True, entries=[Entry("a", 1, sha(1)), Entry("b", 1, sha(2))]
    )
    cache.apply([make_item("a", revision=2)], removals=["b"], entries=[Entry("a", 2, sha(3))])
    assert cache.feed_entries() == {"a": (2, sha(3))}
    assert cache.item_ids() == {"a"}


def test_replace_all_without_entries_clears_them(cache):
    # The demo pack replaces synced content: nothing it holds came from a feed.
    cache.apply([make_item("a")], replace_all=True, entries=[Entry("a", 1, sha(1))])
    cache.apply([make_item("demo")], replace_all=True)
    assert cache.feed_entries() == {}


def test_an_item_replaced_without_an_entry_loses_its_entry(cache):
    cache.apply([make_item("a")], entries=[Entry("a", 1, sha(1))])
    cache.apply([make_item("a", revision=2)])
    assert cache.feed_entries() == {}


def test_entries_roll_back_with_a_failed_batch(cache):
    import sqlalchemy.exc

    cache.apply([make_item("a")], replace_all=True, meta={"feed_version": "1"}, entries=[Entry("a", 1, sha(1))])
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        cache.apply(
            [make_item("b")],
            replace_all=True,
            meta={"feed_version": "2", "broken": None},
            entries=[Entry("b", 1, sha(2))],
        )
    assert cache.feed_entries() == {"a": (1, sha(1))}
    assert cache.feed_version == 1


def test_stored_items_ignore_the_display_rule(cache):
    from datetime import timedelta

    expired = make_item("old", expires_at=NOW - timedelta(days=1))
    cache.apply([expired, make_item("a")])
    assert cache.item(expired.id, NOW) is None
    assert cache.stored_items(["old", "a", "unknown"]) == {"old": expired, "a": make_item("a")}


def test_feed_version_is_zero_without_a_feed(cache):
    assert cache.feed_version == 0
    cache.set_meta(feed_version="not a number")
    assert cache.feed_version == 0


def test_a_schema_1_cache_migrates_and_keeps_its_items(tmp_path):
    from sqlalchemy import create_engine

    path = tmp_path / "old.sqlite3"
    # A cache as the previous release left it: schema 1, one item.
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        tables.MIGRATIONS[0](conn)
        conn.exec_driver_sql("PRAGMA user_version = 1")
        conn.exec_driver_sql(
            "INSERT INTO items (id, revision, title, summary, body, category, unit, audience, cadence, priority,"
            " published_at, last_changed, doc_number, index_number, web_url) VALUES ('old', 1, 't', '', '',"
            " 'central-work', 'party-group', 'public', 'routine', 'normal', '2026-11-25T06:00:00.000000+00:00',"
            " '2026-11-25T06:00:00.000000+00:00', '', '', '')"
        )
    engine.dispose()
    cache = ContentCache(path)
    try:
        assert cache.schema_version == tables.SCHEMA_VERSION == 2
        assert cache.item_ids() == {"old"}
        assert cache.feed_entries() == {}
        cache.apply([make_item("a")], entries=[Entry("a", 1, sha(1))])
        assert cache.feed_entries() == {"a": (1, sha(1))}
    finally:
        cache.close()
