"""Protocol v2 against a man in the middle: freeze, replay, dropped and mixed answers.

A proxy on loopback sits between a real store and a real kiosk (v2_support.Proxy). The
attacker holds no key: all it can do is withhold, replay and mix what the store signed.
Every attack ends refused or reported, and the screens keep verified content.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from store_support import database_url  # noqa: F401 (fixture: SQLite and PostgreSQL)
from v2_support import clock, kiosk_at, publish, rig  # noqa: F401 (fixtures)

from kiosk.sync import SyncError, status

TIMESTAMP = "/v2/metadata/timestamp.json"


def failed(kiosk, reason: str | None = None) -> SyncError:
    with pytest.raises(SyncError) as caught:
        kiosk.sync()
    if reason is not None:
        assert caught.value.reason == reason, caught.value
    return caught.value


def test_a_304_freeze_holds_only_while_the_kiosk_s_own_signed_timestamp_lives(rig, clock, tmp_path):
    """A 304 is unsigned: it only lets the kiosk keep the signed timestamp it holds, which is
    verified again, expiry included — no more than a replay of that statement gains."""
    store, proxy, kiosk = rig
    fresh_until = kiosk.syncer.cache.get_meta(status.FRESH_UNTIL)
    store.withdraw("guide", "dan")
    proxy.rule = lambda path, upstream: (304, {}, b"") if path == TIMESTAMP else None
    clock.advance(timedelta(hours=1))
    assert kiosk.sync().kind == "none"  # within its lifetime, as a replay: cannot be told from "nothing new"
    assert "guide" in kiosk.items()  # the screens keep what they have
    assert kiosk.syncer.cache.get_meta(status.FRESH_UNTIL) == fresh_until  # a 304 never extends freshness
    clock.advance(timedelta(days=2))
    error = failed(kiosk, "stale")
    assert error.kind == "refused"
    report = status.read(kiosk.cache, now=clock.now()).to_dict()
    assert report["stale"] and report["stale_since"] == fresh_until
    assert f"stale: no valid signed statement from the store since {fresh_until}" in report["last_error"]  # heartbeat
    with kiosk_at(tmp_path / "fresh", proxy.url, store, clock) as fresh:  # holds nothing: a 304 is an error
        assert "304" in str(failed(fresh))
    proxy.rule = None  # the freeze ends: the withdrawal gets through
    kiosk.sync()
    assert "guide" not in kiosk.items()
    assert not status.read(kiosk.cache, now=clock.now()).stale


def test_a_replayed_timestamp_is_good_only_until_it_expires(rig, clock):
    store, proxy, kiosk = rig
    recorded = proxy.recorded[TIMESTAMP]
    store.withdraw("guide", "dan")
    proxy.rule = lambda path, upstream: recorded if path == TIMESTAMP else None
    assert kiosk.sync().kind == "none"  # within its lifetime a replay cannot be told from "nothing new"
    clock.advance(timedelta(hours=7))  # past the store's 6-hour timestamps
    failed(kiosk, "stale")
    assert status.read(kiosk.cache, now=clock.now()).stale
    assert "guide" in kiosk.items()  # not reached, but reported; nothing forged is shown


def test_an_older_timestamp_and_snapshot_replayed_to_a_kiosk_that_holds_newer_is_refused(rig, clock, tmp_path):
    store, proxy, kiosk = rig
    old = dict(proxy.recorded)
    store.withdraw("guide", "dan")
    kiosk.sync()
    assert "guide" not in kiosk.items()
    proxy.rule = lambda path, upstream: old.get(path)  # everything as it was before the withdrawal
    failed(kiosk, "rollback")
    assert "guide" not in kiosk.items()


def test_an_older_feed_replayed_to_a_fresh_kiosk_after_it_expired_is_refused(rig, clock, tmp_path):
    store, proxy, kiosk = rig
    old = dict(proxy.recorded)
    store.withdraw("guide", "dan")
    clock.advance(timedelta(hours=7))
    proxy.rule = lambda path, upstream: old.get(path)
    with kiosk_at(tmp_path / "fresh", proxy.url, store, clock) as fresh:
        failed(fresh, "stale")
        assert fresh.items() == {}


def test_an_older_feed_replayed_to_a_kiosk_enrolled_after_it_is_refused_within_its_lifetime(rig, clock, tmp_path):
    store, proxy, _kiosk = rig
    old = dict(proxy.recorded)  # the attacker recorded the feed while "guide" was live
    store.withdraw("guide", "dan")
    proxy.rule = lambda path, upstream: old.get(path)  # and replays it, well within the 6-hour lifetime
    with kiosk_at(tmp_path / "fresh", proxy.url, store, clock, enroll="lobby-new") as fresh:
        error = failed(fresh, "rollback")
        assert "older than this kiosk's enrollment" in str(error)
        assert fresh.items() == {}  # nothing of the recorded feed is shown: no withdrawn "guide"
        assert "enrollment" in status.read(fresh.cache, now=clock.now()).last_error
        proxy.rule = None  # the store answers again: the kiosk syncs the feed as it is now
        fresh.sync()
        assert fresh.items() == {"points": 1}


def test_a_dropped_bin_fails_the_sync_and_the_next_one_catches_up(rig, clock):
    store, proxy, kiosk = rig
    store.withdraw("guide", "dan")
    proxy.rule = lambda path, upstream: (404, {}, b"") if ".bin-" in path else None
    failed(kiosk)
    assert "guide" in kiosk.items()
    proxy.rule = None
    kiosk.sync()
    assert "guide" not in kiosk.items()


def test_new_metadata_with_an_old_document_refuses_that_item_only(rig, clock, tmp_path):
    store, proxy, kiosk = rig
    old_documents = {p: a for p, a in proxy.recorded.items() if p.startswith("/v2/targets/")}
    old_points = next(iter(old_documents.values()))
    publish(store, tmp_path, "年度工作要点（修订）", "points")
    store.withdraw("guide", "dan")
    proxy.rule = lambda path, upstream: (
        old_points
        if path.startswith("/v2/targets/") and path not in old_documents and b"withdrawal" not in upstream()[2]
        else None
    )
    result = kiosk.sync()
    assert "guide" not in kiosk.items()  # the withdrawal in the same batch applied
    assert kiosk.items() == {"points": 1}  # the old revision stays; the spoiled new one is not shown
    refused = status.read(kiosk.cache, now=clock.now()).refusals
    assert refused["points"]["reason"] == "hash"
    assert result.removed == 1
    proxy.rule = None  # the bin did not change since, but a refused item is tried again
    kiosk.sync()
    assert kiosk.items() == {"points": 2}
    assert "points" not in status.read(kiosk.cache, now=clock.now()).refusals


def test_a_kiosk_whose_store_is_gone_goes_stale_but_keeps_its_content(rig, clock):
    store, proxy, kiosk = rig
    proxy.rule = lambda path, upstream: (503, {}, b"")
    clock.advance(timedelta(hours=5))
    failed(kiosk)
    assert not status.read(kiosk.cache, now=clock.now()).stale
    clock.advance(timedelta(hours=2))
    failed(kiosk)
    report = status.read(kiosk.cache, now=clock.now())
    assert report.stale and kiosk.items() == {"points": 1, "guide": 1}
