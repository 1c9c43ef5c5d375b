"""Several store processes on one PostgreSQL database: a publication made through the
command line is announced with ``NOTIFY``, and that is what wakes the long-polls held by
every serving process.

The serving processes check the database for new versions only once a day here
(``--poll-interval``), so nothing but the notification can wake a long-poll before its own
wait runs out; how fast it does is measured by ``benchmarks/wakeup.py``, not asserted.
"""

from __future__ import annotations

import tomllib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg
import pytest
import requests
from store_support import StoreCommand, fresh_pg_database, item_file, libpq_url

from kiosk import feed
from kiosk.store import feedstate
from kiosk.store.server import MAX_WAIT

pytestmark = pytest.mark.e2e

#: The serving processes' own check of the database: once a day, i.e. never during the test.
NO_FALLBACK_POLL = "86400"
#: A long-poll held for the longest wait the store allows returns by then even unwoken (the
#: store reads the database once more at the end). Waiting for its answer at most half of
#: that tells "woken" from "timed out" — a hang guard far above the milliseconds a
#: notification takes, not a speed requirement.
WOKEN_WITHIN = MAX_WAIT / 2


def test_a_publication_wakes_long_polls_on_every_process_through_notify(tmp_path):
    with fresh_pg_database() as url:
        cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", url)
        store_key = cmd.out("init")
        cmd.add_people(("dan", "admin"), ("alice", "author"), ("bob", "approver"))
        token = tomllib.loads(cmd.out("device", "enroll", "lobby-1", "--as", "dan"))["store"]["device_token"]
        item_id = cmd.out(
            "item",
            "add",
            str(item_file(tmp_path, "notice", "紧急通知", priority="urgent", expires_at="2036-12-31T00:00:00+08:00")),
            "--as",
            "alice",
        )
        cmd.run("item", "submit", item_id, "--as", "alice")
        cmd.run("item", "approve", item_id, "--as", "bob")

        serve = ("--poll-interval", NO_FALLBACK_POLL)
        with (
            cmd.serve(*serve) as first,
            cmd.serve(*serve) as second,
            requests.Session() as http,
            psycopg.connect(libpq_url(url), autocommit=True) as listener,
        ):
            listener.execute(f"LISTEN {feedstate.CHANNEL}")
            auth = {"Authorization": f"Bearer {token}"}
            events: list[tuple[str, object]] = []

            def long_poll(base: str):
                response = http.get(
                    f"{base}/v1/feed/delta", params={"since": 0, "wait": MAX_WAIT}, headers=auth, timeout=MAX_WAIT + 10
                )
                events.append(("answered", base))
                return response

            with ThreadPoolExecutor(max_workers=2) as pool:
                waiting = [pool.submit(long_poll, base) for base in (first, second)]
                events.append(("publishing", None))
                cmd.run("item", "publish", item_id, "--as", "dan")
                notices = [n.payload for n in listener.notifies(timeout=WOKEN_WITHIN, stop_after=1)]
                events.append(("notified", notices))
                responses = [w.result(timeout=WOKEN_WITHIN) for w in waiting]

            # The publication announced its version on the channel every process listens on.
            assert notices == ["1"], events
            # Both held long-polls were answered, each after the publication began.
            assert [kind for kind, _ in events].count("answered") == 2
            assert events.index(("publishing", None)) < min(i for i, (k, _) in enumerate(events) if k == "answered")
            for response in responses:
                assert response.status_code == 200
                opened = feed.open_feed(response.content, store_key, datetime.now(UTC), 0)
                assert opened.version == 1 and [e.id for e in opened.entries] == [item_id]
