"""The sync jobs (long-poll loop, interval poll, heartbeat) against a store on loopback."""

from __future__ import annotations

import json
import queue
import threading
import time

import pytest
from support import make_item
from sync_support import kiosk_config, run_kiosk, write_config

from kiosk.sync.backoff import Backoff
from kiosk.sync.jobs import SyncService


class Recorder:
    """Collects the service's callbacks (called on its worker threads)."""

    def __init__(self) -> None:
        self.changes: queue.Queue = queue.Queue()
        self.statuses: queue.Queue = queue.Queue()

    def changed(self, result) -> None:
        self.changes.put(result)

    def status(self, status) -> None:
        self.statuses.put(status)

    def next_change(self, timeout: float = 10.0):
        return self.changes.get(timeout=timeout)

    def status_where(self, predicate, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while True:
            status = self.statuses.get(timeout=max(0.01, deadline - time.monotonic()))
            if predicate(status):
                return status


@pytest.fixture
def start_service(fake_store, tmp_path):
    started = []

    def start(**options) -> tuple[SyncService, Recorder]:
        recorder = Recorder()
        service = SyncService(
            kiosk_config(fake_store, tmp_path), on_changed=recorder.changed, on_status=recorder.status, **options
        )
        started.append(service)
        service.start()
        return service, recorder

    yield start
    for service in started:
        service.stop()


def test_a_withdrawal_reaches_a_long_polling_kiosk_through_its_held_request(fake_store, start_service, tmp_path):
    """The order of events, not their speed (benchmarks/wakeup.py measures that)."""
    fake_store.publish([make_item("stays"), make_item("withdrawn")])
    service, recorder = start_service()
    assert recorder.next_change().feed_version == 1
    # The kiosk is now holding a long-poll open at the store.
    held = f"/v1/feed/delta?since=1&wait={service.long_poll_wait:g}"
    assert fake_store.wait_until(lambda: fake_store.waiting(held), timeout=10)
    answered_before = len(fake_store.requests)

    fake_store.withdraw("withdrawn")
    # A hang guard, half the long-poll's own wait: an answer by then was a woken request.
    result = recorder.next_change(timeout=service.long_poll_wait / 2)

    assert (result.kind, result.removed) == ("delta", 1)
    # The first feed request the store answered after the withdrawal is the held long-poll,
    # with the change: not an interval poll, not a new request.
    assert fake_store.wait_until(lambda: len(fake_store.requests) > answered_before, timeout=10)
    answered = [r for r in fake_store.requests[answered_before:] if r.path.startswith("/v1/feed/")]
    assert (answered[0].path, answered[0].status) == (held, 200)
    listing = run_kiosk("--config", str(write_config(fake_store, tmp_path)), "items", "--json")
    assert [item["id"] for item in json.loads(listing.stdout)] == ["stays"]


def test_stop_ends_a_long_poll_in_flight(fake_store, start_service):
    fake_store.publish([make_item("a")])
    service, recorder = start_service(long_poll_wait=60)
    recorder.next_change()
    assert fake_store.wait_until(lambda: fake_store.waiting("/v1/feed/delta?since=1&wait=60"), timeout=10)
    # The long-poll would hold for 60 s; stop() cuts it (the leftover-thread check then
    # finds no worker still running).
    service.stop()
    assert not any(t.name.startswith("APScheduler") for t in threading.enumerate())


def test_a_failing_store_backs_off_and_reports_the_error(fake_store, start_service):
    fake_store.publish([make_item("a")])
    fake_store.fault("/v1/feed/", status=503, headers={"Retry-After": "120"})
    service, recorder = start_service(backoff=Backoff(base=0.01, cap=0.02))
    status = recorder.status_where(lambda s: not s.ok)
    assert status.last_error_reason == "http" and "HTTP 503" in status.last_error
    assert status.feed_version == 0 and status.items == 0
    # Retry-After: 120 keeps both the loop and the interval poll quiet, whatever the jitter said.
    assert service.retry_in > 60

    fake_store.heal()
    service.sync_now()  # the admin overlay's button: ignores the back-off
    assert recorder.next_change().feed_version == 1
    assert recorder.status_where(lambda s: s.ok).items == 1


def test_the_heartbeat_reports_feed_version_and_last_sync(fake_store, start_service):
    fake_store.publish([make_item("a")])
    service, recorder = start_service(heartbeat_interval=0.2)
    recorder.next_change()
    assert fake_store.wait_until(lambda: any(h["feed_version"] == 1 for h in fake_store.heartbeats), timeout=10)
    report = next(h for h in fake_store.heartbeats if h["feed_version"] == 1)
    assert set(report) == {
        "app_version",
        "feed_version",
        "last_sync",
        "outbox_size",
        "outbox_set_aside",
        "uptime",
        "stale_since",
        "last_error",
        "screens",
        "cjk_font",
    }
    assert report["last_sync"] and report["last_error"] is None
    assert (report["outbox_size"], report["outbox_set_aside"]) == (0, 0) and report["uptime"] >= 0
    assert report["stale_since"] is None


def test_the_heartbeat_is_sent_on_change_as_well_as_at_its_interval(fake_store, start_service):
    """An hour between interval heartbeats: every heartbeat seen here was sent by a change."""
    fake_store.publish([make_item("a")])
    service, recorder = start_service(heartbeat_interval=3600)
    recorder.next_change()
    assert fake_store.wait_until(lambda: any(h["feed_version"] == 1 for h in fake_store.heartbeats), timeout=10)

    screens = [{"name": "HDMI-1", "role": "touch", "region": [0, 0, 1920, 1080]}]
    service.set_device_info(screens, "Noto Sans CJK SC")
    assert fake_store.wait_until(lambda: any(h["screens"] == screens for h in fake_store.heartbeats), timeout=10)
    assert fake_store.heartbeats[-1]["cjk_font"] == "Noto Sans CJK SC"

    fake_store.publish([make_item("a"), make_item("b")])  # a new feed version
    assert fake_store.wait_until(lambda: any(h["feed_version"] == 2 for h in fake_store.heartbeats), timeout=10)
    sent = len(fake_store.heartbeats)
    for _ in range(3):  # polls that find nothing new send nothing
        service.sync_now()
        recorder.status_where(lambda s: s.ok)
    fake_store.publish([make_item("a"), make_item("b"), make_item("c")])
    assert fake_store.wait_until(lambda: any(h["feed_version"] == 3 for h in fake_store.heartbeats), timeout=10)
    assert len(fake_store.heartbeats) == sent + 1  # one heartbeat for the change, none per poll

    fake_store.fault("/v1/feed/", status=503)  # a new last error
    service.sync_now()
    assert fake_store.wait_until(lambda: any(h["last_error"] for h in fake_store.heartbeats), timeout=10)
    assert "HTTP 503" in fake_store.heartbeats[-1]["last_error"]


def test_the_status_carries_the_clock_offset_from_the_stores_date_header(fake_store, start_service):
    fake_store.publish([make_item("a")])
    service, recorder = start_service()
    status = recorder.status_where(lambda s: s.ok and s.items == 1)
    # The fake store's Date is its real clock and so is the kiosk's: within a few seconds.
    assert status.clock_offset is not None and abs(status.clock_offset) < 5
    assert status.to_dict()["clock_offset"] == status.clock_offset
