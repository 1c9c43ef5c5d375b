"""A store with many published v2 items, bulk-inserted for benchmarks and wire tests.

The rows are what the workflow makes (approval by bob's key, publication by dan's key,
v1 and v2 documents), inserted in bulk for speed; then the root is signed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import insert
from support import make_item

from kiosk import feed, signing
from kiosk.content import Item, item_to_dict
from kiosk.store import feedstate, keys
from kiosk.store.models import Asset, Document, ItemRow, Publication, Revision
from kiosk.store.service import open_store
from kiosk.trust import statements


def build_v2(
    data: Path,
    keys_dir: Path,
    root_key: Path,
    count: int,
    made: Sequence[Item] | None = None,
    assets: dict[str, tuple[str, bytes]] | None = None,
) -> None:
    """A store holding ``count`` published items (or the items ``made``, whose attachments'
    bytes ``assets`` holds by sha256 as (media type, bytes))."""
    store = open_store(data, None, keys_dir)
    try:
        store.init()
        for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
            store.add_user(name, role)
        bob = signing.load_private(keys.approver_key_path(keys_dir, "bob"))
        dan = signing.load_private(keys.approver_key_path(keys_dir, "dan"))
        bob_public, dan_public = signing.public_text(bob), signing.public_text(dan)
        now = store.clock.now()
        body = "根据工作安排，现将有关事项公开如下。" * 20
        items, revisions, documents, publications = [], [], [], []
        for n in range(count):
            if made is None:
                item = make_item(f"bulk-{n:05d}", title=f"公开事项第{n}号", body=body, published_at=now, summary="")
            else:
                item = made[n]
            content = feed.approved_fields(item)
            approved = feed.approval_bytes(content)
            signature = signing.sign(bob, approved)
            v1 = feed.item_document(item, "bob", bob_public, signature)
            fields = item_to_dict(item)
            signed_at = now.isoformat()
            publication = signing.sign(
                dan,
                statements.publication_bytes(
                    item.id, 1, approved, fields["published_at"], fields.get("revised_at"), signed_at
                ),
            )
            v2 = statements.item_document(
                item,
                {"approver": "bob", "key": bob_public, "signature": signature},
                {"publisher": "dan", "key": dan_public, "signed_at": signed_at, "signature": publication},
            )
            items.append(
                {"id": item.id, "created_at": now, "latest_revision": 1, "live_revision": 1, "first_published_at": now}
            )
            revisions.append(
                {
                    "item_id": item.id,
                    "number": 1,
                    "state": "published",
                    "content": signing.canonical_json(content).decode(),
                    "title": item.title,
                    "audience": "public",
                    "author_id": 1,
                    "created_at": now,
                    "approver_id": 2,
                    "approved_at": now,
                    "signature": signature,
                    "publisher_id": 3,
                    "published_at": now,
                    "document_sha256": feed.sha256_hex(v1),
                }
            )
            documents += [
                {"sha256": feed.sha256_hex(v1), "item_id": item.id, "revision": 1, "data": v1},
                {"sha256": feed.sha256_hex(v2), "item_id": item.id, "revision": 1, "data": v2},
            ]
            publications.append({"item_id": item.id, "revision": 1, "sha256": feed.sha256_hex(v2), "length": len(v2)})
        with store.db.write() as session:
            session.execute(insert(ItemRow), items)
            session.execute(insert(Revision), revisions)
            session.execute(insert(Document), documents)
            session.execute(insert(Publication), publications)
            if assets:
                session.execute(
                    insert(Asset),
                    [{"sha256": sha, "media_type": t, "size": len(b), "data": b} for sha, (t, b) in assets.items()],
                )
            feedstate.reconcile(session, now)
        store.init_root(root_key)
        store.build_trust()
    finally:
        store.db.close()
