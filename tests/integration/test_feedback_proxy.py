"""No fault loses feedback: a proxy in front of a real store, answering uploads with its
own error pages, never makes the kiosk set a record aside.

The store is the real ``kiosk-store serve`` on loopback; between it and the kiosk's real
upload code (:mod:`kiosk.sync.upload`, :mod:`kiosk.sync.transport`, :mod:`kiosk.outbox`)
sits the small reverse proxy of ``tests/proxy_support.py``: while it fails, it answers
every ``POST /v1/feedback`` itself with 503, 404, 403, 400 or 405 and an HTML page, as a
load balancer in maintenance does; then it recovers and forwards.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime

import pytest
from feedback_support import make_store, serving
from proxy_support import Proxy

from kiosk import config as config_module
from kiosk import feedback as fb
from kiosk.outbox import Outbox
from kiosk.sync.backoff import Backoff
from kiosk.sync.jobs import SyncService
from kiosk.sync.syncer import client_for
from kiosk.sync.upload import FeedbackUploader

pytestmark = pytest.mark.e2e

STATUSES = [503, 404, 403, 400, 405]


def _config_through(store, proxy_url, tmp_path):
    text = store.config_text().replace(store.url, proxy_url)
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return config_module.load(path)


def _records(n: int, now: datetime) -> list[fb.Feedback]:
    return [
        fb.new(
            "suggestion",
            text=f"第{i}条建议：大厅需要更多座椅",
            consent=True,
            name=f"访客{i}",
            phone=f"1370000000{i}",
            now=now,
        )
        for i in range(n)
    ]


@pytest.fixture
def through_proxy(tmp_path):
    """(store, proxy, outbox, uploader): a real store served behind a failing proxy."""
    store = make_store(tmp_path)
    with serving(store) as base, Proxy(base, failing=STATUSES) as proxy:
        config = _config_through(store, proxy.url, tmp_path)
        outbox = Outbox(config.outbox_file)
        client = client_for(config)
        uploader = FeedbackUploader(client, outbox, Backoff(base=0.01, cap=0.05))
        try:
            yield store, proxy, outbox, uploader
        finally:
            client.close()
            outbox.close()


def test_a_proxy_s_error_pages_set_nothing_aside_and_everything_arrives_once_after(through_proxy):
    store, proxy, outbox, uploader = through_proxy
    now = datetime.now(UTC)
    records = _records(5, now)
    for record in records:
        outbox.submit(record, now)

    for _ in STATUSES:
        round_ = uploader.run(force=True)
        assert round_.error is not None and round_.sent == 0 and round_.rejected == 0
    assert proxy.refused == STATUSES  # each status was met once
    assert outbox.counts() == {"pending": 5, "rejected": 0}
    # Each round began with a record not yet tried: all five met the proxy once.
    assert sorted(e["attempts"] for e in outbox.listing()) == [1, 1, 1, 1, 1]
    assert store.records() == []

    proxy.recover()
    round_ = uploader.run(force=True)
    assert (round_.sent, round_.rejected, round_.error) == (5, 0, None)
    assert outbox.counts() == {"pending": 0, "rejected": 0}
    # Exactly once at the HTTP layer: five uploads reached the store, each answered 200 once.
    assert proxy.count("POST", "/v1/feedback") == 5
    assert proxy.count("POST", "/v1/feedback", 200) == 5
    assert len(set(proxy.accepted_bodies)) == 5
    assert sorted(r["id"] for r in store.records()) == sorted(r.id for r in records)


def test_only_the_store_s_own_refusal_sets_a_record_aside_and_retry_requeues_it(through_proxy):
    store, proxy, outbox, uploader = through_proxy
    proxy.recover()
    now = datetime.now(UTC)
    good = _records(2, now)
    # An item id the store never issues: its own 422, with the code for "never acceptable".
    bad = fb.new("opinion", text="关于这一条的意见", item_id="no such/item", item_revision=1, now=now)
    for record in (good[0], bad, good[1]):
        outbox.submit(record, now)
    round_ = uploader.run(force=True)
    assert (round_.sent, round_.rejected) == (2, 1)
    listing = outbox.listing()
    assert [(e["id"], e["state"]) for e in listing] == [(bad.id, "rejected")]
    assert fb.REFUSAL_INVALID in listing[0]["last_error"]

    requeued, unknown = outbox.requeue([fb.reference_code(bad.id), "NOT-ONE"])
    assert requeued == [bad.id] and unknown == ["NOT-ONE"]
    assert outbox.counts() == {"pending": 1, "rejected": 0}


NOT_ACKNOWLEDGEMENTS = {
    "200 html page": 200,
    "200 other json": (200, "application/json", b'{"status": "ok"}'),
    "302 to a login page": 302,
    "404 json of another server": (404, "application/json", b'{"detail": "Not Found"}'),
}


@pytest.mark.parametrize("answer", sorted(NOT_ACKNOWLEDGEMENTS))
def test_an_answer_that_is_not_the_store_s_acknowledgement_keeps_the_record(through_proxy, answer):
    """A captive portal's page, someone else's JSON, a redirect to a login page: none of them
    acknowledges the record, none of them is the store's refusal; the record waits."""
    store, proxy, outbox, uploader = through_proxy
    proxy.failing = [NOT_ACKNOWLEDGEMENTS[answer]]
    now = datetime.now(UTC)
    record = _records(1, now)[0]
    outbox.submit(record, now)
    round_ = uploader.run(force=True)
    assert round_.error is not None and round_.sent == 0
    assert outbox.counts() == {"pending": 1, "rejected": 0}
    assert proxy.logins == 0  # a POST is never turned into a GET of somebody's page
    proxy.recover()
    assert uploader.run(force=True).sent == 1
    assert [r["id"] for r in store.records()] == [record.id]


