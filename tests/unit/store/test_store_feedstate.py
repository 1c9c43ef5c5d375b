"""Feed versions: one per change of the feed, deltas between them, time boundaries, history."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from store_support import publish

from kiosk import feed, signing
from kiosk.store import feedstate, keys
from kiosk.store.models import FeedChange
from kiosk.store.service import open_store
from kiosk.store.signed_feeds import SignedFeeds


def delta(store, since: int) -> feedstate.Delta:
    with store.db.read() as session:
        return feedstate.delta(session, since)


def test_each_change_of_the_feed_makes_one_version(store, files):
    assert store.feed_version() == 0
    item_id = store.add_item(files.write(), "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    assert store.feed_version() == 0  # nothing reached the feed yet
    store.publish(item_id, "dan")
    assert store.feed_version() == 1
    store.edit_item(item_id, files.write(title="新版"), "alice")
    assert store.feed_version() == 1  # a draft changes nothing on screens
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    store.publish(item_id, "dan")
    store.withdraw(item_id, "dan")
    assert store.feed_version() == 3


def test_deltas_list_what_changed_and_what_left(store, files):
    a = publish(store, files.write(title="A"))
    b = publish(store, files.write(title="B"))
    assert store.feed_version() == 2
    snapshot_delta = delta(store, 0)
    assert [e.id for e in snapshot_delta.entries] == sorted([a, b]) and snapshot_delta.removals == ()

    store.edit_item(a, files.write(title="A2"), "alice")
    store.submit(a, "alice")
    store.approve(a, "carol")
    store.publish(a, "dan")  # v3: a changed
    c = publish(store, files.write(title="C"))  # v4: c added
    store.withdraw(c, "dan")  # v5: c removed again
    store.withdraw(b, "dan")  # v6: b removed
    change = delta(store, 2)
    assert change.version == 6 and change.since == 2
    assert [(e.id, e.revision) for e in change.entries] == [(a, 2)]
    assert change.removals == (b,)  # c came and went after version 2: the kiosk never had it
    assert delta(store, 4).removals == tuple(sorted([b, c]))


def test_an_item_changed_then_removed_is_only_a_removal(store, files):
    a = publish(store, files.write())
    store.edit_item(a, files.write(title="改"), "alice")
    store.submit(a, "alice")
    store.approve(a, "bob")
    store.publish(a, "dan")
    store.withdraw(a, "dan")
    change = delta(store, 1)
    assert change.entries == () and change.removals == (a,)


def test_not_modified_and_gone(store, files):
    publish(store, files.write())
    with pytest.raises(feedstate.NotModified):
        delta(store, 1)
    with pytest.raises(feedstate.Gone, match="newer than"):
        delta(store, 2)
    for n in range(6):  # the fixture's store keeps 5 versions of history
        publish(store, files.write(title=f"第{n}条"))
    assert store.feed_version() == 7
    with pytest.raises(feedstate.Gone, match="no longer kept"):
        delta(store, 1)
    assert len(delta(store, 2).entries) == 5
    with store.db.read() as session:
        assert min(session.scalars(select(FeedChange.version))) == 3


def test_public_from_and_expiry_make_versions_when_reached(store, files, clock):
    now = clock.now()
    later = publish(store, files.write(title="稍后公开", public_from=now + timedelta(hours=1)))
    brief = publish(store, files.write(title="短期", expires_at=now + timedelta(hours=2)))
    assert store.feed_version() == 1 and [e.id for e in delta(store, 0).entries] == [brief]
    clock.advance(timedelta(minutes=59))
    assert store.refresh() == 1
    clock.advance(timedelta(minutes=1))
    assert store.refresh() == 2 and [e.id for e in delta(store, 1).entries] == [later]
    clock.advance(timedelta(hours=1))
    assert store.refresh() == 3 and delta(store, 2).removals == (brief,)
    # A clock set back puts the item before its public_from again: it leaves the feed.
    clock.advance(timedelta(hours=-3))
    assert store.refresh() == 4 and delta(store, 3).removals == (later,)


def test_signed_snapshot_and_delta_verify_with_the_store_key(store, files, tmp_path, clock):
    item_id = publish(store, files.write())
    store_key = store.check_initialised()
    signed = SignedFeeds(store, keys.load_store_key(tmp_path / "data"))
    version, body = signed.snapshot()
    opened = feed.open_feed(body, store_key, clock.now(), 0)
    assert (opened.kind, opened.version, [e.id for e in opened.entries]) == ("snapshot", 1, [item_id])
    assert opened.expires_at == clock.now() + feed.FEED_LIFETIME
    assert signed.snapshot() == (version, body)  # many kiosks, one signature
    store.withdraw(item_id, "dan")
    _, body = signed.delta(1)
    opened = feed.open_feed(body, store_key, clock.now(), 1)
    assert (opened.kind, opened.since, opened.removals) == ("delta", 1, (item_id,))
    with pytest.raises(feed.FeedError, match="signature"):
        feed.open_feed(body, signing.public_text(signing.generate()), clock.now(), 1)


def test_versions_made_at_once_by_several_processes_stay_gapless(store, files, tmp_path, clock):
    """Two stores on one database file publish at the same time; every version is made once."""
    paths = [[files.write(title=f"{who}{n}") for n in range(6)] for who in ("甲", "乙")]
    errors = []

    def worker(item_files):
        other = open_store(tmp_path / "data", store.db.url, tmp_path / "keys", clock=clock)
        try:
            for path in item_files:
                publish(other, path)
        except Exception as exc:  # reported below, in the test's own thread
            errors.append(exc)
        finally:
            other.db.close()

    threads = [threading.Thread(target=worker, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert store.feed_version() == 12
    with store.db.read() as session:
        versions = sorted(set(session.scalars(select(FeedChange.version))))
    assert versions == list(range(8, 13))  # five kept, no gaps, no duplicates
    assert len(delta(store, 7).entries) == 5
