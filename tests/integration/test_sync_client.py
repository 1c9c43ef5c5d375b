"""The sync client against a real HTTP store on loopback: snapshots, deltas, what is fetched."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from fake_store import TOKEN, flip_byte
from support import NOW, make_item
from sync_support import kiosk_config, with_attachment

from kiosk import demo
from kiosk.cache import ContentCache
from kiosk.changes import ContentChange
from kiosk.clock import FakeClock
from kiosk.sync import SyncError, staging, sync_once
from kiosk.sync import status as sync_status
from kiosk.sync import syncer as syncer_module


@pytest.fixture
def config(fake_store, tmp_path):
    return kiosk_config(fake_store, tmp_path)


@pytest.fixture
def cache(config):
    opened = ContentCache(config.cache_file)
    yield opened
    opened.close()


def test_first_sync_takes_the_snapshot_with_attachments(fake_store, config, cache):
    a, assets = with_attachment("a", b"\x89PNG fake image bytes")
    fake_store.publish([a, make_item("b")], assets=assets)
    result = sync_once(config, cache)
    assert (result.kind, result.feed_version, result.written, result.assets) == ("snapshot", 1, 2, 1)
    assert result.changed
    assert {i.id for i in cache.items(NOW)} == {"a", "b"}
    assert cache.assets.read(a.attachments[0].sha256) == b"\x89PNG fake image bytes"
    assert cache.feed_version == 1
    assert cache.feed_entries() == {e.id: (e.revision, e.sha256) for e in fake_store.current_items().values()}
    status = sync_status.read(cache)
    assert status.ok and status.last_success is not None and status.source == "store"


def test_a_poll_with_nothing_new_is_one_request_answered_304(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    sync_once(config, cache)
    before = len(fake_store.requests)
    result = sync_once(config, cache)
    assert result.kind == "none" and not result.changed
    new = fake_store.requests[before:]
    assert [(r.path, r.status) for r in new] == [("/v1/feed/delta?since=1", 304)]
    assert new[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_a_delta_fetches_only_the_changed_item(fake_store, config, cache):
    items = [make_item(f"i{n}") for n in range(20)]
    fake_store.publish(items)
    sync_once(config, cache)
    before = len(fake_store.requests)
    fake_store.publish(items[:5] + [make_item("i5", revision=2, title="修订")] + items[6:])
    result = sync_once(config, cache)
    assert (result.kind, result.fetched, result.written, result.removed) == ("delta", 1, 1, 0)
    assert result.change == ContentChange(revised=frozenset({"i5"}), categories=frozenset({"central-work"}))
    paths = [r.path for r in fake_store.requests[before:]]
    assert paths[0] == "/v1/feed/delta?since=1"
    assert [p for p in paths if p.startswith("/v1/items/")] == [f"/v1/items/{fake_store.current_items()['i5'].sha256}"]
    assert cache.item("i5", NOW).title == "修订"


def test_a_withdrawal_removes_the_item_and_its_unused_attachment(fake_store, config, cache):
    a, a_assets = with_attachment("a", b"only a uses this")
    b, b_assets = with_attachment("b", b"b uses this")
    fake_store.publish([a, b], assets={**a_assets, **b_assets})
    sync_once(config, cache)
    fake_store.withdraw("a")
    result = sync_once(config, cache)
    assert (result.kind, result.removed) == ("delta", 1)
    assert result.change == ContentChange(removed=frozenset({"a"}), categories=frozenset({"central-work"}))
    assert cache.item_ids() == {"b"}
    assert not cache.assets.has(a.attachments[0].sha256)
    assert cache.assets.has(b.attachments[0].sha256)


def test_documents_already_held_are_not_downloaded_again_from_a_snapshot(fake_store, config, cache):
    items = [make_item(f"i{n}") for n in range(10)]
    fake_store.publish(items)
    sync_once(config, cache)
    # The store forgot old deltas: the kiosk falls back to the snapshot (410 first).
    fake_store.publish(items[:9] + [make_item("new")])
    fake_store.oldest_delta = fake_store.version
    before = len(fake_store.requests)
    result = sync_once(config, cache)
    requests = [(r.path, r.status) for r in fake_store.requests[before:]]
    assert requests[:2] == [("/v1/feed/delta?since=1", 410), ("/v1/feed/snapshot", 200)]
    assert [p for p, _ in requests if p.startswith("/v1/items/")] == [
        f"/v1/items/{fake_store.current_items()['new'].sha256}"
    ]
    assert (result.kind, result.fetched, result.written, result.removed) == ("snapshot", 1, 1, 1)
    assert (result.change.added, result.change.revised, result.change.removed) == ({"new"}, set(), {"i9"})
    assert cache.item_ids() == {f"i{n}" for n in range(9)} | {"new"}
    assert cache.feed_version == 2


def test_a_snapshot_request_carries_the_held_version(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    sync_once(config, cache)
    fake_store.oldest_delta = 5  # every delta is "too old" now
    before = len(fake_store.requests)
    result = sync_once(config, cache)
    snapshot = fake_store.requests[before + 1]
    assert snapshot.headers["If-None-Match"] == '"v1"' and snapshot.status == 304
    assert result.kind == "none"


def test_a_store_configured_kiosk_drops_the_demo_pack(fake_store, config):
    from dataclasses import replace

    demo_config = replace(config, store=replace(config.store, url=""))
    cache = demo.open_content(demo_config)
    assert cache.count() > 10
    cache.close()
    cache = demo.open_content(config)
    try:
        assert cache.count() == 0
        fake_store.publish([make_item("a")])
        result = sync_once(config, cache)
        assert result.kind == "snapshot"
        assert cache.item_ids() == {"a"}
        assert cache.referenced_assets() == set()
        assert list(cache.assets.root.glob("??/*")) == []
    finally:
        cache.close()


def test_progress_is_reported_every_500_documents(fake_store, config, cache, monkeypatch, caplog):
    monkeypatch.setattr(syncer_module, "PROGRESS_EVERY", 4)
    fake_store.publish([make_item(f"i{n}") for n in range(10)])
    seen = []
    with caplog.at_level(logging.INFO, logger="kiosk.sync"):
        sync_once(config, cache, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(4, 10), (8, 10), (10, 10)]
    progress = [r.getMessage() for r in caplog.records if "item documents" in r.getMessage()]
    assert [m.split(" (")[0] for m in progress] == [
        f"sync: {n} of 10 item documents downloaded and verified" for n in (4, 8, 10)
    ]


def test_an_unknown_device_token_is_refused_with_a_clear_line(fake_store, tmp_path):
    fake_store.publish([make_item("a")])
    config = kiosk_config(fake_store, tmp_path, device_token="revoked")
    cache = ContentCache(config.cache_file)
    try:
        with pytest.raises(SyncError) as caught:
            sync_once(config, cache)
        assert caught.value.reason == "unauthorized"
        assert "device token (401)" in caught.value.line
        assert cache.count() == 0
        assert sync_status.read(cache).last_error_reason == "unauthorized"
    finally:
        cache.close()


def test_an_unreachable_store_is_a_failure_not_a_refusal(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    sync_once(config, cache)
    fake_store.stop()
    with pytest.raises(SyncError) as caught:
        sync_once(config, cache)
    assert (caught.value.kind, caught.value.reason) == ("failed", "unreachable")
    assert cache.item_ids() == {"a"}
    status = sync_status.read(cache)
    assert status.last_error.startswith("sync failed: cannot reach the store")
    assert status.last_success is not None and status.feed_version == 1


def test_retry_after_of_a_busy_store_reaches_the_error(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    fake_store.fault("/v1/feed/", status=503, headers={"Retry-After": "42"})
    with pytest.raises(SyncError) as caught:
        sync_once(config, cache)
    assert caught.value.retry_after == 42.0
    assert "HTTP 503" in str(caught.value)


def test_the_summary_says_what_a_sync_did(fake_store, config, cache):
    a, assets = with_attachment("a", b"\x89PNG summary bytes")
    fake_store.publish([a, make_item("b")], assets=assets)
    first = sync_once(config, cache)
    assert first.summary() == (
        "feed version 1 (snapshot from 0): 2 items written, 0 removed, 2 documents and 1 attachments downloaded"
    )
    assert sync_once(config, cache).summary() == "feed version 1: nothing new"


def test_a_snapshot_at_the_held_version_is_applied_and_repairs_a_missing_item(fake_store, config, cache):
    # A store may answer a delta request with a snapshot; one of the version already held is
    # still a full statement of what to show: an item the cache lost is fetched again.
    fake_store.publish([make_item("a"), make_item("b")])
    sync_once(config, cache)
    with sqlite3.connect(config.cache_file) as conn:
        conn.execute("DELETE FROM items WHERE id = 'b'")
    conn.close()
    fake_store.replay = fake_store.snapshots[1]
    result = sync_once(config, cache)
    assert (result.kind, result.feed_version, result.fetched) == ("snapshot", 1, 1)
    assert {i.id for i in cache.items(NOW)} == {"a", "b"}


def test_a_delta_to_the_held_version_is_nothing_new(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    sync_once(config, cache)
    # A signed delta that starts and ends at the version held (a store answering "no change"
    # with a body instead of a 304): nothing to apply, nothing fetched, the content unchanged.
    fake_store.replay = fake_store.delta_envelope(1)
    before = len(fake_store.requests)
    result = sync_once(config, cache)
    assert (result.kind, result.feed_version, result.changed) == ("none", 1, False)
    assert [r.path for r in fake_store.requests[before:]] == ["/v1/feed/delta?since=1"]
    assert {i.id for i in cache.items(NOW)} == {"a"}


def test_a_long_poll_answer_is_applied_by_the_next_sync(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    client = syncer_module.client_for(config)
    try:
        syncer = syncer_module.make_syncer(config, client, cache)
        syncer.sync()
        fake_store.publish([make_item("a"), make_item("b")])
        answer = syncer.wait_for_change(1, 5)
        assert fake_store.requests[-1].path.startswith("/v1/feed/delta?since=1&wait=5")
        before = len(fake_store.requests)
        result = syncer.sync(prefetched=(1, answer))
        # The answer held is used: no feed request of its own.
        assert not [r.path for r in fake_store.requests[before:] if r.path.startswith("/v1/feed/")]
        assert (result.kind, result.feed_version, result.written) == ("delta", 2, 1)
        assert {i.id for i in cache.items(NOW)} == {"a", "b"}
        # A sync that waits asks the store to hold its delta request.
        fake_store.publish([make_item("a"), make_item("b"), make_item("c")])
        assert syncer.sync(wait=7).feed_version == 3
        assert [r.path for r in fake_store.requests if r.path.startswith("/v1/feed/")][-1] == (
            "/v1/feed/delta?since=2&wait=7"
        )
    finally:
        client.close()


def test_staging_left_by_dead_or_old_attempts_is_removed_and_a_live_ones_kept(fake_store, config, cache):
    import os
    import subprocess
    import sys
    import time

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    # Another syncing process, alive until the end of the test (a child of ours: a mutated
    # liveness check that signals it harms nothing else).
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    root = config.cache_file.parent / "sync-staging"
    folders = {
        "live": root / f"batch-{live.pid}-x",
        "mine": root / f"batch-{os.getpid()}-x",
        "dead": root / f"batch-{dead.pid}-x",
        "old": root / f"batch-{live.pid}-old",
        "unnamed": root / "leftover",
    }
    for folder in folders.values():
        folder.mkdir(parents=True)
        (folder / "part").write_bytes(b"half a download")
    old = time.time() - staging.STALE_AFTER - 60
    os.utime(folders["old"], (old, old))
    fake_store.publish([make_item("a")])
    try:
        sync_once(config, cache)
    finally:
        live.stdin.close()
        live.wait()
    assert {name for name, folder in folders.items() if folder.exists()} == {"live", "mine"}


def test_a_delta_records_the_new_version_and_its_entries(fake_store, config, cache):
    fake_store.publish([make_item("a"), make_item("b")])
    sync_once(config, cache)
    fake_store.publish([make_item("a"), make_item("b", revision=2, title="修订"), make_item("c")])
    result = sync_once(config, cache)
    assert result.summary() == (
        "feed version 2 (delta from 1): 2 items written, 0 removed, 2 documents and 0 attachments downloaded"
    )
    assert cache.feed_version == 2
    assert cache.feed_entries() == {e.id: (e.revision, e.sha256) for e in fake_store.current_items().values()}
    before = len(fake_store.requests)
    assert sync_once(config, cache).kind == "none"
    assert [r.path for r in fake_store.requests[before:]] == ["/v1/feed/delta?since=2"]


def test_downloads_are_staged_in_the_state_directory_and_removed_after(fake_store, config, cache, monkeypatch):
    import tempfile

    # A kiosk's system temporary folder may be read-only or another disk: staging never uses it.
    monkeypatch.setattr(tempfile, "tempdir", str(config.cache_file.parent / "no-such-folder"))
    a, assets = with_attachment("a", b"\x89PNG staged bytes")
    fake_store.publish([a], assets=assets)
    assert sync_once(config, cache).assets == 1
    assert cache.assets.read(a.attachments[0].sha256) == b"\x89PNG staged bytes"
    assert list((config.cache_file.parent / "sync-staging").iterdir()) == []


def test_the_first_refused_document_stops_the_other_downloads(fake_store, config, cache):
    items = [make_item(f"i{n:03d}") for n in range(300)]
    fake_store.publish(items, documents={"i000": b"not a signed document"})
    with pytest.raises(SyncError) as refused:
        sync_once(config, cache)
    assert refused.value.kind == "refused"
    assert cache.item_ids() == set()
    # The downloads already under way finish; the ones still queued are never asked for.
    assert fake_store.count("/v1/items/") < len(items)


def test_a_document_of_another_revision_than_its_entry_is_refused(fake_store, config, cache):
    b2 = make_item("b", revision=2)
    fake_store.publish([make_item("a"), b2], documents={"b": fake_store.document(dataclasses.replace(b2, revision=3))})
    with pytest.raises(SyncError) as refused:
        sync_once(config, cache)
    assert (refused.value.kind, refused.value.reason) == ("refused", "mismatch")
    assert "holds b revision 3, but the feed lists it as b revision 2" in str(refused.value)
    assert cache.item_ids() == set()


def test_a_poll_with_nothing_new_records_its_success_and_previous_version(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)  # after the feed was signed
    clock = FakeClock(start)
    sync_once(config, cache, clock=clock)
    assert sync_status.read(cache).last_success == start
    clock.advance(60)
    result = sync_once(config, cache, clock=clock)
    assert (result.kind, result.previous_version, result.feed_version) == ("none", 1, 1)
    assert sync_status.read(cache).last_success == start + timedelta(seconds=60)


def test_a_sync_that_changed_something_logs_its_summary(fake_store, config, cache, caplog):
    fake_store.publish([make_item("a")])
    with caplog.at_level(logging.INFO, logger="kiosk.sync.syncer"):
        result = sync_once(config, cache)
    assert f"sync: {result.summary()}" in [r.getMessage() for r in caplog.records]


def test_a_snapshot_after_a_forgotten_delta_says_where_it_came_from(fake_store, config, cache, caplog):
    fake_store.publish([make_item("a")])
    sync_once(config, cache)
    fake_store.publish([make_item("a"), make_item("b")])
    fake_store.oldest_delta = fake_store.version
    with caplog.at_level(logging.INFO, logger="kiosk.sync.syncer"):
        result = sync_once(config, cache)
    assert (result.kind, result.previous_version, result.feed_version) == ("snapshot", 1, 2)
    assert "sync: the store no longer has a delta from version 1; fetching the snapshot" in [
        r.getMessage() for r in caplog.records
    ]


def test_a_forged_feed_is_refused_in_words_and_kept_in_the_status(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    fake_store.fault("/v1/feed/", flip_byte)
    with pytest.raises(SyncError) as refused:
        sync_once(config, cache)
    assert refused.value.kind == "refused" and "feed" in str(refused.value), str(refused.value)
    assert sync_status.read(cache).last_error == refused.value.line
    assert cache.item_ids() == set()


def test_a_delta_in_answer_to_a_snapshot_request_is_refused(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    sync_once(config, cache)
    fake_store.publish([make_item("a"), make_item("b")])
    delta = fake_store.delta_envelope(1)
    fake_store.oldest_delta = fake_store.version  # the kiosk asks for the snapshot...
    fake_store.fault("/v1/feed/snapshot", lambda body: delta)  # ...and gets a delta
    with pytest.raises(SyncError) as refused:
        sync_once(config, cache)
    assert (refused.value.kind, refused.value.reason) == ("refused", "malformed")
    assert cache.item_ids() == {"a"}


def test_an_attachment_already_held_is_not_downloaded_again_nor_stops_the_next(fake_store, config, cache):
    shared = b"\x89PNG shared by a and b"
    a, a_assets = with_attachment("a", shared)
    fake_store.publish([a], assets=a_assets)
    sync_once(config, cache)
    b, b_assets = with_attachment("b", b"\x89PNG only b")
    b = dataclasses.replace(b, attachments=(a.attachments[0], *b.attachments))
    fake_store.publish([a, b], assets={**a_assets, **b_assets})
    before = len(fake_store.requests)
    result = sync_once(config, cache)
    assert result.assets == 1
    assert [r.path for r in fake_store.requests[before:] if r.path.startswith("/v1/assets/")] == [
        f"/v1/assets/{b.attachments[1].sha256}"
    ]
    assert cache.assets.read(b.attachments[1].sha256) == b"\x89PNG only b"


def test_the_first_sync_of_a_process_sweeps_attachments_nothing_refers_to(fake_store, config, cache):
    fake_store.publish([make_item("a")])
    sync_once(config, cache)
    # A kill between adopting a batch's attachments and its commit leaves such a file.
    orphan = hashlib.sha256(b"left by a killed sync").hexdigest()
    cache.assets.path(orphan).parent.mkdir(parents=True, exist_ok=True)
    cache.assets.path(orphan).write_bytes(b"left by a killed sync")
    assert sync_once(config, cache).kind == "none"
    assert not cache.assets.has(orphan)