def test_entries_an_older_kiosk_set_aside_go_back_in_the_queue(tmp_path):
    """Before refusals carried codes, a proxy's 404 set records aside; the new version requeues them."""
    path = tmp_path / "outbox.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE entries (id TEXT PRIMARY KEY, body BLOB NOT NULL, kind TEXT NOT NULL, rating TEXT,
            item_id TEXT, has_contact INTEGER NOT NULL, text_length INTEGER NOT NULL, created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT);
        CREATE TABLE submissions (at REAL NOT NULL);
        INSERT INTO entries VALUES ('a', x'7b7d', 'opinion', NULL, NULL, 0, 5, '2026-11-26T06:00:00+00:00',
            'rejected', 1, 'the store refused the feedback (HTTP 404): <html>');
    """)
    conn.commit()
    conn.close()
    outbox = Outbox(path)
    try:
        assert outbox.counts() == {"pending": 1, "rejected": 0}
        assert [e.id for e in outbox.pending()] == ["a"]
    finally:
        outbox.close()


def _ignore(_value) -> None:
    pass


def test_the_service_tries_a_failed_upload_again_when_its_back_off_ends(tmp_path):
    """Not an upload interval (here an hour) later, nor only at the next visitor's submission:
    the sync service retries a failed round itself once the back-off allows it."""
    store = make_store(tmp_path)
    now = datetime.now(UTC)
    record = _records(1, now)[0]
    with serving(store) as base, Proxy(base, failing=[503, 503], cycle=False) as proxy:
        config = _config_through(store, proxy.url, tmp_path)
        outbox = Outbox(config.outbox_file)
        outbox.submit(record, now)
        outbox.close()
        service = SyncService(
            config,
            on_changed=_ignore,
            on_status=_ignore,
            upload_interval=3600,
            upload_backoff=Backoff(base=0.01, cap=0.05),
        )
        service.start()
        try:
            arrived = threading.Event()
            for _ in range(400):  # a plain thread, no Qt: look every 50 ms, for 20 s at most
                if store.records() or arrived.wait(0.05):
                    break
        finally:
            service.stop()
        assert proxy.refused == [503, 503]  # two rounds failed, then the third went through
    assert [r["id"] for r in store.records()] == [record.id]
