"""The administrator flow through the real ``kiosk-store`` command and a real
``serve`` process on loopback, on SQLite and on PostgreSQL; a kiosk's requests made with
``requests`` and checked with the kiosk's own verification (kiosk.feed)."""

from __future__ import annotations

import json
import tomllib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import requests
from store_support import StoreCommand, database_url, item_file  # noqa: F401 (fixture)

from kiosk import feed

pytestmark = pytest.mark.e2e

#: Seconds a long-poll of this test may be held (the store allows up to 60).
LONG_POLL = 30.0

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def now() -> datetime:
    return datetime.now(UTC)


def test_admin_flow_and_the_protocol(tmp_path, database_url):
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", database_url)
    store_key = cmd.out("init", "--feed-history", "3")
    assert len(store_key) == 44
    cmd.add_people(("dan", "admin"), ("alice", "author"), ("bob", "approver"))

    (tmp_path / "floor-plan.png").write_bytes(PNG)
    first = item_file(tmp_path, "first", "办事大厅平面图", attachments=["floor-plan.png"], id="hall-plan")
    item_a = cmd.out("item", "add", str(first), "--as", "alice")
    assert item_a == "hall-plan"
    cmd.run("item", "submit", item_a, "--as", "alice")
    refused = cmd.run("item", "approve", item_a, "--as", "alice", check=False)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "only an approver" in refused.stderr
    cmd.run("item", "approve", item_a, "--as", "bob")
    cmd.run("item", "publish", item_a, "--as", "dan")
    item_b = cmd.out("item", "add", str(item_file(tmp_path, "second", "年度工作要点")), "--as", "alice")
    for action, actor in (("submit", "alice"), ("approve", "bob"), ("publish", "dan")):
        cmd.run("item", action, item_b, "--as", actor)
    internal = cmd.out(
        "item", "add", str(item_file(tmp_path, "third", "内部事项", audience="internal")), "--as", "alice"
    )
    for action, actor in (("submit", "alice"), ("approve", "bob"), ("publish", "dan")):
        cmd.run("item", action, internal, "--as", actor)

    listing = {i["id"]: i for i in json.loads(cmd.out("item", "list", "--json"))}
    assert listing[item_a]["state"] == listing[internal]["state"] == "published"
    assert listing[item_a]["in_feed"] and not listing[internal]["in_feed"]

    enrolled = cmd.out("device", "enroll", "lobby-1", "--url", "http://kiosk.example", "--as", "dan")
    table = tomllib.loads(enrolled)["store"]
    assert table["url"] == "http://kiosk.example" and table["store_key"] == store_key
    approver_keys = set(table["approver_keys"])
    token = table["device_token"]
    assert (
        tomllib.loads(cmd.out("device", "enroll", "lobby-2", "--as", "dan"))["store"]["url"] == "http://127.0.0.1:8470"
    )

    with cmd.serve() as base, requests.Session() as http:
        auth = {"Authorization": f"Bearer {token}"}
        assert http.get(f"{base}/v1/health").json() == {"version": 2}
        missing = http.get(f"{base}/v1/feed/snapshot")
        assert missing.status_code == 401 and "detail" in missing.json()
        assert http.get(f"{base}/v1/feed/snapshot", headers={"Authorization": "Bearer nonsense"}).status_code == 401

        snap = http.get(f"{base}/v1/feed/snapshot", headers=auth)
        assert (
            snap.status_code == 200 and snap.headers["ETag"] == '"v2"' and snap.headers["Cache-Control"] == "no-cache"
        )
        opened = feed.open_feed(snap.content, store_key, now(), 0)
        assert (opened.kind, opened.version) == ("snapshot", 2)
        assert sorted(e.id for e in opened.entries) == sorted([item_a, item_b])  # never the internal one
        items = {}
        for entry in opened.entries:
            response = http.get(f"{base}/v1/items/{entry.sha256}")
            assert response.headers["ETag"] == f'"{entry.sha256}"'
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            items[entry.id] = feed.open_item_document(response.content, entry.sha256, approver_keys)
        assert items[item_a].title == "办事大厅平面图"

        assert http.get(f"{base}/v1/feed/snapshot", headers={**auth, "If-None-Match": '"v2"'}).status_code == 304
        held = http.get(f"{base}/v1/feed/delta", params={"since": 2}, headers=auth)
        assert held.status_code == 304 and held.headers["ETag"] == '"v2"' and held.content == b""

        # Assets: content-addressed, cacheable, ranged.
        asset = items[item_a].attachments[0]
        url = f"{base}/v1/assets/{asset.sha256}"
        whole = http.get(url)
        assert whole.content == PNG and whole.headers["Content-Type"] == "image/png"
        assert whole.headers["Accept-Ranges"] == "bytes" and "immutable" in whole.headers["Cache-Control"]
        part = http.get(url, headers={"Range": "bytes=8-15"})
        assert part.status_code == 206 and part.content == PNG[8:16]
        assert part.headers["Content-Range"] == f"bytes 8-15/{len(PNG)}"
        tail = http.get(url, headers={"Range": "bytes=1000-", "If-Range": f'"{asset.sha256}"'})
        assert tail.status_code == 206 and tail.content == PNG[1000:]
        stale = http.get(url, headers={"Range": "bytes=1000-", "If-Range": '"something-else"'})
        assert stale.status_code == 200 and stale.content == PNG
        assert http.get(url, headers={"Range": f"bytes={len(PNG)}-"}).status_code == 416
        assert http.get(f"{base}/v1/assets/{'0' * 64}").status_code == 404
        assert http.get(f"{base}/v1/items/{'0' * 64}").status_code == 404
        assert http.get(f"{base}/v1/items/not-a-hash").status_code == 404

        # A revision published through the command line: the delta carries only it.
        cmd.run("item", "edit", item_b, str(item_file(tmp_path, "second-v2", "年度工作要点（修订）")), "--as", "alice")
        for action, actor in (("submit", "alice"), ("approve", "bob"), ("publish", "dan")):
            cmd.run("item", action, item_b, "--as", actor)
        change = http.get(f"{base}/v1/feed/delta", params={"since": 2}, headers=auth)
        assert change.status_code == 200 and change.headers["ETag"] == '"v3"'
        opened = feed.open_feed(change.content, store_key, now(), 2)
        assert [(e.id, e.revision) for e in opened.entries] == [(item_b, 2)] and opened.removals == ()
        revised = http.get(f"{base}/v1/items/{opened.entries[0].sha256}").content
        assert feed.open_item_document(revised, opened.entries[0].sha256, approver_keys).is_revised

        # A withdrawal by the command line (another process) ends a held long-poll: the
        # order of events here; how soon is measured by benchmarks/wakeup.py.
        events: list[str] = []

        def long_poll():
            response = http.get(
                f"{base}/v1/feed/delta", params={"since": 3, "wait": LONG_POLL}, headers=auth, timeout=LONG_POLL + 10
            )
            events.append("answered")
            return response

        with ThreadPoolExecutor(max_workers=1) as pool:
            waiting = pool.submit(long_poll)
            events.append("withdrawing")
            cmd.run("item", "withdraw", item_a, "--as", "dan")
            # A hang guard, half the request's own wait: an answer by then was a woken one.
            response = waiting.result(timeout=LONG_POLL / 2)
        assert events == ["withdrawing", "answered"]
        assert response.status_code == 200
        assert feed.open_feed(response.content, store_key, now(), 3).removals == (item_a,)

        # History is kept for 3 versions here: a kiosk far behind must fall back to the snapshot.
        for since in (0, 99):
            gone = http.get(f"{base}/v1/feed/delta", params={"since": since}, headers=auth)
            assert gone.status_code == 410 and "detail" in gone.json()

        beat = http.post(
            f"{base}/v1/heartbeat",
            headers=auth,
            json={"app_version": "0.1.0", "feed_version": 4, "outbox_size": 2, "last_error": None},
        )
        assert beat.status_code == 204
        assert http.post(f"{base}/v1/heartbeat", headers=auth).status_code == 204  # every field optional
        devices = {d["name"]: d for d in json.loads(cmd.out("device", "list", "--json"))}
        assert devices["lobby-1"]["feed_version"] is None  # the empty heartbeat came last
        assert devices["lobby-1"]["last_seen_at"] and devices["lobby-2"]["last_seen_at"] is None

        cmd.run("device", "revoke", "lobby-1", "--as", "dan")
        assert http.get(f"{base}/v1/feed/snapshot", headers=auth).status_code == 401
        assert http.post(f"{base}/v1/heartbeat", headers=auth).status_code == 401

        api = http.get(f"{base}/openapi.json").json()
        assert {"/v1/feed/snapshot", "/v1/feed/delta", "/v1/heartbeat"} <= set(api["paths"])
        assert http.get(f"{base}/docs").status_code == 200
