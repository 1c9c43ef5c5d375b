"""Packs: the documents of a whole snapshot in a few large content-addressed files.

A first sync of 10,000 items would otherwise be 10,000 requests. ``N.json`` lists the
packs for snapshot version N (``{"packs": [{"sha256", "length"}]}``); each pack is a run
of records ``<sha256 hex> <length>\\n<bytes>\\n``. Nothing about a pack is trusted: the
kiosk checks every record against the hash and length a verified bin lists, and
fetches anything missing one by one. Packs are built on demand and kept for the newest
snapshot only (the kiosk asks right after reading it).
"""

from __future__ import annotations

import hashlib
import json
import threading

from sqlalchemy import select

from kiosk.store import trust_versions
from kiosk.store.models import Document, FeedEntry, Publication, TrustMetadata
from kiosk.trust.packformat import record

#: Documents per pack: a few packs per 10,000 items, each small enough to retry.
PACK_DOCUMENTS = 2500
_lock = threading.Lock()
_cache: dict[str, tuple[int, dict[str, bytes], bytes]] = {}


def build(session) -> tuple[int, dict[str, bytes], bytes]:
    """The newest snapshot version, its packs by sha256, and its index."""
    row = trust_versions.latest(session, "snapshot")
    version = row.version if row else 0
    shas = [
        sha
        for (sha,) in session.execute(
            select(Publication.sha256)
            .join(FeedEntry, (Publication.item_id == FeedEntry.item_id) & (Publication.revision == FeedEntry.revision))
            .order_by(Publication.item_id)
        )
    ]
    found: dict[str, bytes] = {}
    for start in range(0, len(shas), 500):
        found.update(
            (sha, bytes(data))
            for sha, data in session.execute(
                select(Document.sha256, Document.data).where(Document.sha256.in_(shas[start : start + 500]))
            )
        )
    built: dict[str, bytes] = {}
    for start in range(0, len(shas), PACK_DOCUMENTS):
        pack = b"".join(record(sha, found[sha]) for sha in shas[start : start + PACK_DOCUMENTS] if sha in found)
        built[hashlib.sha256(pack).hexdigest()] = pack
    # The bins of this snapshot in one more pack, named by file: a first sync then reads
    # 256 bins in one request (each still verified by python-tuf against the snapshot).
    bins = session.execute(
        select(TrustMetadata.role, TrustMetadata.data)
        .where(TrustMetadata.role.like("bin-%"))
        .order_by(TrustMetadata.role, TrustMetadata.version)
    )
    newest = {role: bytes(data) for role, data in bins}  # ordered by version: the last one wins
    metadata = b"".join(record(f"{role}.json", data) for role, data in sorted(newest.items()))
    metadata_sha = hashlib.sha256(metadata).hexdigest()
    built[metadata_sha] = metadata
    index = json.dumps(
        {
            "snapshot": version,
            "packs": [{"sha256": s, "length": len(p)} for s, p in built.items() if s != metadata_sha],
            "metadata": {"sha256": metadata_sha, "length": len(metadata)},
        },
        separators=(",", ":"),
    ).encode()
    return version, built, index


def serve(store, name: str) -> bytes | None:
    with store.db.read() as session:
        row = trust_versions.latest(session, "snapshot")
        current = row.version if row else 0
        with _lock:
            held = _cache.get(str(store.data_dir))
            if held is None or held[0] != current:
                held = build(session)
                _cache[str(store.data_dir)] = held
    version, built, index = held
    if name == f"{version}.json":
        return index
    return built.get(name)
