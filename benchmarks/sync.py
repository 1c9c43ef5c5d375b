"""First sync of 10,000 items, against its floor measured in the same run.

    .venv/bin/python benchmarks/sync.py [--items 10000] [--protocol v2|v1]

Builds a store holding N published items, serves it from a real ``kiosk-store serve``
process on 127.0.0.1, then measures:

* the kiosk's first sync, end to end (every request, every signature and hash, apply);
* the floor: ONE bare GET of the same document bytes (from a static server on loopback
  with TCP_NODELAY), the same signature and hash checks, and a bare SQLite
  ``executemany`` of the same rows. No protocol round trips are in the floor: they are
  what the protocol must keep small.

Prints both and their ratio (target ≤ 2×). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "integration")]

import requests  # noqa: E402
from securesystemslib.signer import SSlibKey  # noqa: E402
from sqlalchemy import select  # noqa: E402
from store_support import StoreCommand  # noqa: E402
from tuf.api.metadata import Metadata  # noqa: E402
from tuf.api.serialization.json import CanonicalJSONSerializer  # noqa: E402
from v2_bulk import build_v2  # noqa: E402

from kiosk import config as config_module  # noqa: E402
from kiosk import feed  # noqa: E402
from kiosk.cache import ContentCache  # noqa: E402
from kiosk.store import keys  # noqa: E402
from kiosk.store.models import Document, FeedEntry, Publication, TrustMetadata  # noqa: E402
from kiosk.store.service import open_store  # noqa: E402
from kiosk.sync.syncer import sync_once  # noqa: E402
from kiosk.trust import policy as trust_policy  # noqa: E402
from kiosk.trust import statements  # noqa: E402


class _Static(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def documents(data_dir: Path, protocol: str) -> tuple[list[tuple[str, bytes]], list[bytes]]:
    """The documents a first sync must receive, and (v2) the metadata files it verifies."""
    store = open_store(data_dir, None, None)
    try:
        with store.db.read() as session:
            if protocol == "v2":
                shas = select(Publication.item_id, Document.data).join(Document, Document.sha256 == Publication.sha256)
                metadata = [
                    bytes(d) for (d,) in session.execute(select(TrustMetadata.data).where(TrustMetadata.role != "root"))
                ]
            else:
                shas = select(FeedEntry.item_id, Document.data).join(Document, Document.sha256 == FeedEntry.sha256)
                metadata = []
            return [(i, bytes(d)) for i, d in session.execute(shas)], metadata
    finally:
        store.db.close()


def floor(
    docs: list[tuple[str, bytes]],
    metadata: list[bytes],
    protocol: str,
    approver: str,
    publisher: str,
    online: SSlibKey,
    work: Path,
) -> float:
    blob_dir = work / "floor"
    blob_dir.mkdir()
    (blob_dir / "all").write_bytes(b"".join(d for _, d in docs))
    lengths = [len(d) for _, d in docs]
    server = _Static(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(blob_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    policy = trust_policy.Policy(
        approvers={"bob": trust_policy.Person("bob", approver)},
        publishers={"dan": trust_policy.Person("dan", publisher)},
    )
    try:
        started = time.perf_counter()
        body = requests.get(f"http://127.0.0.1:{server.server_address[1]}/all", timeout=60).content
        at, rows = 0, []
        for md in metadata:  # the metadata signatures the kiosk checks (timestamp, snapshot, targets, bins)
            parsed = Metadata.from_bytes(md)
            payload = CanonicalJSONSerializer().serialize(parsed.signed)
            for signature in parsed.signatures.values():
                online.verify_signature(signature, payload)
        for (item_id, _), length in zip(docs, lengths, strict=False):
            data = body[at : at + length]
            at += length
            hashlib.sha256(data).hexdigest()
            if protocol == "v2":
                statements.open_item_document(data, policy)
            else:
                feed.open_item_document(data, hashlib.sha256(data).hexdigest(), {approver})
            rows.append((item_id, data))
        conn = sqlite3.connect(work / "floor.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)")
        with conn:
            conn.executemany("INSERT INTO t VALUES (?, ?)", rows)
        conn.close()
        return time.perf_counter() - started
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--protocol", choices=("v2", "v1"), default="v2")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-sync-"))
    cmd = StoreCommand(work / "data", work / "keys", None)
    print(f"building a store with {args.items} published items…", flush=True)
    build_v2(cmd.data, cmd.keys, work / "offline" / "root.key", args.items)
    table = cmd.out("device", "enroll", "bench")
    store_table = {line.split(" = ")[0]: json.loads(line.split(" = ", 1)[1]) for line in table.splitlines()[1:]}
    users = {u["name"]: u["public_key"] for u in json.loads(cmd.out("user", "list", "--json"))}
    docs, metadata = documents(cmd.data, args.protocol)
    store = dict(store_table, url="")
    if args.protocol == "v1":
        store.pop("root_version"), store.pop("root_sha256")
    with cmd.serve() as base:
        config = config_module.from_table({"state_dir": str(work / "kiosk"), "store": dict(store, url=base)})
        cache = ContentCache(config.cache_file)
        print(f"kiosk: first sync ({args.protocol})…", flush=True)
        started = time.perf_counter()
        result = sync_once(config, cache)
        full = time.perf_counter() - started
        cache.close()
    print("floor: one bare GET of the same bytes, the same signature checks, executemany…", flush=True)
    online = SSlibKey.from_crypto(keys.load_store_key(cmd.data).public_key())
    bare = floor(docs, metadata, args.protocol, users["bob"], users["dan"], online, work)
    print(f"first sync of {args.items} items ({args.protocol}): {full:.2f} s ({result.summary()})")
    print(
        f"floor (one GET of {sum(len(d) for _, d in docs) / 1e6:.1f} MB + signature checks + executemany): {bare:.2f} s"
    )
    print(f"ratio: {full / bare:.2f}x   (target <= 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
