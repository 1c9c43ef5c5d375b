"""Usage upload: seal the hours that are over, then send each batch to the store once.

The round is the feedback upload's (:class:`kiosk.sync.upload.Uploader`): the batch's id
is the idempotency key and only an answer naming it marks the hour sent. Sealing first
turns every hour that is over into a fixed batch, so a retry sends the same bytes.

Runs on the sync service's worker threads, never on the UI thread.
"""

from __future__ import annotations

from typing import Any

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.sync.backoff import Backoff
from kiosk.sync.transport import StoreClient
from kiosk.sync.upload import Uploader
from kiosk.usage_outbox import UsageOutbox


class UsageUploader(Uploader):
    noun = "usage batch"

    def __init__(
        self, client: StoreClient, outbox: UsageOutbox, threshold: int, clock: Clock, backoff: Backoff | None = None
    ) -> None:
        super().__init__(outbox, backoff)
        self._client = client
        self._outbox = outbox
        self._threshold = threshold
        self._clock = clock

    @classmethod
    def of(cls, config: Config, client: StoreClient, outbox: UsageOutbox, clock: Clock) -> UsageUploader:
        """The kiosk's uploader: its threshold from ``[usage]``, a back-off of its own."""
        return cls(client, outbox, config.usage.suppress_below, clock)

    def _prepare(self) -> None:
        self._outbox.seal(self._clock.now(), self._threshold)

    def _post(self, body: bytes) -> dict[str, Any]:
        return self._client.post_usage(body)
