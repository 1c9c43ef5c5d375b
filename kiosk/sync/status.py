"""What the kiosk knows about its syncing, kept in the content cache's meta table.

The feed version is written in the same transaction as the content it describes; the
attempt, success and error fields are written after every attempt. The admin overlay
(through the Qt bridge) and ``kiosk status --json`` read them back with :func:`read`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.cache import ContentCache

FEED_VERSION = "feed_version"
FEED_EXPIRES = "feed_expires_at"
LAST_ATTEMPT = "sync_last_attempt"
LAST_SUCCESS = "sync_last_success"
LAST_ERROR = "sync_last_error"
LAST_ERROR_REASON = "sync_last_error_reason"
#: Protocol v2: when the newest verified signed timestamp expires (after that: stale).
FRESH_UNTIL = "fresh_until"
#: Protocol v2: items refused one by one (JSON: id → reason and message).
REFUSALS = "sync_refusals"
#: Protocol v2: the last fork detected (instant and detail).
FORK = "sync_fork"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    store_url: str
    source: str
    feed_version: int
    items: int
    last_attempt: datetime | None
    last_success: datetime | None
    #: Empty when the last attempt succeeded.
    last_error: str
    last_error_reason: str
    fresh_until: datetime | None = None
    #: When the newest verified statement expired (None while fresh, or under protocol v1).
    stale_since: datetime | None = None
    refusals: dict[str, Any] | None = None
    fork: str = ""
    #: Seconds this kiosk's clock is ahead of the store's (negative: behind), from the
    #: ``Date`` header of the store's last answer; None before any answer.
    clock_offset: float | None = None

    @property
    def ok(self) -> bool:
        return not self.last_error

    @property
    def stale(self) -> bool:
        """Protocol v2: the newest verified signed statement has expired."""
        return self.stale_since is not None

    def to_dict(self) -> dict[str, Any]:
        def text(value: datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            "store_url": self.store_url,
            "source": self.source,
            "feed_version": self.feed_version,
            "items": self.items,
            "last_attempt": text(self.last_attempt),
            "last_success": text(self.last_success),
            "last_error": self.last_error or None,
            "last_error_reason": self.last_error_reason or None,
            "fresh_until": text(self.fresh_until),
            "stale": self.stale_since is not None,
            "stale_since": text(self.stale_since),
            "refused_items": self.refusals or {},
            "fork": self.fork or None,
            "clock_offset": self.clock_offset,
        }


def success_meta(now: datetime) -> dict[str, str]:
    """The status fields of a successful attempt (to be written with its batch)."""
    stamp = now.isoformat()
    return {LAST_ATTEMPT: stamp, LAST_SUCCESS: stamp, LAST_ERROR: "", LAST_ERROR_REASON: ""}


def record_success(cache: ContentCache, now: datetime) -> None:
    cache.set_meta(**success_meta(now))


def record_failure(cache: ContentCache, now: datetime, reason: str, message: str) -> None:
    # Only the status fields: the content and its feed version stay exactly as they were.
    cache.set_meta(**{LAST_ATTEMPT: now.isoformat(), LAST_ERROR: message, LAST_ERROR_REASON: reason})


def read(cache: ContentCache, store_url: str = "", now: datetime | None = None) -> SyncStatus:
    def instant(key: str) -> datetime | None:
        value = cache.get_meta(key)
        try:
            return datetime.fromisoformat(value) if value else None
        except ValueError:
            return None

    fresh_until = instant(FRESH_UNTIL)
    try:
        refusals = json.loads(cache.get_meta(REFUSALS) or "{}")
    except ValueError:
        refusals = {}

    return SyncStatus(
        store_url=store_url,
        source=cache.get_meta("source", "") or "",
        feed_version=cache.feed_version,
        items=cache.count(),
        last_attempt=instant(LAST_ATTEMPT),
        last_success=instant(LAST_SUCCESS),
        last_error=cache.get_meta(LAST_ERROR, "") or "",
        last_error_reason=cache.get_meta(LAST_ERROR_REASON, "") or "",
        fresh_until=fresh_until,
        stale_since=fresh_until if fresh_until is not None and (now or datetime.now(UTC)) >= fresh_until else None,
        refusals=refusals,
        fork=cache.get_meta(FORK, "") or "",
    )
