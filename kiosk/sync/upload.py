"""Feedback upload: empty the outbox into the store, exactly once per record.

The record's own id is the idempotency key, so a retry after a lost answer (or after the
kiosk was killed between the store's commit and ours) is answered "already have it", and
only then — an answer that names the record's id — is the local copy deleted. Only the
store's own refusal for good sets a record aside (and the round goes on); every other
failure (network, timeouts, 401, 408, 429, 5xx, a proxy's HTML page of any status) stops
the round and backs off exponentially with full jitter, never sooner than ``Retry-After``.
The failed record goes to the back of the queue, so the next round starts with another.

Runs on the sync service's worker threads (:mod:`kiosk.sync.jobs`), never on the UI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from kiosk.outbox import Outbox
from kiosk.sync.backoff import Backoff
from kiosk.sync.errors import FeedbackRejected, SyncError
from kiosk.sync.transport import StoreClient

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UploadRound:
    sent: int = 0
    rejected: int = 0
    #: The error that ended the round early (the rest waits for the back-off), if any.
    error: SyncError | None = None
    skipped: bool = False


class FeedbackUploader:
    def __init__(self, client: StoreClient, outbox: Outbox, backoff: Backoff | None = None) -> None:
        self._client = client
        self._outbox = outbox
        self._backoff = backoff or Backoff(base=2.0, cap=600.0)
        self._not_before = 0.0
        self._running = threading.Lock()

    @property
    def retry_in(self) -> float:
        return max(0.0, self._not_before - time.monotonic())

    def run(self, stopping: threading.Event | None = None, force: bool = False) -> UploadRound:
        """Upload everything pending, unless backing off (``force`` ignores the back-off)."""
        if not force and time.monotonic() < self._not_before:
            return UploadRound(skipped=True)
        # One round at a time; a round already running picks up what was just added.
        if not self._running.acquire(blocking=False):
            return UploadRound(skipped=True)
        try:
            return self._round(stopping)
        finally:
            self._running.release()

    def _round(self, stopping: threading.Event | None) -> UploadRound:
        sent = rejected = 0
        while stopping is None or not stopping.is_set():
            batch = self._outbox.pending()
            if not batch:
                break
            for entry in batch:
                if stopping is not None and stopping.is_set():
                    break
                try:
                    answer = self._client.post_feedback(entry.body)
                    if answer.get("id") != entry.id:
                        # A 200 with some other JSON (a proxy's, a cache's) is no acknowledgement.
                        raise SyncError(
                            "failed",
                            "http",
                            "the feedback upload's answer does not acknowledge this record; will retry",
                        )
                except FeedbackRejected as exc:
                    log.warning("feedback %s set aside: %s", entry.id, exc)
                    self._outbox.rejected(entry.id, str(exc))
                    rejected += 1
                    continue
                except SyncError as exc:
                    if exc.reason != "stopped":
                        self._outbox.failed(entry.id, str(exc))
                        delay = self._backoff.failed(exc.retry_after)
                        self._not_before = time.monotonic() + delay
                        log.info("feedback upload: %s; next attempt in %.1f s", exc, delay)
                    return UploadRound(sent=sent, rejected=rejected, error=exc)
                # Only now, with the store's answer in hand, does the local copy go.
                self._outbox.acknowledged(entry.id)
                self._backoff.succeeded()
                self._not_before = 0.0
                sent += 1
        return UploadRound(sent=sent, rejected=rejected)
