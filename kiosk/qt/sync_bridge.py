"""The sync service inside the Qt application: its callbacks become queued Qt signals.

:class:`~kiosk.sync.jobs.SyncService` runs on APScheduler's worker threads and knows no
Qt. Its callbacks here only *emit* signals of this object (emitting is thread-safe); this
object lives on the UI thread, so Qt queues the delivery there, where the slots may touch
the content hub and, through it, the screens. The UI thread never waits on the network.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.config import Config
from kiosk.qt.content_hub import ContentHub
from kiosk.sync.jobs import SyncService
from kiosk.sync.status import SyncStatus
from kiosk.sync.syncer import SyncResult

log = logging.getLogger(__name__)


class SyncBridge(QObject):
    #: A batch changed what may be shown (emitted on a worker thread, delivered queued).
    synced = Signal(object)
    #: After every attempt: a :class:`SyncStatus` for the admin overlay.
    statusChanged = Signal(object)

    def __init__(self, config: Config, hub: ContentHub, parent: QObject | None = None, **service_options) -> None:
        super().__init__(parent)
        self._hub = hub
        self.status: SyncStatus | None = None
        # Bound methods, not lambdas: a closure would keep this object alive (PySide6 >= 6.5).
        self.synced.connect(self._on_synced)
        self.statusChanged.connect(self._on_status)
        self.service = SyncService(
            config, on_changed=self.synced.emit, on_status=self.statusChanged.emit, clock=hub.clock, **service_options
        )

    def start(self) -> None:
        self.service.start()

    def sync_now(self) -> None:
        self.service.sync_now()

    def upload_now(self) -> None:
        """Upload the feedback outbox soon (a visitor just submitted)."""
        self.service.upload_now()

    def stop(self) -> None:
        """Stop the jobs (a long-poll in flight is cut); signals not yet delivered are dropped."""
        self.service.stop()

    @Slot(object)
    def _on_synced(self, result: SyncResult) -> None:
        log.info("sync: content changed (%s)", result.summary())
        if self._hub.ready:  # a signal queued before stop() may arrive after the hub closed
            self._hub.notify_changed(result.change)

    @property
    def has_synced(self) -> bool:
        """Whether a sync has succeeded since this kiosk started."""
        return self.status is not None and self.status.last_success is not None

    @Slot(object)
    def _on_status(self, status: SyncStatus) -> None:
        self.status = status
