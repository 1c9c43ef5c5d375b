"""Sync as recurring work: APScheduler jobs around one serialized :class:`Syncer`.

Four jobs on a ``BackgroundScheduler`` (not ``QtScheduler``, whose timers cannot be
stopped under PySide6):

* **long-poll loop** — holds ``GET /v1/feed/delta?since=N&wait=S`` open, so a publication
  or a withdrawal arrives within moments; runs for the life of the service;
* **interval poll** — every ``poll_interval`` seconds with jitter: a conditional request
  that still works behind proxies that cut long requests;
* **heartbeat** — reports the kiosk's state (:mod:`kiosk.sync.heartbeat`) at its interval,
  and soon after what it reports changes — a new feed version, a new error, feedback queued
  or delivered;
* **feedback upload** — every ``store.upload_interval`` seconds of the configuration (and at once after a submission,
  :meth:`SyncService.upload_now`), empties the feedback outbox (:mod:`kiosk.sync.upload`), then
  seals and sends the hours of anonymous use that are over (:mod:`kiosk.sync.usage_upload`),
  and fetches where this kiosk's feedback stands (:mod:`kiosk.sync.feedback_status`).

Both sync paths call the same attempt under one lock. Failures back off exponentially
with full jitter (and ``Retry-After``); both paths respect the same back-off. After a
batch that changed what screens may show, ``on_changed(result)`` is called on the worker
thread; after every attempt, ``on_status(status)``. Callbacks must not block.
:meth:`SyncService.stop` returns promptly: it aborts the long-poll's connection.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from kiosk.cache import ContentCache
from kiosk.clock import Clock, SystemClock
from kiosk.config import Config
from kiosk.outbox import Outbox, OutboxError
from kiosk.sync import feedback_status
from kiosk.sync import status as sync_status
from kiosk.sync.backoff import Backoff
from kiosk.sync.errors import SyncError
from kiosk.sync.heartbeat import Heartbeat
from kiosk.sync.syncer import Syncer, SyncResult, client_for, make_syncer
from kiosk.sync.transport import FeedAnswer
from kiosk.sync.upload import FeedbackUploader
from kiosk.sync.usage_upload import UsageUploader
from kiosk.usage_outbox import UsageOutbox

log = logging.getLogger(__name__)

#: Seconds the store may hold a long-poll (the protocol allows up to 60).
LONG_POLL_WAIT = 30.0
#: A store that answers long-polls at once (no long-poll support, or a proxy) is asked
#: at most this often, so the loop never spins.
MIN_LONG_POLL_SPACING = 1.0
HEARTBEAT_INTERVAL = 300.0


class SyncService:
    def __init__(
        self,
        config: Config,
        *,
        on_changed: Callable[[SyncResult], None] | None = None,
        on_status: Callable[[sync_status.SyncStatus], None] | None = None,
        clock: Clock | None = None,
        long_poll_wait: float = LONG_POLL_WAIT,
        backoff: Backoff | None = None,
        heartbeat_interval: float = HEARTBEAT_INTERVAL,
        upload_interval: float | None = None,
        upload_backoff: Backoff | None = None,
    ) -> None:
        if not config.uses_store:
            raise ValueError("no store configured")
        self.config = config
        self.clock = clock or SystemClock()
        self.long_poll_wait = long_poll_wait
        self.heartbeat_interval = heartbeat_interval
        self._on_changed = on_changed
        self._on_status = on_status
        self._backoff = backoff or Backoff()
        self._not_before = 0.0  # time.monotonic() before which no attempt is made
        self._lock = threading.Lock()  # one attempt at a time
        self._open_lock = threading.Lock()
        self._stopping = threading.Event()
        self._client = client_for(config)
        self._cache: ContentCache | None = None
        self._syncer: Syncer | None = None
        self._scheduler: BackgroundScheduler | None = None
        self.upload_interval = upload_interval if upload_interval is not None else config.store.upload_interval
        self._upload_backoff = upload_backoff
        self._uploader: FeedbackUploader | None = None
        self._outbox: Outbox | None = None
        self._usage_uploader: UsageUploader | None = None
        self._usage_outbox: UsageOutbox | None = None
        self._beat = Heartbeat(self._client, self.status, self.outbox_counts)
        self._client.clock = self.clock

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> None:
        interval = self.config.store.poll_interval
        scheduler = BackgroundScheduler(timezone=UTC, job_defaults={"coalesce": True, "misfire_grace_time": None})
        scheduler.add_job(self._long_poll_loop, id="sync-long-poll", name="sync: long-poll loop", max_instances=1)
        scheduler.add_job(
            self._interval_poll,
            IntervalTrigger(seconds=interval, jitter=interval / 10),
            id="sync-poll",
            name="sync: interval poll",
            max_instances=1,
        )
        scheduler.add_job(
            self._beat.send,
            IntervalTrigger(seconds=self.heartbeat_interval, jitter=self.heartbeat_interval / 10),
            id="sync-heartbeat",
            name="sync: heartbeat",
            max_instances=1,
        )
        scheduler.add_job(
            self._upload,
            IntervalTrigger(seconds=self.upload_interval, jitter=self.upload_interval / 10),
            id="feedback-upload",
            name="feedback: upload",
            max_instances=1,
        )
        scheduler.add_job(self._upload, name="feedback: first upload")  # what waited while the kiosk was off
        self._scheduler = scheduler
        scheduler.start()

    def sync_now(self) -> None:
        """Run one attempt soon, whatever the back-off says (the admin overlay's "sync now")."""
        if self._scheduler is not None and not self._stopping.is_set():
            self._scheduler.add_job(self._attempt, kwargs={"force": True}, name="sync: now")

    def upload_now(self) -> None:
        """Upload the outbox soon (a visitor just submitted), unless backing off."""
        if self._scheduler is not None and not self._stopping.is_set():
            self._scheduler.add_job(self._upload, name="feedback: upload now")

    def set_device_info(self, screens: list[dict[str, Any]], cjk_font: str | None) -> None:
        """The screens (name, role, region) and the CJK font the kiosk runs with, for the heartbeat."""
        self._beat.device_info = {"screens": [dict(s) for s in screens], "cjk_font": cjk_font}
        if self._scheduler is not None and not self._stopping.is_set():
            # In a worker: building a report reads the cache and the outbox (the caller may
            # be the UI thread).
            self._scheduler.add_job(self._heartbeat_if_changed, name="sync: heartbeat on change")

    @property
    def clock_offset(self) -> float | None:
        """Seconds this clock is ahead of the store's (its last answer's ``Date``), or None."""
        return self._client.clock_offset

    def stop(self) -> None:
        """Stop every job and end a long-poll in flight; returns when all workers ended."""
        self._stopping.set()
        self._client.abort()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        self._client.close()
        if self._cache is not None:
            self._cache.close()
            self._cache = None
        if self._outbox is not None:
            self._outbox.close()
            self._outbox = None
        if self._usage_outbox is not None:
            self._usage_outbox.close()
            self._usage_outbox = None

    # -- jobs ------------------------------------------------------------------------

    def _long_poll_loop(self) -> None:
        while not self._stopping.is_set():
            delay = self._not_before - time.monotonic()
            if delay > 0 and self._stopping.wait(delay):
                return
            started = time.monotonic()
            try:
                self._long_poll_once()
            except Exception:  # the loop must outlive any bug; the next round tries again
                log.exception("sync: long-poll round failed")
                self._failed(None)
            spare = MIN_LONG_POLL_SPACING - (time.monotonic() - started)
            if spare > 0 and self._stopping.wait(spare):
                return

    def _long_poll_once(self) -> None:
        syncer = self._get_syncer()
        held = syncer.held_version
        if not syncer.holds_version:  # version 0 is a version: a store with nothing published is long-polled
            self._attempt()
            return
        # Wait for news outside the lock: the interval poll and "sync now" stay free to run.
        log.debug("sync: long-poll from version %d (up to %g s)", held, self.long_poll_wait)
        try:
            answer = syncer.wait_for_change(held, self.long_poll_wait)
        except SyncError as exc:
            if exc.reason != "stopped":
                with self._lock:
                    syncer.record_failure(exc)
                self._failed(exc)
            return
        if answer.not_modified and syncer.signed_freshness:
            # An unsigned "nothing new" proves nothing: check the signed timestamp.
            self._attempt()
            return
        if answer.not_modified:
            with self._lock:
                sync_status.record_success(syncer.cache, self.clock.now())
            self._backoff.succeeded()
            self._report_status()
            return
        self._attempt(prefetched=(held, answer))

    def _interval_poll(self) -> None:
        if time.monotonic() >= self._not_before:
            self._attempt()

    def _attempt(self, prefetched: tuple[int, FeedAnswer] | None = None, force: bool = False) -> SyncResult | None:
        if self._stopping.is_set():
            return None
        if not force and time.monotonic() < self._not_before:
            return None
        with self._lock:
            try:
                result = self._get_syncer().sync(prefetched=prefetched)
            except SyncError as exc:
                if exc.reason != "stopped":
                    self._failed(exc)
                return None
        self._backoff.succeeded()
        self._not_before = 0.0
        if result.changed and self._on_changed is not None:
            self._on_changed(result)
        self._report_status()
        return result

    def _failed(self, exc: SyncError | None) -> None:
        delay = self._backoff.failed(exc.retry_after if exc is not None else None)
        self._not_before = time.monotonic() + delay
        log.info("sync: next attempt in %.1f s (failure %d in a row)", delay, self._backoff.failures)
        self._report_status()

    def _upload(self) -> None:
        while not self._stopping.is_set():
            again = False
            try:
                uploader = self._get_uploader()
                result = uploader.run(self._stopping)
                again = result.error is not None and result.error.reason != "stopped"
                self._upload_usage()
                feedback_status.refresh(self._client, self.config.state_dir)
            except OutboxError as exc:  # damaged or unwritable: one line each round, the file untouched
                log.error("feedback upload: %s", exc)
            except Exception:  # the job must outlive any bug (a full disk, a damaged outbox)
                log.exception("feedback upload round failed")
            self._heartbeat_if_changed()
            # A round that failed (the store busy for a moment) is tried again when its short
            # back-off ends, not an upload interval later; a longer back-off is left to the
            # interval job, so no worker waits across its next run. The wait stays in this
            # worker: adding a job from a job could deadlock a scheduler that is shutting
            # down, and a stop ends the wait at once.
            if not again or uploader.retry_in > self.upload_interval / 2 or self._stopping.wait(uploader.retry_in):
                return

    def _upload_usage(self) -> None:
        try:
            with self._open_lock:
                if self._usage_uploader is None:
                    self._usage_outbox = UsageOutbox(self.config.state_dir)
                    self._usage_uploader = UsageUploader.of(self.config, self._client, self._usage_outbox, self.clock)
            self._usage_uploader.run(self._stopping)
        except sqlite3.Error as exc:  # damaged or unwritable: one line a round (the screen moves it aside)
            log.error("usage upload: the use counts file cannot be read: %s", exc)
        except Exception:  # the job must outlive any bug
            log.exception("usage upload round failed")

    def _get_uploader(self) -> FeedbackUploader:
        with self._open_lock:
            if self._uploader is None:
                self._outbox = Outbox(self.config.outbox_file)
                self._uploader = FeedbackUploader(self._client, self._outbox, self._upload_backoff)
        return self._uploader

    def outbox_counts(self) -> tuple[int, int] | None:
        """Feedback waiting for upload, and feedback the store refused (set aside for a person
        at the kiosk: ``kiosk outbox``); None when the outbox cannot be read."""
        try:
            self._get_uploader()  # opens the outbox
            if self._outbox is None:
                return None
            counts = self._outbox.counts()
        except Exception:
            log.exception("cannot read the feedback outbox")
            return None
        return counts["pending"], counts["rejected"]

    def _heartbeat_if_changed(self) -> None:
        """Send a heartbeat now (on a worker thread) if what it reports changed since the last one."""
        if self._scheduler is None or self._stopping.is_set():
            return
        # Sent from this worker: adding a job here could wait forever on a scheduler that is
        # shutting down (it holds its lock while it waits for this very job).
        self._beat.send_if_changed()

    # -- state -----------------------------------------------------------------------

    @property
    def retry_in(self) -> float:
        """Seconds until the back-off allows the next attempt (0 when it is not backing off)."""
        return max(0.0, self._not_before - time.monotonic())

    def _cache_rebuilt(self, _cache: ContentCache) -> None:
        self.sync_now()

    def status(self) -> sync_status.SyncStatus:
        return replace(
            sync_status.read(self._get_syncer().cache, self.config.store.url), clock_offset=self.clock_offset
        )

    def _report_status(self) -> None:
        if self._on_status is not None and not self._stopping.is_set():
            self._on_status(self.status())
        self._heartbeat_if_changed()

    def _get_syncer(self) -> Syncer:
        # Opened in a worker thread on first use: opening may migrate the schema.
        if self._syncer is None:
            with self._open_lock:
                if self._syncer is None:
                    # Rebuilt after damage (found here or by the screens): fetch the snapshot now.
                    self._cache = ContentCache(self.config.cache_file, on_rebuilt=self._cache_rebuilt)
                    self._syncer = make_syncer(self.config, self._client, self._cache, clock=self.clock)
        return self._syncer
