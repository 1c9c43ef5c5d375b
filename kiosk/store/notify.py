"""Waking long-polls: the newest feed version a serving process knows of, kept current.

A long-poll waits on a :class:`VersionWatch` and costs no thread while it waits. Two
sources move the watch forward:

* :func:`poll_loop`, in every process: re-evaluates the feed when a time boundary is due
  (an item's ``public_from`` reached, its ``expires_at`` passed) and reads the current
  version — every ~200 ms on SQLite, where it is also how a publication made by the
  command line (another process) is noticed; every second on PostgreSQL.
* :func:`listen_loop`, on PostgreSQL: ``LISTEN`` on the channel that every new version is
  announced on (:func:`kiosk.store.feedstate.reconcile` sends the ``NOTIFY`` in the
  transaction that makes the version), so a publication through any process or the
  command line wakes the long-polls of every process at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TypeVar

from anyio import to_thread

from kiosk.clock import Clock
from kiosk.store import feedstate
from kiosk.store.db import Database

log = logging.getLogger("kiosk.store")

SQLITE_POLL_INTERVAL = 0.2
POSTGRESQL_POLL_INTERVAL = 1.0

T = TypeVar("T")


async def in_thread(func: Callable[[], T]) -> T:
    """``func()`` in a worker thread; when cancelled meanwhile, first waits for the thread to end.

    anyio's worker threads are shielded from anyio's own cancel scopes, not from asyncio's
    ``Task.cancel()`` — which is what stopping the server does (to the background loops
    and to requests still running past the graceful timeout). Cancelled that way, the
    awaiting task ends at once while its thread goes on holding a database connection
    after the server has stopped, past the engine's disposal: a connection never closed.
    """
    work = asyncio.ensure_future(to_thread.run_sync(func))
    try:
        return await asyncio.shield(work)
    except asyncio.CancelledError:
        await asyncio.wait([work])
        raise


class VersionWatch:
    """The newest version known here, and an event for those waiting on a newer one."""

    def __init__(self, version: int = 0) -> None:
        self.version = version
        self._changed = asyncio.Event()

    def update(self, version: int) -> None:
        if version > self.version:
            self.version = version
            # Wake everyone waiting now; later waiters wait on a fresh event.
            self._changed.set()
            self._changed = asyncio.Event()

    async def wait_beyond(self, version: int, timeout: float) -> bool:
        """Wait until a version above ``version`` is known, at most ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.version <= version:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return False
        return True


async def poll_loop(db: Database, watch: VersionWatch, clock: Clock, interval: float) -> None:
    while True:
        try:
            watch.update(await in_thread(lambda: feedstate.reconcile_if_due(db, clock.now())))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a database hiccup must not end the loop: try again next time
            log.warning("feed re-evaluation failed: %s", exc)
        await asyncio.sleep(interval)


async def listen_loop(db: Database, watch: VersionWatch) -> None:
    import psycopg

    while True:
        try:
            connection = await psycopg.AsyncConnection.connect(db.libpq_url(), autocommit=True)
            # Closed in ``finally`` rather than by ``async with``: a cancellation delivered
            # inside ``__aenter__`` (the server stopping) would leave it open.
            try:
                await connection.execute(f"LISTEN {feedstate.CHANNEL}")
                async for notice in connection.notifies():
                    try:
                        watch.update(int(notice.payload))
                    except ValueError:
                        log.warning("ignoring a malformed notification %r", notice.payload)
            finally:
                await connection.close()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the poll loop still moves the watch meanwhile, only slower
            log.warning("LISTEN connection lost (%s); reconnecting", exc)
        await asyncio.sleep(1.0)
