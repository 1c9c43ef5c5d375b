"""Uploads to the store, exactly once per record: one round shared by feedback and usage.

A record's own id is the idempotency key, so a retry after a lost answer (or after the
kiosk was killed between the store's commit and ours) is answered as the first upload was,
and only then — an answer that names the record's id — is the local copy acknowledged
(feedback deleted, a usage hour marked sent). Only the store's own refusal for good sets a
record aside (and the round goes on); every other failure (network, timeouts, 401, 408,
429, 5xx, a proxy's HTML page of any status) stops the round and backs off exponentially
with full jitter, never sooner than ``Retry-After``. The failed record is tried after the
others next time, so one bad record does not hold up the queue.

Runs on the sync service's worker threads (:mod:`kiosk.sync.jobs`), never on the UI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

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


class Parcel(Protocol):
    """One record as a queue hands it out: its idempotency key and the bytes to send."""

    @property
    def id(self) -> str: ...
    @property
    def body(self) -> bytes: ...


class Queue(Protocol):
    """What an upload needs of a local outbox."""

    def pending(self) -> Sequence[Parcel]: ...
    def acknowledged(self, record_id: str, /) -> None: ...
    def failed(self, record_id: str, error: str, /) -> None: ...
    def rejected(self, record_id: str, error: str, /) -> None: ...


class Uploader:
    """Empties one queue into one store endpoint; subclasses say which (``_post``) and
    what to do before a round (``_prepare``)."""

    #: How the log names a record of this queue.
    noun = "record"

    def __init__(self, queue: Queue, backoff: Backoff | None = None) -> None:
        self._queue = queue
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
            self._prepare()
            return self._round(stopping)
        finally:
            self._running.release()

    def _prepare(self) -> None:
        """Before a round: nothing, unless the queue fills itself."""

    def _post(self, body: bytes) -> dict[str, Any]:
        raise NotImplementedError

    def _round(self, stopping: threading.Event | None) -> UploadRound:
        sent = rejected = 0
        while stopping is None or not stopping.is_set():
            batch = self._queue.pending()
            if not batch:
                break
            for parcel in batch:
                if stopping is not None and stopping.is_set():
                    break
                try:
                    answer = self._post(parcel.body)
                    if answer.get("id") != parcel.id:
                        # A 200 with some other JSON (a proxy's, a cache's) is no acknowledgement.
                        raise SyncError(
                            "failed", "http", f"the {self.noun} upload's answer does not acknowledge it; will retry"
                        )
                except FeedbackRejected as exc:
                    log.warning("%s %s set aside: %s", self.noun, parcel.id, exc)
                    self._queue.rejected(parcel.id, str(exc))
                    rejected += 1
                    continue
                except SyncError as exc:
                    if exc.reason != "stopped":
                        self._queue.failed(parcel.id, str(exc))
                        delay = self._backoff.failed(exc.retry_after)
                        self._not_before = time.monotonic() + delay
                        log.info("%s upload: %s; next attempt in %.1f s", self.noun, exc, delay)
                    return UploadRound(sent=sent, rejected=rejected, error=exc)
                # Only now, with the store's answer in hand, is the local copy let go.
                self._queue.acknowledged(parcel.id)
                self._backoff.succeeded()
                self._not_before = 0.0
                sent += 1
        return UploadRound(sent=sent, rejected=rejected)


class FeedbackUploader(Uploader):
    """The feedback outbox to ``POST /v1/feedback``: an acknowledged record is deleted."""

    noun = "feedback"

    def __init__(self, client: StoreClient, outbox: Outbox, backoff: Backoff | None = None) -> None:
        super().__init__(outbox, backoff)
        self._client = client

    def _post(self, body: bytes) -> dict[str, Any]:
        return self._client.post_feedback(body)
