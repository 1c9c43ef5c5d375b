"""Properties of the display rule (kiosk.rules), the rule that outranks every other.

Generated items check that internal items never show, that nothing shows before its
publication time (``published_at``, signed) arrives, that a window is closed before
``public_from`` and at or after ``expires_at``, that only the newest revision of an item is
considered, that ``next_change`` is the first instant the answer changes, and that the SQL
form of the rule used by the cache agrees with the Python one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from support import NOW, make_item

from kiosk import rules
from kiosk.cache import ContentCache
from kiosk.cache.tables import items as t_items
from kiosk.content import Audience, Item

PURE = settings(max_examples=200, deadline=None)
WITH_CACHE = settings(
    max_examples=40,
    deadline=None,
    # One cache per test, emptied by a full-snapshot apply at the start of each example.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

SHANGHAI = timezone(timedelta(hours=8))

# Offsets from NOW that hit the edges of a window exactly, plus some far away.
_EDGE_OFFSETS = [
    timedelta(0),
    timedelta(microseconds=1),
    timedelta(microseconds=-1),
    timedelta(seconds=1),
    timedelta(seconds=-1),
    timedelta(days=3),
    timedelta(days=-3),
]


def instants() -> st.SearchStrategy[datetime]:
    """Instants near NOW (often exactly on it), in UTC or in +08:00."""
    offsets = st.one_of(
        st.sampled_from(_EDGE_OFFSETS),
        st.integers(min_value=-30 * 86400, max_value=30 * 86400).map(lambda s: timedelta(seconds=s)),
    )
    zones = st.sampled_from([UTC, SHANGHAI])
    return st.tuples(offsets, zones).map(lambda t: (NOW + t[0]).astimezone(t[1]))


_OPTIONAL_INSTANTS = st.none() | instants()


@st.composite
def items(draw, item_id: st.SearchStrategy[str] | None = None) -> Item:
    return make_item(
        draw(item_id if item_id is not None else st.sampled_from(["a", "b", "c", "d"])),
        revision=draw(st.integers(min_value=1, max_value=5)),
        audience=draw(st.sampled_from(list(Audience))),
        published_at=draw(instants()),
        public_from=draw(_OPTIONAL_INSTANTS),
        expires_at=draw(_OPTIONAL_INSTANTS),
    )


# Two items with the same id and revision would be the same revision: keep pairs unique.
item_lists = st.lists(items(), max_size=12, unique_by=lambda i: (i.id, i.revision))


# -- may_show -------------------------------------------------------------------------


@PURE
@given(item=items(), now=instants())
def test_internal_items_never_show(item, now):
    internal = make_item(item.id, audience=Audience.INTERNAL, public_from=item.public_from, expires_at=item.expires_at)
    assert rules.may_show(internal, now) is False


@PURE
@given(item=items(), before=st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=400)))
def test_never_before_public_from(item, before):
    item = make_item(item.id, public_from=NOW, expires_at=item.expires_at)
    assert rules.may_show(item, NOW - before) is False


@PURE
@given(item=items(), before=st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=400)))
def test_never_before_its_publication_time(item, before):
    """A publication dated ahead of the clock (scheduled for later, or a store's clock ahead)
    waits for its time, whatever its window says."""
    item = make_item(item.id, published_at=NOW, public_from=item.public_from, expires_at=item.expires_at)
    assert rules.may_show(item, NOW - before) is False


def test_a_publication_dated_ahead_appears_at_its_time():
    item = make_item("x", published_at=NOW + timedelta(hours=2))
    assert rules.may_show(item, NOW) is False
    assert rules.next_change([item], NOW) == NOW + timedelta(hours=2)
    assert rules.may_show(item, NOW + timedelta(hours=2) - timedelta(microseconds=1)) is False
    assert rules.may_show(item, NOW + timedelta(hours=2)) is True  # shown from its time on
    assert rules.next_change([item], NOW + timedelta(hours=2)) is None


@PURE
@given(item=items(), after=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)))
def test_never_at_or_after_expires_at(item, after):
    item = make_item(item.id, public_from=item.public_from, expires_at=NOW)
    assert rules.may_show(item, NOW + after) is False


@PURE
@given(
    start=st.none() | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=100)),
    end=st.none() | st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=100)),
    zone=st.sampled_from([UTC, SHANGHAI]),
)
def test_public_items_inside_their_window_show(start, end, zone):
    item = make_item(
        "x",
        public_from=None if start is None else (NOW - start).astimezone(zone),
        expires_at=None if end is None else NOW + end,
    )
    assert rules.may_show(item, NOW) is True
    assert rules.may_show(item, NOW.astimezone(SHANGHAI)) is True


def test_window_edges_exactly():
    item = make_item("x", public_from=NOW, expires_at=NOW + timedelta(hours=1))
    assert rules.may_show(item, NOW) is True  # the window opens at public_from
    assert rules.may_show(item, NOW - timedelta(microseconds=1)) is False
    assert rules.may_show(item, NOW + timedelta(hours=1) - timedelta(microseconds=1)) is True
    assert rules.may_show(item, NOW + timedelta(hours=1)) is False  # gone at its expiry


def test_offsets_are_compared_as_instants():
    # 14:00 in Shanghai is 06:00 UTC, i.e. NOW: the window has opened.
    item = make_item("x", public_from=datetime(2026, 11, 26, 14, 0, tzinfo=SHANGHAI))
    assert rules.may_show(item, NOW) is True
    assert rules.may_show(item, NOW - timedelta(seconds=1)) is False


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="naive"):
        rules.may_show(make_item("x"), datetime(2026, 11, 26, 6, 0))


# -- displayable ------------------------------------------------------------------------


@PURE
@given(batch=item_lists, now=instants())
def test_displayable_is_exactly_the_showable_newest_revisions(batch, now):
    shown = rules.displayable(batch, now)
    ids = [item.id for item in shown]
    assert len(ids) == len(set(ids)), "more than one revision of an item"
    newest = {}
    for item in batch:
        newest[item.id] = max(newest.get(item.id, 0), item.revision)
    for item in shown:
        assert item.revision == newest[item.id], f"{item.id}: an older revision stood in"
        assert rules.may_show(item, now)
    expected_ids = {item.id for item in batch if item.revision == newest[item.id] and rules.may_show(item, now)}
    assert set(ids) == expected_ids


def test_older_revision_never_stands_in_for_a_newer_one_not_yet_public():
    old = make_item("x", revision=1)
    new = make_item("x", revision=2, public_from=NOW + timedelta(hours=1))
    assert rules.displayable([old, new], NOW) == []
    assert rules.displayable([new, old], NOW) == []
    assert rules.displayable([new, old], NOW + timedelta(hours=1)) == [new]


def test_older_revision_never_stands_in_for_a_newer_internal_one():
    old = make_item("x", revision=1)
    new = make_item("x", revision=2, audience=Audience.INTERNAL)
    assert rules.displayable([new, old], NOW) == []


def test_displayable_keeps_the_newest_revision_whatever_the_input_order():
    revisions = [make_item("x", revision=n, title=f"第{n}版") for n in (2, 5, 1, 3)]
    assert [i.title for i in rules.displayable(revisions, NOW)] == ["第5版"]


# -- next_change -------------------------------------------------------------------------


@PURE
@given(batch=item_lists, now=instants())
def test_next_change_is_the_earliest_future_edge_of_public_items(batch, now):
    edges = [
        instant
        for item in batch
        if item.audience is Audience.PUBLIC
        for instant in (item.published_at, item.public_from, item.expires_at)
        if instant is not None and instant > now
    ]
    found = rules.next_change(batch, now)
    assert found == (min(edges) if edges else None)
    if found is not None:
        assert found > now
        assert found.utcoffset() == timedelta(0)


@PURE
@given(batch=item_lists, now=instants(), fraction=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_nothing_changes_before_next_change(batch, now, fraction):
    found = rules.next_change(batch, now)
    if found is None:
        later = now + timedelta(days=1000)
    else:
        # timedelta * float rounds to whole microseconds: stay strictly before the change.
        later = min(now + (found - now) * fraction, found - timedelta(microseconds=1))
    assert [rules.may_show(i, later) for i in batch] == [rules.may_show(i, now) for i in batch]


def test_next_change_ignores_internal_items_and_past_edges():
    batch = [
        make_item("a", audience=Audience.INTERNAL, public_from=NOW + timedelta(minutes=1)),
        make_item("b", public_from=NOW - timedelta(minutes=1), expires_at=NOW),  # NOW is not *after* now
        make_item("c", expires_at=NOW + timedelta(minutes=5)),
        make_item("d", public_from=NOW + timedelta(minutes=3)),
    ]
    assert rules.next_change(batch, NOW) == NOW + timedelta(minutes=3)
    assert rules.next_change(batch[:2], NOW) is None


# -- sql_condition agrees with may_show ----------------------------------------------------


@pytest.fixture
def cache(tmp_path):
    cache = ContentCache(tmp_path / "cache.sqlite3")
    yield cache
    cache.close()


@st.composite
def unique_item_lists(draw) -> list[Item]:
    ids = draw(st.lists(st.sampled_from([f"item-{n}" for n in range(20)]), unique=True, max_size=12))
    return [draw(items(st.just(item_id))) for item_id in ids]


@WITH_CACHE
@given(batch=unique_item_lists(), now=instants())
def test_sql_condition_agrees_with_may_show(cache, batch, now):
    cache.apply(batch, replace_all=True)
    expected = {item.id for item in rules.displayable(batch, now)}

    # The SQL clause alone, without the cache's second check in Python.
    with cache.engine.connect() as conn:
        by_sql = set(conn.execute(select(t_items.c.id).where(rules.sql_condition(t_items.c, now))).scalars())
    assert by_sql == expected

    shown = [item.id for item in cache.items(now)]
    assert len(shown) == len(set(shown))
    assert set(shown) == expected
    # Counts are computed by SQL alone too.
    assert sum(cache.category_counts(now).values()) == len(expected)
    assert sum(cache.unit_counts(now).values()) == len(expected)
    assert cache.next_change(now) == rules.next_change(batch, now)
