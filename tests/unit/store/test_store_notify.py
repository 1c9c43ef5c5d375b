"""Waking long-polls: the version watch, and PostgreSQL's NOTIFY reaching a listening process."""

from __future__ import annotations

import asyncio

import psycopg
from store_support import fresh_pg_database, libpq_url

from kiosk.store import feedstate, notify
from kiosk.store.db import Database


def test_the_watch_wakes_waiters_only_for_a_newer_version():
    async def scenario():
        watch = notify.VersionWatch(3)
        assert not await watch.wait_beyond(3, 0.05)  # times out: nothing newer
        assert await watch.wait_beyond(2, 0.05)  # already newer: no wait
        waiter = asyncio.create_task(watch.wait_beyond(3, 5))
        await asyncio.sleep(0)
        watch.update(3)  # not newer: still waiting
        await asyncio.sleep(0)
        assert not waiter.done()
        watch.update(4)
        assert await waiter

    asyncio.run(scenario())


def test_notify_from_another_connection_moves_the_watch():
    with fresh_pg_database() as url:
        db = Database(url)

        async def scenario():
            watch = notify.VersionWatch(0)
            listener = asyncio.create_task(notify.listen_loop(db, watch))
            try:
                with psycopg.connect(libpq_url(url), autocommit=True) as other:
                    # LISTEN starts asynchronously: announce until heard, within a deadline.
                    loop = asyncio.get_running_loop()
                    deadline = loop.time() + 10
                    while watch.version != 7 and loop.time() < deadline:
                        other.execute("SELECT pg_notify(%s, %s)", (feedstate.CHANNEL, "7"))
                        await watch.wait_beyond(0, 0.1)
                assert watch.version == 7
            finally:
                listener.cancel()
                await asyncio.gather(listener, return_exceptions=True)

        try:
            asyncio.run(scenario())
        finally:
            db.close()
