"""Tests of the content cache (kiosk.cache.ContentCache) against real SQLite files.

Covers writing batches and reading every field back, the display rule on every read,
listing, counting and search (Chinese substrings of any length, document numbers,
FTS syntax taken literally), persistence and schema version, recovery from a damaged
file, refusal of a newer schema, and atomicity of a batch that fails midway.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy.exc
from support import NOW, make_item

from kiosk.cache import CacheError, ContentCache, tables
from kiosk.content import Attachment, Audience, Cadence, Priority

SHANGHAI = timezone(timedelta(hours=8))
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def sha(n: int) -> str:
    return f"{n:064x}"


@pytest.fixture
def cache_path(tmp_path):
    return tmp_path / "state" / "cache.sqlite3"


@pytest.fixture
def open_cache(cache_path):
    """``open_cache(path=cache_path)``: a ContentCache that is closed after the test."""
    opened = []

    def opener(path=cache_path):
        cache = ContentCache(path)
        opened.append(cache)
        return cache

    yield opener
    for cache in opened:
        cache.close()


@pytest.fixture
def cache(open_cache):
    return open_cache()


def full_item(item_id="full-1", **fields):
    values = dict(
        revision=3,
        title="关于2026年重点民生实事项目进展情况的公示",
        summary="十项民生实事进展摘要",
        body="# 正文\n\n第一段。\n\n- 要点一\n- 要点二",
        category="organisation",
        unit="research-office",
        cadence=Cadence.PHASED,
        priority=Priority.URGENT,
        published_at=datetime(2026, 9, 1, 9, 30, 15, 123456, tzinfo=SHANGHAI),
        revised_at=datetime(2026, 9, 15, 10, 0, tzinfo=SHANGHAI),
        public_from=datetime(2026, 9, 1, 9, 0, tzinfo=SHANGHAI),
        expires_at=datetime(2027, 1, 1, 0, 0, tzinfo=SHANGHAI),
        doc_number="市委发〔2026〕7号",
        index_number="11620100-2026-00042",
        web_url="https://www.example.gov.cn/gk/42.html",
        attachments=(
            Attachment(sha256=sha(3), media_type="application/pdf", title="附件三", size=300),
            Attachment(sha256=sha(1), media_type="image/png", title="附件一", size=100),
            Attachment(sha256=sha(2), media_type="image/jpeg", title="", size=0),
        ),
    )
    values.update(fields)
    return make_item(item_id, **values)


# -- writing and reading back ------------------------------------------------------------


def test_every_field_round_trips(cache):
    item = full_item()
    assert cache.apply([item]) == 1
    back = cache.item("full-1", NOW)
    assert back == item
    # Attachments keep their order (not sorted by hash) and instants come back in UTC.
    assert [a.sha256 for a in back.attachments] == [sha(3), sha(1), sha(2)]
    assert back.published_at.utcoffset() == timedelta(0)
    assert back.published_at.microsecond == 123456
    assert cache.items(NOW) == [item]


def test_items_without_body_leave_the_body_out(cache):
    cache.apply([full_item()])
    (listed,) = cache.items(NOW, with_body=False)
    assert listed.body == ""
    assert listed.title == full_item().title
    assert listed.attachments == full_item().attachments


def test_upsert_replaces_the_revision_and_its_attachments(cache):
    cache.apply([full_item()])
    newer = full_item(revision=4, title="修订后的标题", attachments=(Attachment(sha(9), "image/webp"),))
    cache.apply([newer])
    assert cache.item("full-1", NOW) == newer
    assert cache.count() == 1
    assert cache.referenced_assets() == {sha(9)}


def test_replace_all_removes_items_absent_from_the_snapshot(cache):
    cache.apply([make_item("a"), make_item("b"), full_item("c")])
    cache.apply([make_item("b"), make_item("d")], replace_all=True)
    assert sorted(i.id for i in cache.items(NOW)) == ["b", "d"]
    assert cache.count() == 2
    assert cache.referenced_assets() == set()  # c's attachment rows went with it


def test_removals_remove(cache):
    cache.apply([make_item("a"), full_item("b"), make_item("c")])
    cache.apply(removals=["b", "not-there"])
    assert sorted(i.id for i in cache.items(NOW)) == ["a", "c"]
    assert cache.item("b", NOW) is None
    assert cache.referenced_assets() == set()


def test_upsert_and_removal_in_one_batch(cache):
    cache.apply([make_item("a"), make_item("b")])
    cache.apply([make_item("c")], removals=["a"])
    assert sorted(i.id for i in cache.items(NOW)) == ["b", "c"]


def test_internal_items_are_refused(cache, caplog):
    written = cache.apply([make_item("secret", audience=Audience.INTERNAL), make_item("open")])
    assert written == 1
    assert cache.count() == 1
    assert cache.item("secret", NOW) is None
    assert "secret" in caplog.text


def test_a_newer_internal_revision_takes_the_public_one_off_screen(cache):
    # The rule says an older revision never stands in for the newest one. A kiosk may
    # refuse to store the internal revision, but it must not keep showing revision 1.
    cache.apply([make_item("x", revision=1)])
    cache.apply([make_item("x", revision=2, audience=Audience.INTERNAL)])
    assert cache.item("x", NOW) is None
    assert cache.items(NOW) == []


def test_an_older_revision_does_not_replace_a_newer_one(cache):
    # "It holds the newest revision of every item the kiosk has received."
    cache.apply([make_item("x", revision=3, title="第三版")])
    cache.apply([make_item("x", revision=2, title="第二版")])
    shown = cache.item("x", NOW)
    assert shown is not None and (shown.revision, shown.title) == (3, "第三版")


def test_meta_values(cache):
    assert cache.get_meta("feed_version") is None
    assert cache.get_meta("feed_version", "0") == "0"
    cache.set_meta(feed_version="7", last_sync="2026-11-26T06:00:00+00:00")
    cache.set_meta(feed_version="8")
    assert cache.get_meta("feed_version") == "8"
    assert cache.get_meta("last_sync") == "2026-11-26T06:00:00+00:00"


# -- the display rule on every read --------------------------------------------------------


@pytest.fixture
def windowed(cache):
    cache.apply(
        [
            make_item("shown"),
            make_item("future", public_from=NOW + HOUR),
            make_item("expired", expires_at=NOW - HOUR),
            make_item("expires-now", expires_at=NOW),
            make_item("opens-now", public_from=NOW),
        ]
    )
    return cache


def test_item_is_none_when_future_expired_or_unknown(windowed):
    assert windowed.item("shown", NOW) is not None
    assert windowed.item("opens-now", NOW) is not None
    assert windowed.item("future", NOW) is None
    assert windowed.item("expired", NOW) is None
    assert windowed.item("expires-now", NOW) is None
    assert windowed.item("unknown", NOW) is None
    # The same item appears once its window opens.
    assert windowed.item("future", NOW + HOUR).id == "future"


def test_items_and_counts_follow_the_window(windowed):
    assert sorted(i.id for i in windowed.items(NOW)) == ["opens-now", "shown"]
    assert windowed.count() == 5
    assert windowed.category_counts(NOW) == {"central-work": 2}
    assert windowed.category_counts(NOW + HOUR) == {"central-work": 3}


def test_next_change(windowed):
    assert windowed.next_change(NOW) == NOW + HOUR
    assert windowed.next_change(NOW - timedelta(minutes=90)) == NOW - HOUR
    assert windowed.next_change(NOW + HOUR) is None


def test_a_publication_dated_ahead_waits_for_its_time(cache):
    """An item whose signed publication time lies ahead of the clock (a scheduled publication
    that reached the kiosk early, or a store whose clock runs ahead) is held, unseen, and
    appears when its time comes: the cache names that instant as its next change."""
    cache.apply([make_item("ahead", title="作风建设通报", published_at=NOW + HOUR), make_item("shown")])
    assert [i.id for i in cache.items(NOW)] == ["shown"]
    assert cache.item("ahead", NOW) is None
    assert cache.category_counts(NOW) == {"central-work": 1}
    assert cache.search("作风建设", NOW) == []
    assert cache.next_change(NOW) == NOW + HOUR
    later = NOW + HOUR
    assert sorted(i.id for i in cache.items(later)) == ["ahead", "shown"]
    assert [i.id for i in cache.search("作风建设", later)] == ["ahead"]
    assert cache.next_change(later) is None


def test_next_change_of_an_empty_cache_is_none(cache):
    assert cache.next_change(NOW) is None


# -- listing and counting ------------------------------------------------------------------


@pytest.fixture
def catalogue(cache):
    cache.apply(
        [
            make_item("cw-old", published_at=NOW - 5 * DAY),
            make_item("cw-new", published_at=NOW - 1 * DAY),
            # Published long ago but revised yesterday-and-a-bit: revision date counts.
            make_item("cw-revised", revision=2, published_at=NOW - 30 * DAY, revised_at=NOW - 2 * DAY),
            make_item("cw-research", unit="research-office", published_at=NOW - 3 * DAY),
            make_item("org-1", category="organisation", published_at=NOW - 4 * DAY),
            make_item("org-research", category="organisation", unit="research-office", published_at=NOW - 6 * DAY),
            make_item("org-hidden", category="organisation", public_from=NOW + DAY),
        ]
    )
    return cache


def test_category_and_unit_counts(catalogue):
    assert catalogue.category_counts(NOW) == {"central-work": 4, "organisation": 2}
    assert catalogue.unit_counts(NOW) == {"party-group": 4, "research-office": 2}
    assert catalogue.unit_counts(NOW, category="organisation") == {"party-group": 1, "research-office": 1}


def test_list_items_filters_and_sorts_newest_first(catalogue):
    ids = [i.id for i in catalogue.list_items(NOW, category="central-work")]
    assert ids == ["cw-new", "cw-revised", "cw-research", "cw-old"]
    assert [i.id for i in catalogue.list_items(NOW, unit="research-office")] == ["cw-research", "org-research"]
    assert [i.id for i in catalogue.list_items(NOW, category="organisation", unit="party-group")] == ["org-1"]
    assert catalogue.list_items(NOW, category="conduct") == []


def test_list_items_pages_and_leaves_bodies_out(catalogue):
    page = catalogue.list_items(NOW, category="central-work", limit=2, offset=1)
    assert [i.id for i in page] == ["cw-revised", "cw-research"]
    assert all(i.body == "" for i in page)
    with_body = catalogue.list_items(NOW, category="central-work", limit=1, with_body=True)
    assert with_body[0].body == "正文内容"


def test_items_are_newest_first_by_last_changed(catalogue):
    shown = catalogue.items(NOW)
    changed = [i.last_changed for i in shown]
    assert changed == sorted(changed, reverse=True)
    assert shown[0].id == "cw-new"


# -- search --------------------------------------------------------------------------------


@pytest.fixture
def searchable(cache):
    cache.apply(
        [
            make_item("in-title", title="关于党费收缴情况的公示", summary="", body="", published_at=NOW - 5 * DAY),
            make_item("in-summary", title="通知", summary="人防工程维护计划", body="", published_at=NOW - 4 * DAY),
            make_item(
                "in-body", title="说明", summary="", body="本年度地方志编纂工作已完成初稿", published_at=NOW - 3 * DAY
            ),
            make_item(
                "in-doc", title="决定", summary="", body="", doc_number="市委发〔2026〕7号", published_at=NOW - 2 * DAY
            ),
            make_item(
                "symbols",
                title="完成率50%",
                summary="",
                body='编号a_b，含"引号"和(括号)与*星号 AND OR',
                published_at=NOW - 1 * DAY,
            ),
            make_item(
                "hidden-future",
                title="党费收缴人防地方志",
                summary="",
                body="市委发〔2026〕7号 50% a_b",
                public_from=NOW + DAY,
            ),
            make_item(
                "hidden-expired",
                title="党费收缴人防地方志",
                summary="",
                body="市委发〔2026〕7号 50% a_b",
                expires_at=NOW - DAY,
            ),
        ]
    )
    return cache


def found(cache, query):
    return [i.id for i in cache.search(query, NOW)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("费", ["in-title"]),  # one character: substring scan
        ("人防", ["in-summary"]),  # two characters: substring scan
        ("地方志", ["in-body"]),  # three characters: trigram index
        ("党费收缴", ["in-title"]),
        ("编纂工作", ["in-body"]),
        ("〔2026〕7号", ["in-doc"]),
        ("市委发〔2026〕7号", ["in-doc"]),
        ("7号", ["in-doc"]),
    ],
)
def test_search_finds_chinese_substrings_in_every_field(searchable, query, expected):
    assert found(searchable, query) == expected


def test_search_is_and_over_terms(cache):
    cache.apply(
        [
            make_item("both", title="党费收缴", body="组织生活会"),
            make_item("first-only", title="党费收缴", body="其他"),
            make_item("second-only", title="其他", body="组织生活会"),
        ]
    )
    assert found(cache, "党费 组织生活会") == ["both"]
    assert found(cache, "党费收缴 生活") == ["both"]
    assert sorted(found(cache, "党费")) == ["both", "first-only"]
    assert found(cache, "党费 不存在的词") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        '"引号"',
        "*",
        "星号*",
        "AND",
        "OR",
        "NOT",
        "(",
        "(括号)",
        "a AND b",
        "NEAR(党费 收缴)",
        "title:党费",
        "^党费",
        "'",
        "\\",
        "-",
        "+",
    ],
)
def test_fts_syntax_is_taken_literally(searchable, query):
    result = searchable.search(query, NOW)
    assert all(i.id not in ("hidden-future", "hidden-expired") for i in result)


def test_fts_syntax_characters_match_literally(searchable):
    assert found(searchable, '"引号"') == ["symbols"]
    assert found(searchable, "(括号)") == ["symbols"]
    assert found(searchable, "*星号") == ["symbols"]
    assert found(searchable, "AND") == ["symbols"]
    assert found(searchable, "(") == ["symbols"]


def test_percent_and_underscore_are_literal_in_short_queries(searchable):
    assert found(searchable, "%") == ["symbols"]
    assert found(searchable, "_") == ["symbols"]
    assert found(searchable, "a_") == ["symbols"]
    assert found(searchable, "0%") == ["symbols"]
    # "_" as a wildcard would match any two characters such as "人防".
    assert found(searchable, "人_") == []


def test_title_hits_rank_first(cache):
    cache.apply(
        [
            make_item("body-new", title="其他通知", body="关于人防工程的说明", published_at=NOW - DAY),
            make_item("title-old", title="人防工程维护计划", body="", published_at=NOW - 10 * DAY),
            make_item("summary-mid", title="另一则", summary="人防工程", body="", published_at=NOW - 5 * DAY),
        ]
    )
    assert found(cache, "人防工程") == ["title-old", "body-new", "summary-mid"]
    assert found(cache, "人防") == ["title-old", "body-new", "summary-mid"]


def test_search_never_returns_an_item_outside_its_window(searchable):
    for query in ["党费", "党费收缴", "人防", "地方志", "〔2026〕7号", "50%", "a_b", "费", "%"]:
        ids = found(searchable, query)
        assert "hidden-future" not in ids and "hidden-expired" not in ids, query
        assert ids, query  # each query does find a visible item


def test_search_follows_updates_and_removals(cache):
    cache.apply([make_item("x", title="原标题甲乙丙")])
    cache.apply([make_item("x", revision=2, title="新标题丁戊己")])
    assert found(cache, "甲乙丙") == []
    assert found(cache, "丁戊己") == ["x"]
    cache.apply(removals=["x"])
    assert found(cache, "丁戊己") == []
    cache.apply([make_item("y", title="另一个丁戊己")], replace_all=True)
    assert found(cache, "丁戊己") == ["y"]


def test_empty_query_finds_nothing(searchable):
    assert searchable.search("", NOW) == []
    assert searchable.search("   ", NOW) == []


def test_search_limit(cache):
    cache.apply([make_item(f"i{n}", title=f"党费公示{n}") for n in range(10)])
    assert len(cache.search("党费", NOW, limit=3)) == 3
    assert len(cache.search("党费公示", NOW, limit=4)) == 4


# -- the file: persistence, schema, damage, atomicity ------------------------------------------


def test_a_second_cache_on_the_same_file_sees_the_data(open_cache, cache_path):
    first = open_cache()
    first.apply([full_item()], meta={"feed_version": "3"})
    second = open_cache(cache_path)
    assert second.item("full-1", NOW) == full_item()
    assert second.get_meta("feed_version") == "3"
    assert second.schema_version == tables.SCHEMA_VERSION
    first.close()
    third = open_cache(cache_path)
    assert third.count() == 1


def test_a_new_cache_has_the_current_schema(cache, cache_path):
    assert cache_path.is_file()
    assert cache.schema_version == tables.SCHEMA_VERSION >= 1
    assert cache.count() == 0


def test_a_damaged_file_is_moved_aside(open_cache, cache_path):
    cache_path.parent.mkdir(parents=True)
    garbage = b"this is not an SQLite database \x00\xff" * 200
    cache_path.write_bytes(garbage)
    cache = open_cache()
    aside = list(cache_path.parent.glob("cache.sqlite3.damaged-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == garbage  # kept for someone to look at
    assert cache.schema_version == tables.SCHEMA_VERSION
    cache.apply([make_item("a")])
    assert [i.id for i in cache.items(NOW)] == ["a"]


def test_a_newer_schema_is_refused_and_left_alone(open_cache, cache_path):
    cache_path.parent.mkdir(parents=True)
    newer = tables.SCHEMA_VERSION + 1
    with sqlite3.connect(cache_path) as conn:
        conn.execute(f"PRAGMA user_version = {newer}")
        conn.execute("CREATE TABLE future_table (x)")
    conn.close()
    with pytest.raises(CacheError) as caught:
        open_cache()
    message = str(caught.value)
    assert str(cache_path) in message
    assert "newer" in message
    assert f"schema {newer}" in message
    assert str(tables.SCHEMA_VERSION) in message
    # Nothing moved aside, nothing overwritten.
    assert list(cache_path.parent.glob("*.damaged-*")) == []
    with sqlite3.connect(cache_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == newer
    conn.close()


def test_a_batch_that_fails_midway_leaves_the_previous_content(cache):
    before = [make_item("a"), full_item("b")]
    cache.apply(before, meta={"feed_version": "1"})
    # The meta row is written last, inside the same transaction; a NULL value breaks it
    # after the items were already inserted.
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        cache.apply([make_item("c"), make_item("d")], removals=["a"], meta={"feed_version": "2", "broken": None})
    assert sorted(i.id for i in cache.items(NOW)) == ["a", "b"]
    assert cache.item("b", NOW) == full_item("b")
    assert cache.get_meta("feed_version") == "1"
    assert cache.count() == 2
    # The search index rolled back with the table: "c" was never indexed.
    assert found(cache, "测试条目") == ["a"]


def test_a_full_snapshot_that_fails_midway_leaves_the_previous_content(cache):
    cache.apply([make_item("a"), full_item("b")])
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        cache.apply([make_item("c")], replace_all=True, meta={"broken": None})
    assert sorted(i.id for i in cache.items(NOW)) == ["a", "b"]
    assert cache.referenced_assets() == {sha(1), sha(2), sha(3)}
    # The cache is still usable after the failed batch.
    cache.apply([make_item("e")])
    assert sorted(i.id for i in cache.items(NOW)) == ["a", "b", "e"]


def test_two_revisions_in_one_batch_keep_the_newest(cache):
    cache.apply([make_item("d", revision=2, title="第二版"), make_item("d", revision=1, title="第一版")])
    shown = cache.item("d", NOW)
    assert (shown.revision, shown.title) == (2, "第二版")
