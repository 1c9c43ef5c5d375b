"""Rows: first sync of N items, applying a verified batch, bytes of a quiet poll and of one change.

One store (``kiosk-store serve`` on 127.0.0.1) serves every round; each measured first
sync starts from an empty kiosk state folder.
"""

from __future__ import annotations

import functools
import hashlib
import socket
import sqlite3
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks import data
from benchmarks.core import Result, Stopwatch, from_rounds, interleaved, progress

FAMILY = ("first sync", "apply batch", "no-change poll", "one change")


class _Static(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class StaticServer:
    """A bare static file server on loopback (started before any timing)."""

    def __init__(self, folder: Path) -> None:
        self.server = _Static(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def store_bytes(built: data.BuiltStore) -> tuple[list[tuple[str, bytes]], list[bytes], list[bytes]]:
    """(item id, v2 document) of every publication, the non-root metadata, the assets."""
    from sqlalchemy import select

    from kiosk.store.models import Asset, Document, Publication, TrustMetadata
    from kiosk.store.service import open_store

    store = open_store(built.cmd.data, None, None)
    try:
        with store.db.read() as session:
            docs = select(Publication.item_id, Document.data).join(Document, Document.sha256 == Publication.sha256)
            meta = select(TrustMetadata.data).where(TrustMetadata.role != "root")
            return (
                [(i, bytes(d)) for i, d in session.execute(docs)],
                [bytes(d) for (d,) in session.execute(meta)],
                [bytes(d) for (d,) in session.execute(select(Asset.data))],
            )
    finally:
        store.db.close()


def bare_sync(built: data.BuiltStore, static: StaticServer, work: Path):
    """The first-sync floor: ONE bare GET of the same bytes (every v2 document and every
    asset, concatenated, from a static server already listening on loopback), the same
    signature checks (each metadata file's online-key signatures; each document's
    approval and publication statements through the kiosk's own opener; each document's
    and asset's sha256), and one bare SQLite ``executemany`` of (id, document) rows in one
    transaction. No protocol round trips, no cache schema, no search index."""
    import requests
    from securesystemslib.signer import SSlibKey
    from tuf.api.metadata import Metadata
    from tuf.api.serialization.json import CanonicalJSONSerializer

    from kiosk.store import keys
    from kiosk.trust import policy as trust_policy
    from kiosk.trust import statements

    docs, metadata, assets = store_bytes(built)
    (work / "static" / "all").write_bytes(b"".join(d for _, d in docs) + b"".join(assets))
    lengths = [len(d) for _, d in docs] + [len(a) for a in assets]
    online = SSlibKey.from_crypto(keys.load_store_key(built.cmd.data).public_key())
    policy = trust_policy.Policy(
        approvers={"bob": trust_policy.Person("bob", built.users["bob"])},
        publishers={"dan": trust_policy.Person("dan", built.users["dan"])},
    )
    http = requests.Session()
    http.get(f"{static.url}/all", timeout=60)  # the connection and the page cache warm, as the store's are
    rounds = iter(range(1_000_000))

    def run() -> float:
        db_file = work / f"floor-{next(rounds)}.sqlite3"
        conn = sqlite3.connect(db_file)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)")
        with Stopwatch() as t:
            body = http.get(f"{static.url}/all", timeout=60).content
            for md in metadata:
                parsed = Metadata.from_bytes(md)
                payload = CanonicalJSONSerializer().serialize(parsed.signed)
                for signature in parsed.signatures.values():
                    online.verify_signature(signature, payload)
            at, rows = 0, []
            for n, length in enumerate(lengths):
                chunk = body[at : at + length]
                at += length
                hashlib.sha256(chunk).hexdigest()
                if n < len(docs):
                    statements.open_item_document(chunk, policy)
                    rows.append((docs[n][0], chunk))
            with conn:
                conn.executemany("INSERT INTO t VALUES (?, ?)", rows)
        conn.close()
        return t.seconds

    return run


def kiosk_config(built: data.BuiltStore, base: str, state: Path):
    from kiosk import config as config_module

    return config_module.from_table({"state_dir": str(state), "store": dict(built.store_table, url=base)})


def first_sync(built: data.BuiltStore, base: str, work: Path):
    """Measured: the kiosk's first sync from an empty state folder, end to end (every
    request, signature, hash, asset and the apply); the empty cache is opened untimed."""
    from kiosk.cache import ContentCache
    from kiosk.sync.syncer import sync_once

    rounds = iter(range(1_000_000))

    def run() -> float:
        config = kiosk_config(built, base, work / f"kiosk-{next(rounds)}")
        cache = ContentCache(config.cache_file)
        try:
            with Stopwatch() as t:
                result = sync_once(config, cache)
            assert len(cache.stored_items([i.id for i in built.items[:3]])) == 3, result.summary()
        finally:
            cache.close()
        return t.seconds

    return run


APPLY_COLUMNS = (
    "id, revision, title, summary, body, category, unit, audience, cadence, priority, published_at, "
    "doc_number, index_number"
)


def bare_apply(items, work: Path):
    """The apply floor: one bare SQLite ``executemany`` of the same rows (the item columns
    the cache stores, as text) into a plain WAL table, one transaction; no search index,
    no attachments table, no ORM."""
    rows = [
        (
            i.id,
            i.revision,
            i.title,
            i.summary,
            i.body,
            i.category,
            i.unit,
            i.audience.value,
            i.cadence.value,
            i.priority.value,
            i.published_at.isoformat(),
            i.doc_number,
            i.index_number,
        )
        for i in items
    ]
    rounds = iter(range(1_000_000))

    def run() -> float:
        conn = sqlite3.connect(work / f"apply-floor-{next(rounds)}.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"CREATE TABLE items ({APPLY_COLUMNS})")
        with Stopwatch() as t, conn:
            conn.executemany(f"INSERT INTO items VALUES ({', '.join('?' * 13)})", rows)
        conn.close()
        return t.seconds

    return run


def cache_apply(items, work: Path):
    """Measured: ``ContentCache.apply`` of the verified items into an empty cache (rows,
    attachments, trigram index), replace-all, as a first sync applies them."""
    from kiosk.cache import ContentCache

    rounds = iter(range(1_000_000))

    def run() -> float:
        cache = ContentCache(work / f"apply-{next(rounds)}" / "content.sqlite3")
        with Stopwatch() as t:
            cache.apply(items, replace_all=True)
        cache.close()
        return t.seconds

    return run


def wire_rows(built: data.BuiltStore, base: str, static: StaticServer, work: Path) -> list[Result]:
    """Bytes on the wire, counted by a TCP relay in front of the store."""
    from store_support import item_file
    from v2_support import ByteCounter

    from kiosk.cache import ContentCache
    from kiosk.store.service import open_store
    from kiosk.sync.syncer import sync_once

    (work / "static" / "small").write_bytes(b"x")

    def bare_conditional() -> int:
        """Bytes of one bare conditional GET answered 304 by the static server."""
        with ByteCounter(static.url) as wire:
            import requests

            requests.get(
                f"{wire.url}/small", headers={"If-Modified-Since": "Sun, 01 Jan 2090 00:00:00 GMT"}, timeout=10
            )
        return wire.sent + wire.received

    results = []
    with ByteCounter(base) as wire:
        config = kiosk_config(built, wire.url, work / "kiosk-wire")
        cache = ContentCache(config.cache_file)
        try:
            sync_once(config, cache)
            polls, floors = [], []
            for _ in range(3):
                floors.append(bare_conditional())
                wire.reset()
                sync_once(config, cache)
                polls.append(wire.sent + wire.received)
            requests_made = len(wire.requests())
            results.append(
                from_rounds(
                    "no-change poll",
                    "B",
                    "≤ 1024 B, one request",
                    floors,
                    polls,
                    measured_max=1024,
                    note=f"{requests_made} request(s): {b' '.join(wire.statuses()).decode()[:60]}",
                )
            )
            if requests_made != 1:
                results[-1].ok = False
            progress("one change: revising an item through the store")
            store = open_store(built.cmd.data, None, built.cmd.keys)
            changed, floors = [], []
            try:
                for n in range(2):
                    target = built.items[42 + n]
                    path = item_file(work, f"changed-{n}", f"{target.title}（修订）", id=target.id)
                    store.edit_item(target.id, path, "alice")
                    store.submit(target.id, "alice")
                    store.approve(target.id, "bob")
                    store.publish(target.id, "dan")
                    docs, _, _ = store_bytes(built)
                    own = len(dict(docs)[target.id])
                    (work / "static" / "one").write_bytes(dict(docs)[target.id])
                    with ByteCounter(static.url) as bare:
                        import requests

                        requests.get(f"{bare.url}/one", timeout=10)
                    floors.append(bare.sent + bare.received - own)
                    wire.reset()
                    sync_once(config, cache)
                    changed.append(wire.sent + wire.received - own)
            finally:
                store.db.close()
            results.append(
                from_rounds(
                    "one change",
                    "B",
                    "≤ 20480 B beyond the item",
                    floors,
                    changed,
                    measured_max=20 * 1024,
                    note="floor: one bare GET of the item's document, beyond its bytes",
                )
            )
        finally:
            cache.close()
    return results


def run(ctx) -> list[Result]:
    work = Path(tempfile.mkdtemp(prefix="bench-sync-", dir=ctx.work))
    progress(f"sync: building a store of {ctx.items} items")
    built = data.build_store(work / "store", ctx.items)
    (work / "static").mkdir()
    static = StaticServer(work / "static")
    results = []
    try:
        with built.cmd.serve() as base:
            floors, measured = interleaved(
                ctx.rounds, bare_sync(built, static, work), first_sync(built, base, work), "first sync"
            )
            results.append(
                from_rounds(
                    "first sync",
                    "s",
                    "≤ 2× floor",
                    floors,
                    measured,
                    ratio_max=2,
                    note=f"{ctx.items} items; floor: one GET + same checks + executemany",
                )
            )
            floors, measured = interleaved(
                ctx.rounds, bare_apply(built.items, work), cache_apply(built.items, work), "apply batch"
            )
            results.append(
                from_rounds(
                    "apply batch", "s", "≤ 3× floor", floors, measured, ratio_max=3, note="floor: bare executemany"
                )
            )
            results += wire_rows(built, base, static, work)
    finally:
        static.close()
    return results
