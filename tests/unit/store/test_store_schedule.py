"""Publications signed for a later instant: held out of the feed until then, released on the
store's clock, dated as signed, cancellable before (Python API on a fake clock)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.store import workflow
from kiosk.store.models import AuditEntry, Document, FeedEntry, Publication
from kiosk.store.workflow import WorkflowError
from kiosk.trust import policy as trust_policy
from kiosk.trust import statements


def _approved(store, files, title="定时发布的条目"):
    item_id = store.add_item(files.write(title=title), "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    return item_id


def _in_feed(store) -> dict[str, int]:
    with store.db.read() as session:
        return {e.item_id: e.revision for e in session.scalars(select(FeedEntry))}


def _state(store, item_id):
    return next(i for i in store.items() if i["id"] == item_id)["state"]


def _verified(store, item_id, revision):
    """The item as a kiosk opens its signed document (approval and publication checked)."""
    with store.db.read() as session:
        users = {u.name: u for u in session.scalars(select(workflow.User))}
        document = session.get(Document, session.get(Publication, (item_id, revision)).sha256).data
    person = trust_policy.Person
    policy = trust_policy.Policy(
        approvers={name: person(name, users[name].public_key) for name in ("bob", "carol")},
        publishers={"dan": person("dan", users["dan"].public_key)},
    )
    return statements.open_item_document(document, policy)


def test_a_scheduled_publication_goes_live_at_its_instant_dated_then(store, files, clock):
    item_id = _approved(store, files)
    at = clock.now() + timedelta(hours=2)
    assert store.schedule(item_id, "dan", at) == 1
    assert _state(store, item_id) == "scheduled" and _in_feed(store) == {}
    clock.advance(timedelta(hours=1, minutes=59))
    store.refresh()
    assert _in_feed(store) == {}  # not a minute early
    clock.advance(timedelta(minutes=1))
    store.refresh()  # what every serving process does when a boundary is due
    assert _in_feed(store) == {item_id: 1} and _state(store, item_id) == "published"
    item = _verified(store, item_id, 1)  # a kiosk accepts it: signed before, dated at the instant
    assert item.published_at == at and item.revised_at is None
    with store.db.read() as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq))]
        details = {e.action: json.loads(e.detail) for e in session.scalars(select(AuditEntry))}
    assert actions[-2:] == ["item.schedule", "item.publish"]
    assert details["item.schedule"]["at"] == at.isoformat() and details["item.publish"]["scheduled"] is True


def test_a_revision_scheduled_later_is_dated_as_revised_then(store, files, clock):
    item_id = _approved(store, files)
    store.publish(item_id, "dan")
    first = clock.now()
    store.edit_item(item_id, files.write(title="修订稿"), "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, "carol")
    at = clock.now() + timedelta(days=1)
    store.schedule(item_id, "dan", at)
    assert _in_feed(store) == {item_id: 1}  # the published revision stays until then
    clock.advance(timedelta(days=1))
    store.refresh()
    assert _in_feed(store) == {item_id: 2}
    assert (_verified(store, item_id, 2).published_at, _verified(store, item_id, 2).revised_at) == (first, at)


def test_cancelled_before_its_instant_it_never_goes_live(store, files, clock):
    item_id = _approved(store, files)
    store.schedule(item_id, "dan", clock.now() + timedelta(hours=1))
    with pytest.raises(WorkflowError, match="only an admin"):
        store.cancel_schedule(item_id, "alice")
    with pytest.raises(WorkflowError, match="scheduled; cancel the schedule first"):
        store.publish(item_id, "dan")
    store.cancel_schedule(item_id, "dan")
    assert _state(store, item_id) == "approved"
    clock.advance(timedelta(hours=2))
    store.refresh()
    assert _in_feed(store) == {}
    with pytest.raises(WorkflowError, match="no scheduled publication"):
        store.cancel_schedule(item_id, "dan")
    store.schedule(item_id, "dan", clock.now() + timedelta(minutes=5))  # scheduled anew
    clock.advance(timedelta(minutes=5))
    store.refresh()
    assert _in_feed(store) == {item_id: 1}


def test_times_past_too_far_ahead_and_the_wrong_role_are_refused(store, files, clock):
    item_id = _approved(store, files)
    with pytest.raises(WorkflowError, match="has passed"):
        store.schedule(item_id, "dan", clock.now())
    with pytest.raises(WorkflowError, match="days ahead"):
        store.schedule(item_id, "dan", clock.now() + timedelta(days=400))
    with pytest.raises(WorkflowError):
        store.schedule(item_id, "alice", clock.now() + timedelta(hours=1))
    assert _state(store, item_id) == "approved"


def test_a_newer_revision_published_meanwhile_wins(store, files, clock):
    item_id = _approved(store, files)
    store.schedule(item_id, "dan", clock.now() + timedelta(days=2))
    store.edit_item(item_id, files.write(title="更正稿"), "alice")  # an edit leaves the schedule
    store.submit(item_id, "alice")
    store.approve(item_id, "carol")
    store.publish(item_id, "dan")
    assert _in_feed(store) == {item_id: 2}
    clock.advance(timedelta(days=2))
    store.refresh()
    assert _in_feed(store) == {item_id: 2}  # the older scheduled revision lapsed
