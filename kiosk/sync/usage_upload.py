"""Usage upload: seal the hours that are over, then send each batch to the store once.

As the feedback upload (:mod:`kiosk.sync.upload`): the batch's id is the idempotency key,
so a retry after a lost answer (or after the kiosk was killed between the store's commit
and ours) is answered as the first upload was, and only an answer naming the batch's id
marks it sent. The store's own refusal for good sets it aside; any other failure ends the
round and backs off with full jitter, never sooner than ``Retry-After``.

Runs on the sync service's worker threads, never on the UI thread.
"""

from __future__ import annotations

import logging
import threading
import time

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.sync.backoff import Backoff
from kiosk.sync.errors import FeedbackRejected, SyncError
from kiosk.sync.transport import StoreClient
from kiosk.sync.upload import UploadRound
from kiosk.usage_outbox import UsageOutbox

log = logging.getLogger(__name__)


class UsageUploader:
    def __init__(
        self, client: StoreClient, outbox: UsageOutbox, threshold: int, clock: Clock, backoff: Backoff | None = None
    ) -> None:
        self._client = client
        self._outbox = outbox
        self._threshold = threshold
        self._clock = clock
        self._backoff = backoff or Backoff(base=2.0, cap=600.0)
        self._not_before = 0.0
        self._running = threading.Lock()

    @classmethod
    def of(cls, config: Config, client: StoreClient, outbox: UsageOutbox, clock: Clock) -> UsageUploader:
        """The kiosk's uploader: its threshold from ``[usage]``, a back-off of its own."""
        return cls(client, outbox, config.usage.suppress_below, clock)

    @property
    def retry_in(self) -> float:
        return max(0.0, self._not_before - time.monotonic())

    def run(self, stopping: threading.Event | None = None, force: bool = False) -> UploadRound:
        """Seal what is over and upload every pending batch, unless backing off."""
        if not force and time.monotonic() < self._not_before:
            return UploadRound(skipped=True)
        if not self._running.acquire(blocking=False):
            return UploadRound(skipped=True)
        try:
            self._outbox.seal(self._clock.now(), self._threshold)
            return self._round(stopping)
        finally:
            self._running.release()

    def _round(self, stopping: threading.Event | None) -> UploadRound:
        sent = rejected = 0
        for batch in self._outbox.pending():
            if stopping is not None and stopping.is_set():
                break
            try:
                answer = self._client.post_usage(batch.body)
                if answer.get("id") != batch.id:
                    raise SyncError("failed", "http", "the usage upload's answer does not acknowledge this batch")
            except FeedbackRejected as exc:
                log.warning("usage batch %s set aside: %s", batch.id, exc)
                self._outbox.rejected(batch.id, str(exc))
                rejected += 1
                continue
            except SyncError as exc:
                if exc.reason != "stopped":
                    self._outbox.failed(batch.id, str(exc))
                    delay = self._backoff.failed(exc.retry_after)
                    self._not_before = time.monotonic() + delay
                    log.info("usage upload: %s; next attempt in %.1f s", exc, delay)
                return UploadRound(sent=sent, rejected=rejected, error=exc)
            # Only now, with the store's answer in hand, is the hour marked sent.
            self._outbox.acknowledged(batch.id)
            self._backoff.succeeded()
            self._not_before = 0.0
            sent += 1
        return UploadRound(sent=sent, rejected=rejected)
