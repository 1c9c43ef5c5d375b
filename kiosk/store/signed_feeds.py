"""The v1 feed as the store serves it: signed snapshots and deltas, kept per version.

Many kiosks ask for the same version at once (every long-poll wakes on one publication),
so each signed document is made once and kept: deltas are small and shared, so 256 of
them; snapshots are large, so two. A kept document is signed again once it is an hour
old, or when the clock went back (it would claim an issue time in the future).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime, timedelta

from kiosk import feed
from kiosk.store import feedstate
from kiosk.store.service import Store

#: A signed feed is re-signed (fresh issue and expiry times) once it is this old.
REISSUE_AFTER = timedelta(hours=1)


class SignedFeeds:
    """Signed snapshots and deltas, kept per version: many kiosks ask for the same bytes."""

    def __init__(self, store: Store, store_key) -> None:
        self._store = store
        self._key = store_key
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, tuple[datetime, int, bytes]] = OrderedDict()

    def _signed(self, key: tuple, version: int, make) -> tuple[int, bytes]:
        now = self._store.clock.now()
        with self._lock:
            held = self._cache.get(key)
            # Re-signed when old, or when the clock went back (it would claim a future issue time).
            if held is not None and now - REISSUE_AFTER < held[0] <= now:
                self._cache.move_to_end(key)
                return held[1], held[2]
        document = make(now)
        with self._lock:
            self._cache[key] = (now, version, document)
            # Deltas are small and many kiosks share them; snapshots are large: keep few.
            limit = 2 if key[0] == "snapshot" else 256
            for old in [k for k in self._cache if k[0] == key[0]][:-limit]:
                del self._cache[old]
        return version, document

    def snapshot(self) -> tuple[int, bytes]:
        with self._store.db.read() as session:
            version, entries = feedstate.snapshot(session)

        def make(now: datetime) -> bytes:
            return feed.sign_feed(
                feed.FeedVersion(
                    kind="snapshot",
                    version=version,
                    issued_at=now,
                    expires_at=now + feed.FEED_LIFETIME,
                    entries=entries,
                ),
                self._key,
            )

        return self._signed(("snapshot", version), version, make)

    def delta(self, since: int) -> tuple[int, bytes]:
        """Raises :class:`feedstate.NotModified` or :class:`feedstate.Gone`."""
        with self._store.db.read() as session:
            change = feedstate.delta(session, since)

        def make(now: datetime) -> bytes:
            return feed.sign_feed(
                feed.FeedVersion(
                    kind="delta",
                    version=change.version,
                    since=since,
                    issued_at=now,
                    expires_at=now + feed.FEED_LIFETIME,
                    entries=change.entries,
                    removals=change.removals,
                ),
                self._key,
            )

        return self._signed(("delta", since, change.version), change.version, make)
