"""Several store processes on one PostgreSQL database: a publication made through the
command line wakes the long-polls held by every serving process, within 2 s."""

from __future__ import annotations

import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
import requests
from store_support import StoreCommand, fresh_pg_database, item_file

from kiosk import feed

pytestmark = pytest.mark.e2e


def test_a_publication_wakes_long_polls_on_every_process(tmp_path):
    with fresh_pg_database() as url:
        cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", url)
        store_key = cmd.out("init")
        for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
            cmd.run("user", "add", name, "--role", role)
        token = tomllib.loads(cmd.out("device", "enroll", "lobby-1"))["store"]["device_token"]
        item_id = cmd.out("item", "add", str(item_file(tmp_path, "notice", "紧急通知", priority="urgent")), "--as", "alice")
        cmd.run("item", "submit", item_id, "--as", "alice")
        cmd.run("item", "approve", item_id, "--as", "bob")

        with cmd.serve() as first, cmd.serve() as second, requests.Session() as http:
            auth = {"Authorization": f"Bearer {token}"}

            def long_poll(base: str):
                response = http.get(f"{base}/v1/feed/delta", params={"since": 0, "wait": 30}, headers=auth, timeout=40)
                return response, time.monotonic()

            with ThreadPoolExecutor(max_workers=2) as pool:
                waiting = [pool.submit(long_poll, base) for base in (first, second)]
                started = time.monotonic()
                cmd.run("item", "publish", item_id, "--as", "dan")
                published = time.monotonic()
                results = [w.result(timeout=40) for w in waiting]
            for response, returned in results:
                assert response.status_code == 200
                # Within 2 s of the command's return (the poll loop alone would take ~1 s
                # per process; NOTIFY is what makes it immediate).
                assert started < returned < published + 2.0, returned - published
                opened = feed.open_feed(response.content, store_key, datetime.now(timezone.utc), 0)
                assert [e.id for e in opened.entries] == [item_id]
