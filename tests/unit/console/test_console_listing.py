"""The console's item list: search by title, body or document number, filters, paging, order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from store_support import database_url, item_file, publish  # noqa: F401 (fixture)
from support import NOW

from kiosk.clock import FakeClock
from kiosk.store.console.listing import ItemQuery, QueryError, list_items
from kiosk.store.service import open_store


@pytest.fixture
def listed(tmp_path, database_url):
    clock = FakeClock(NOW)
    store = open_store(tmp_path / "data", database_url, tmp_path / "keys", clock=clock)
    store.init()
    for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
        store.add_user(name, role)

    def add(name, title, **fields):
        clock.advance(timedelta(minutes=1))
        return store.add_item(item_file(tmp_path, name, title, id=name, **fields), "alice")

    add("plan", "年度工作计划", doc_number="市委发〔2026〕7号", cadence="routine")
    add("dues", "党费收缴情况", category="organisation", cadence="phased")
    add("study", "学习安排", unit="research-office", cadence="ad-hoc")
    add("odd", "100%_完成", cadence="routine")  # LIKE's wildcards, written by an author
    clock.advance(timedelta(minutes=1))
    publish(store, item_file(tmp_path, "live", "已公开事项", id="live"))
    clock.advance(timedelta(minutes=1))
    store.submit("dues", "alice")
    # A newer draft of a published item is listed by the draft.
    clock.advance(timedelta(minutes=1))
    store.edit_item("live", item_file(tmp_path, "live2", "已公开事项（修订）"), "alice")
    yield store
    store.db.close()


def _ids(store, **query):
    with store.db.read() as session:
        page = list_items(session, ItemQuery(**query))
    return [i.id for i in page.items], page


def test_search_filters_paging_and_order(listed):
    ids, page = _ids(listed)
    # Newest revision first: the edit of "live" came last; submitting is not an edit.
    assert ids == ["live", "odd", "study", "dues", "plan"]
    assert page.total == 5
    live = page.items[0]
    assert (live.title, live.state, live.revision, live.live_revision, live.author) == (
        "已公开事项（修订）",
        "draft",
        2,
        1,
        "alice",
    )
    assert _ids(listed, search="〔2026〕7")[0] == ["plan"]  # document number
    assert _ids(listed, search="正文：学习")[0] == ["study"]  # body
    assert _ids(listed, search="党费")[0] == ["dues"]  # two characters are enough
    assert _ids(listed, search="100%")[0] == ["odd"]
    assert _ids(listed, search="0%_")[0] == ["odd"]
    assert _ids(listed, search="%")[0] == ["odd"]  # a wildcard is a character, not "anything"
    assert _ids(listed, search="_")[0] == ["odd"]
    assert _ids(listed, category="organisation")[0] == ["dues"]
    assert _ids(listed, unit="research-office")[0] == ["study"]
    assert _ids(listed, state="submitted")[0] == ["dues"]
    assert _ids(listed, cadence="ad-hoc")[0] == ["study"]
    assert _ids(listed, cadence="routine", category="central-work")[0] == ["live", "odd", "plan"]
    first, page1 = _ids(listed, per_page=2)
    second, _ = _ids(listed, per_page=2, page=2)
    third, page3 = _ids(listed, per_page=2, page=3)
    assert (first, second, third) == (["live", "odd"], ["study", "dues"], ["plan"])
    assert (page1.pages, page3.total) == (3, 5)
    assert _ids(listed, page=9)[0] == []


@pytest.mark.parametrize(
    "bad",
    [
        {"search": "字" * 201},
        {"state": "superseded"},
        {"cadence": "weekly"},
        {"page": 0},
        {"per_page": 201},
        {"unit": "u" * 65},
        {"search": "党务\x00公开"},  # no database takes a NUL as text
        {"search": "\x00"},
        {"category": "\x00"},
        {"search": "\ud800abc"},  # a lone surrogate is not UTF-8
    ],
)
def test_out_of_range_requests_are_refused(bad):
    with pytest.raises(QueryError):
        ItemQuery(**bad)


def test_the_migration_fills_in_revisions_written_before_it(listed):
    """Down to the schema before the console and up again: every revision is searchable."""
    from alembic import command
    from alembic.config import Config

    from kiosk.store.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with listed.db._write_engine.connect() as connection, connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
        command.upgrade(config, "head")
    assert _ids(listed, search="〔2026〕7")[0] == ["plan"]
    assert _ids(listed, search="正文：学习", unit="research-office", cadence="ad-hoc")[0] == ["study"]
    assert _ids(listed, category="organisation")[0] == ["dues"]


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("费", ["dues"]),  # one character: title and numbers
        ("党费", ["dues"]),  # two
        ("收缴情", ["dues"]),  # three: the trigram index
        ("收缴情况", ["dues"]),  # four
        ("正文：党费", ["dues"]),  # the body, from three characters on
        ("市委发〔2026〕7号", ["plan"]),  # a whole document number
        ("〔2026〕7", ["plan"]),
        ("7号", ["plan"]),  # its serial, two characters
        ("已公开事项（修订", ["live"]),  # the newest revision (the index follows every write)
        ("正文", []),  # two characters do not read the body
    ],
)
def test_search_finds_short_and_long_queries(listed, search, found):
    assert sorted(_ids(listed, search=search)[0]) == found


def test_three_characters_or_more_are_looked_up_in_the_trigram_index(listed):
    """The plan of a long query reads the index, not every revision's text."""
    from sqlalchemy import text

    from kiosk.store.console.listing import _filtered
    from kiosk.store.models import ItemRow

    with listed.db.read() as session:
        dialect = session.get_bind().dialect.name
        query = _filtered(select(ItemRow.id), ItemQuery(search="收缴情况"), dialect)
        compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        if dialect == "postgresql":
            session.execute(text("SET LOCAL enable_seqscan = off"))  # a tiny table: force the choice
            plan = "\n".join(session.scalars(text(f"EXPLAIN {compiled}")))
            assert "ix_revisions_search_trgm" in plan
        else:
            plan = "\n".join(str(row) for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            assert "VIRTUAL TABLE INDEX" in plan and "revisions_fts" in plan
