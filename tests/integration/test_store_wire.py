"""Bytes on the wire: a poll with nothing new, and one changed item among 10,000.

The 10,000 items are built through the store's Python API (one transaction, for speed);
everything measured goes through a real ``serve`` process, counted at the socket: the
request sent plus the whole response received.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import insert
from store_support import TEST_PASSWORD, StoreCommand, item_file
from support import make_item

from kiosk import feed, signing
from kiosk.itemfile import ItemFile
from kiosk.store import feedstate, keys, staff, workflow
from kiosk.store.models import Document, ItemRow, Revision
from kiosk.store.service import open_store

pytestmark = pytest.mark.e2e

ITEMS = 10_000
NO_CHANGE_LIMIT = 1024
DELTA_LIMIT = 20 * 1024


def exchange(base: str, target: str, headers: dict[str, str]) -> tuple[int, int, int, bytes]:
    """One HTTP/1.1 request on a fresh connection: (bytes sent, bytes received, status, body)."""
    parts = urlsplit(base)
    lines = [
        f"GET {target} HTTP/1.1",
        f"Host: {parts.netloc}",
        *(f"{k}: {v}" for k, v in headers.items()),
        "Connection: close",
        "",
        "",
    ]
    request = "\r\n".join(lines).encode("ascii")
    received = bytearray()
    with socket.create_connection((parts.hostname, parts.port), timeout=60) as sock:
        sock.sendall(request)
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return len(request), len(received), status, body


def build(data: Path, keys_dir: Path) -> None:
    """A store with ITEMS published items: one through the workflow, the rest bulk-inserted
    as the same rows (signed by the approver, documents made by kiosk.feed) for speed."""
    store = open_store(data, None, keys_dir)
    try:
        store.init()
        for name, role in (("alice", "author"), ("bob", "approver")):
            store.add_user(name, role)
        store.add_user("dan", "admin", password=TEST_PASSWORD)  # the admin who adds the command line's accounts
        approver_key = signing.load_private(keys.approver_key_path(keys_dir, "bob"))
        approver_public = signing.public_text(approver_key)
        now = store.clock.now()
        body = "根据工作安排，现将有关事项公开如下。" * 20
        items, revisions, documents = [], [], []
        with store.db.write() as session:
            alice, bob, dan = (staff.user(session, n) for n in ("alice", "bob", "dan"))
            source = ItemFile(
                path=Path("bulk.md"),
                attachments=(),
                body=body,
                fields={
                    "id": "bulk-00000",
                    "title": "公开事项第0号",
                    "category": "central-work",
                    "unit": "party-group",
                },
            )
            workflow.add_item(session, source, alice, now)
            workflow.submit(session, "bulk-00000", alice, now)
            workflow.approve(session, "bulk-00000", bob, lambda data: signing.sign(approver_key, data), now)
            workflow.publish(session, "bulk-00000", dan, now)
            for n in range(1, ITEMS):
                item = make_item(f"bulk-{n:05d}", title=f"公开事项第{n}号", body=body, published_at=now, summary="")
                content = feed.approved_fields(item)
                signature = signing.sign(approver_key, feed.approval_bytes(content))
                document = feed.item_document(item, "bob", approver_public, signature)
                sha = feed.sha256_hex(document)
                items.append(
                    {
                        "id": item.id,
                        "created_at": now,
                        "latest_revision": 1,
                        "live_revision": 1,
                        "first_published_at": now,
                    }
                )
                revisions.append(
                    {
                        "item_id": item.id,
                        "number": 1,
                        "state": "published",
                        "content": signing.canonical_json(content).decode(),
                        "title": item.title,
                        "audience": "public",
                        "author_id": alice.id,
                        "created_at": now,
                        "approver_id": bob.id,
                        "approved_at": now,
                        "signature": signature,
                        "publisher_id": dan.id,
                        "published_at": now,
                        "document_sha256": sha,
                    }
                )
                documents.append({"sha256": sha, "item_id": item.id, "revision": 1, "data": document})
            session.execute(insert(ItemRow), items)
            session.execute(insert(Revision), revisions)
            session.execute(insert(Document), documents)
            assert feedstate.reconcile(session, now) == 1
    finally:
        store.db.close()


def test_bytes_on_the_wire(tmp_path, record_property):
    measured: dict[str, int] = {}

    def measure(name: str, value: int) -> None:
        measured[name] = value
        record_property(name, value)

    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", None)
    build(cmd.data, cmd.keys)
    for name, role in (("erin", "author"), ("carol", "approver")):
        cmd.run("user", "add", name, "--role", role, "--as", "dan")
    store_table = cmd.out("device", "enroll", "lobby-1", "--as", "dan")
    token = store_table.split('device_token = "')[1].split('"')[0]
    store_key = store_table.split('store_key = "')[1].split('"')[0]
    auth = {"Authorization": f"Bearer {token}"}

    with cmd.serve() as base:
        sent, received, status, body = exchange(base, "/v1/feed/snapshot", auth)
        assert status == 200
        assert len(feed.open_feed(body, store_key, datetime.now(UTC), 0).entries) == ITEMS
        measure("snapshot_bytes", received)

        # A poll with nothing new: one request, one 304.
        sent, received, status, _ = exchange(base, "/v1/feed/delta?since=1", auth)
        assert status == 304
        measure("no_change_poll_bytes", sent + received)
        assert sent + received <= NO_CHANGE_LIMIT
        sent_c, received_c, status, _ = exchange(base, "/v1/feed/snapshot", {**auth, "If-None-Match": '"v1"'})
        assert status == 304 and sent_c + received_c <= NO_CHANGE_LIMIT
        measure("no_change_snapshot_bytes", sent_c + received_c)

        # One changed item among 10,000, through the command line.
        changed = item_file(tmp_path, "changed", "公开事项第42号（修订）")
        cmd.run("item", "edit", "bulk-00042", str(changed), "--as", "erin")
        for action, actor in (("submit", "erin"), ("approve", "carol"), ("publish", "dan")):
            cmd.run("item", action, "bulk-00042", "--as", actor)
        sent, received, status, body = exchange(base, "/v1/feed/delta?since=1", auth)
        assert status == 200
        delta = feed.open_feed(body, store_key, datetime.now(UTC), 1)
        assert [(e.id, e.revision) for e in delta.entries] == [("bulk-00042", 2)]
        item_sent, item_received, status, _ = exchange(base, f"/v1/items/{delta.entries[0].sha256}", {})
        assert status == 200
        measure("delta_bytes", sent + received)
        measure("changed_item_bytes", item_sent + item_received)
        assert sent + received <= DELTA_LIMIT
    # Shown with -s (or in the junit XML): the figures the design's targets are checked against.
    print(f"\nbytes on the wire ({ITEMS} items): {measured}")
