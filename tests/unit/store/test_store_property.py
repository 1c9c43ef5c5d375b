"""Property: no sequence of workflow actions and clock moves puts into a feed an internal
item, or a public item before its public_from (or after its expires_at) — and every item
that may be shown is there."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import item_file
from support import NOW, make_item

from kiosk import feed, rules
from kiosk.clock import FakeClock
from kiosk.content import Audience
from kiosk.itemfile import ItemFileError
from kiosk.store import feedstate, keys
from kiosk.store.server import SignedFeeds
from kiosk.store.service import open_store
from kiosk.store.workflow import WorkflowError

ITEMS = 4
hours = st.one_of(st.none(), st.integers(-6, 6))
content = st.tuples(st.sampled_from(["public", "public", "internal"]), hours, hours)
actions = st.lists(st.one_of(
    st.tuples(st.just("add"), content),
    st.tuples(st.just("edit"), st.integers(0, ITEMS - 1), content),
    st.tuples(st.sampled_from(["submit", "approve", "publish", "withdraw"]), st.integers(0, ITEMS - 1)),
    st.tuples(st.just("clock"), st.integers(-300, 300)),
), max_size=30)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions)
def test_nothing_unpublishable_ever_reaches_a_feed(steps):
    clock = FakeClock(NOW)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        store = open_store(folder / "data", "sqlite://", folder / "keys", clock=clock)
        try:
            _run(store, clock, folder, steps)
        finally:
            store.db.close()


def _run(store, clock, folder, steps):
    store.init()
    for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
        store.add_user(name, role)
    signed = SignedFeeds(store, keys.load_store_key(folder / "data"))
    store_key = store.check_initialised()
    approver_keys = {u["public_key"] for u in store.users() if u["public_key"]}
    ids: list[str] = []
    for n, step in enumerate(steps):
        try:
            if step[0] == "add":
                ids.append(store.add_item(_file(folder, n, clock, step[1]), "alice"))
            elif step[0] == "edit" and step[1] < len(ids):
                store.edit_item(ids[step[1]], _file(folder, n, clock, step[2]), "alice")
            elif step[0] == "clock":
                clock.advance(timedelta(minutes=step[1]))
            elif step[0] != "edit" and step[1] < len(ids):
                actor = {"submit": "alice", "approve": "bob"}.get(step[0], "dan")
                getattr(store, step[0])(ids[step[1]], actor)
        except (WorkflowError, ItemFileError):
            continue  # an action out of order is refused; the property must hold anyway
        # What a kiosk would be served now: every feed request re-evaluates first.
        store.refresh()
        _, body = signed.snapshot()
        served = feed.open_feed(body, store_key, clock.now(), 0)
        shown = set()
        for entry in served.entries:
            with store.db.read() as session:
                from kiosk.store.models import Document
                data = session.get(Document, entry.sha256).data
            item = feed.open_item_document(data, entry.sha256, approver_keys)  # refuses internal items
            assert rules.may_show(item, clock.now()), (item, clock.now())
            shown.add(item.id)
        live = {i["id"] for i in store.items() if i["published_revision"] is not None}
        expected = {i["id"] for i in store.items() if i["id"] in live and _showable(store, i, clock)}
        assert shown == expected


def _showable(store, listed, clock):
    # The live revision's window (list_items describes the latest revision, which may be a
    # newer draft): read the live one from the feed rule's own columns.
    from sqlalchemy import select

    from kiosk.store.models import Revision
    with store.db.read() as session:
        revision = session.scalar(select(Revision).where(Revision.item_id == listed["id"],
                                                         Revision.number == listed["published_revision"]))
        return feedstate.in_window(revision.audience, revision.public_from, revision.expires_at, clock.now())


def _file(folder, n, clock, spec):
    audience, public_from, expires_at = spec
    fields = {"audience": audience}
    if public_from is not None:
        fields["public_from"] = (clock.now() + timedelta(hours=public_from)).isoformat()
    if expires_at is not None:
        fields["expires_at"] = (clock.now() + timedelta(hours=expires_at)).isoformat()
    return item_file(folder, f"step-{n}", f"条目 {n}", **fields)


@given(st.sampled_from(list(Audience)), hours, hours, st.integers(-600, 600))
def test_the_stores_window_rule_is_the_kiosks(audience, public_from, expires_at, minutes):
    item = make_item(audience=audience,
                     public_from=NOW + timedelta(hours=public_from) if public_from is not None else None,
                     expires_at=NOW + timedelta(hours=expires_at) if expires_at is not None else None)
    now = NOW + timedelta(minutes=minutes)
    assert feedstate.in_window(item.audience.value, item.public_from, item.expires_at, now) == rules.may_show(item, now)
