"""Stopping the store closes every PostgreSQL connection, even one in use at that moment.

The server cancels its background loops (and any request past the graceful timeout)
while a worker thread may be inside a database call. Held here on purpose: the feed
re-evaluation of the poll loop is made to wait inside a read transaction until the server
has begun to stop. The database then must show no connection left from the store.
"""

from __future__ import annotations

import threading

import psycopg
from store_support import fresh_pg_database, libpq_url
from support import NOW
from v2_support import RunningStore, make_store

from kiosk.clock import FakeClock
from kiosk.store import feedstate


def test_a_database_call_in_flight_at_shutdown_leaves_no_connection_open(tmp_path, monkeypatch):
    with fresh_pg_database() as url:
        store = make_store(tmp_path, FakeClock(NOW), url)
        inside, release = threading.Event(), threading.Event()
        real = feedstate.reconcile_if_due

        def held(db, now):
            with db.read() as session:
                session.connection()  # checked out, as any re-evaluation does
                inside.set()
                release.wait(10)
            return real(db, now)

        with RunningStore(store):
            monkeypatch.setattr(feedstate, "reconcile_if_due", held)
            assert inside.wait(10)
            threading.Timer(0.3, release.set).start()  # it finishes after the server began to stop
        store.db.close()
        with psycopg.connect(libpq_url(url)) as probe:
            left = probe.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        assert left == 0, f"{left} connection(s) of the stopped store still open"
