"""The console's pages read through their indexes, on both databases: the feedback inbox
walks the feedback by arrival time, and (SQLite) a search of one or two characters counts
and pages through the short copies' index instead of reading every revision's whole row.

The statements checked are the ones the pages really run: they are caught as the page is
computed and explained with their own parameters. The tables are tiny, so PostgreSQL is
told to avoid a sequential scan where it can: the test asks whether the index can serve
the query, not whether the planner prefers it at this size.
"""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event, select
from store_support import database_url, item_file  # noqa: F401 (fixture)
from support import NOW

from kiosk import feedback as fb
from kiosk.clock import FakeClock
from kiosk.store import feedback as intake
from kiosk.store.console.listing import ItemQuery, list_items
from kiosk.store.models import HEAD_INDEX, Device
from kiosk.store.service import open_store


@pytest.fixture
def store(tmp_path, database_url):
    clock = FakeClock(NOW)
    store = open_store(tmp_path / "data", database_url, tmp_path / "keys", clock=clock)
    store.init()
    store.add_user("alice", "author")
    store.add_item(item_file(tmp_path, "plan", "年度工作计划", id="plan", doc_number="市委发〔2026〕7号"), "alice")
    store.enroll("lobby-1")
    with store.db.read() as session:
        device = session.scalar(select(Device.id))
    for text in ("请增加周末的办事窗口", "窗口服务很好"):
        store.receive_feedback(device, fb.new("opinion", now=clock.now(), text=text))
    yield store
    store.db.close()


@contextlib.contextmanager
def caught(session):
    """The SELECT statements run on ``session``'s connection inside the block, with parameters."""
    statements: list[tuple[str, object]] = []
    connection = session.connection()

    def before(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", before)


def plans(session, statements) -> list[str]:
    """Each statement's plan, as one text."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        prefix = "EXPLAIN "
    else:
        prefix = "EXPLAIN QUERY PLAN "
    found = []
    for statement, parameters in statements:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
        found.append("\n".join(str(row[-1]) for row in rows))
    return found


def test_the_inbox_pages_by_arrival_through_its_index(store):
    with store.db.read() as session:
        with caught(session) as statements:
            total, rows = intake.inbox_page(session, store.clock.now(), intake.InboxQuery(limit=1))
        assert total == 2 and len(rows) == 1
        page = [s for s in statements if "ORDER BY" in s[0]]
        assert len(page) == 1
        (plan,) = plans(session, page)
    assert "ix_feedback_received_at" in plan, plan


@pytest.mark.parametrize("search", ["〕", "7号"])
def test_a_short_search_scans_the_short_copies_index(store, search):
    with store.db.read() as session:
        if session.get_bind().dialect.name != "sqlite":
            pytest.skip("SQLite only: on PostgreSQL the long text is kept apart from the row (see models.Revision)")
        with caught(session) as statements:
            page = list_items(session, ItemQuery(search=search))
        assert [i.id for i in page.items] == ["plan"] and page.total == 1
        count, rows = plans(session, statements)
    assert f"COVERING INDEX {HEAD_INDEX}" in count, count  # counted from the index alone
    assert f"USING INDEX {HEAD_INDEX}" in rows, rows  # newest first, each entry tested in the index


def test_a_long_search_pages_in_date_order_testing_the_trigram_matches(store):
    """A page of a phrase found in every item stops after its rows: it walks the list's
    date-ordered index and tests each id against the trigram index's matches, rather than
    looking up every match and sorting them all."""
    with store.db.read() as session:
        if session.get_bind().dialect.name != "sqlite":
            pytest.skip("SQLite only: the trigram index is FTS5's there")
        with caught(session) as statements:
            page = list_items(session, ItemQuery(search="年度工作"))
        assert [i.id for i in page.items] == ["plan"]
        _, rows = plans(session, statements)
    assert f"USING INDEX {HEAD_INDEX}" in rows and "revisions_fts" in rows, rows
    assert "TEMP B-TREE FOR ORDER BY" not in rows, rows  # only the tie-break on id is sorted
