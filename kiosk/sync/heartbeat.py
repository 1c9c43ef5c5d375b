"""What a kiosk reports to the store in its heartbeat, and when a change is worth one.

A heartbeat carries the version, uptime, feed version and since when it is stale, the
last sync, the outbox's size (pending and set aside), the last error, the screens and the
CJK font in use. It is sent at its interval and soon after any of these changes — uptime
and the last sync aside: they change all the time, and alone they send nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from kiosk import __version__
from kiosk.sync.errors import SyncError
from kiosk.sync.status import SyncStatus
from kiosk.sync.transport import StoreClient

log = logging.getLogger(__name__)

#: Heartbeat fields that change at every poll or second: a change of these alone sends nothing.
_RESTLESS = ("uptime", "last_sync")

#: The longest ``last_error`` a heartbeat carries: the store refuses a longer one (422), and
#: a refused heartbeat would hide the kiosk from the fleet view exactly when it has trouble.
HEARTBEAT_ERROR_CHARS = 2000


class Heartbeat:
    """Builds and sends the heartbeat; safe to call from several worker threads."""

    def __init__(
        self,
        client: StoreClient,
        status: Callable[[], SyncStatus],
        outbox_counts: Callable[[], tuple[int, int] | None],
    ) -> None:
        self._client = client
        self._status = status
        self._outbox_counts = outbox_counts
        self._started = time.monotonic()  # the uptime counts from here
        #: What the screens side says about the machine: its screens and CJK font (set once started).
        self.device_info: dict[str, Any] = {}
        #: The heartbeat last sent, without the fields that change all the time.
        self._last_reported: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def report(self) -> dict[str, Any]:
        current = self._status()
        pending, set_aside = self._outbox_counts() or (None, None)
        return {
            "app_version": __version__,
            "feed_version": current.feed_version,
            "last_sync": current.last_success.isoformat() if current.last_success else None,
            "outbox_size": pending,
            "outbox_set_aside": set_aside,
            "uptime": int(time.monotonic() - self._started),
            "stale_since": current.stale_since.isoformat() if current.stale_since else None,
            "last_error": reportable_error(current.last_error),
            "screens": self.device_info.get("screens", []),
            "cjk_font": self.device_info.get("cjk_font"),
        }

    def send(self, report: dict[str, Any] | None = None) -> None:
        with self._lock:
            report = report or self.report()
            try:
                self._client.heartbeat(report)
            except SyncError as exc:
                if exc.reason != "stopped":
                    log.info("sync: heartbeat not delivered: %s", exc)
                return
            self._last_reported = _lasting(report)

    def send_if_changed(self) -> None:
        """Send one now if what it reports changed since the last one delivered."""
        try:
            report = self.report()
        except Exception:  # the cache is being rebuilt, the outbox cannot be read: the interval will tell
            log.debug("sync: no heartbeat on change", exc_info=True)
            return
        if _lasting(report) != self._last_reported:
            self.send(report)


def _lasting(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k not in _RESTLESS}


def reportable_error(text: str | None) -> str | None:
    """``text`` as the store accepts it in a heartbeat: bounded, and without the characters
    neither of its databases can store (NUL, lone surrogates) - an error line may quote what
    a hostile or broken store sent."""
    if not text:
        return None
    cleaned = "".join("\ufffd" if ch == "\0" or "\ud800" <= ch <= "\udfff" else ch for ch in text)
    if len(cleaned) > HEARTBEAT_ERROR_CHARS:
        cleaned = cleaned[: HEARTBEAT_ERROR_CHARS - 1] + "…"
    return cleaned
