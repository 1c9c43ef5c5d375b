"""First sync of 10,000 items, against its floor measured in the same run.

    .venv/bin/python benchmarks/sync.py [--items 10000]

Builds a store holding N published items (the same bulk build as the wire test), serves
it from a real ``kiosk-store serve`` process on 127.0.0.1, then measures:

* the kiosk's first sync, end to end (fetch, verify every signature and hash, apply);
* the floor: the same bytes fetched with bare requests (same parallelism), the same
  signature checks, and a bare SQLite ``executemany`` of the same rows.

Prints both and their ratio (target ≤ 2×). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "integration")]

import requests  # noqa: E402
from store_support import StoreCommand  # noqa: E402
from test_store_wire import build  # noqa: E402  (the 10,000-item store of the wire test)
import test_store_wire  # noqa: E402

from kiosk import config as config_module  # noqa: E402
from kiosk import feed, signing  # noqa: E402
from kiosk.cache import ContentCache  # noqa: E402
from kiosk.sync.syncer import FETCH_WORKERS, sync_once  # noqa: E402


def floor(base: str, token: str, store_key: str, approver_keys: set[str], db: Path) -> float:
    started = time.perf_counter()
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    envelope = session.get(base + "/v1/feed/snapshot", timeout=60).content
    version = feed.open_feed(envelope, store_key, datetime.now(timezone.utc), 0)
    with ThreadPoolExecutor(FETCH_WORKERS) as pool:
        documents = list(pool.map(lambda e: session.get(f"{base}/v1/items/{e.sha256}", timeout=60).content,
                                  version.entries))
    for entry, data in zip(version.entries, documents):
        feed.open_item_document(data, entry.sha256, approver_keys)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)")
    with conn:
        conn.executemany("INSERT INTO t VALUES (?, ?)", [(e.id, d) for e, d in zip(version.entries, documents)])
    conn.close()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    test_store_wire.ITEMS = args.items
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-sync-"))
    cmd = StoreCommand(work / "data", work / "keys", None)
    print(f"building a store with {args.items} published items…", flush=True)
    build(cmd.data, cmd.keys)
    table = cmd.out("device", "enroll", "bench")
    token = table.split('device_token = "')[1].split('"')[0]
    store_key = table.split('store_key = "')[1].split('"')[0]
    approvers = table.split("approver_keys = [")[1].split("]")[0]
    approver_keys = {k.strip().strip('"') for k in approvers.split(",") if k.strip()}
    with cmd.serve() as base:
        print("floor: bare GETs, signature checks, executemany…", flush=True)
        bare = floor(base, token, store_key, approver_keys, work / "floor.sqlite3")
        config = config_module.from_table({
            "state_dir": str(work / "kiosk"),
            "store": {"url": base, "store_key": store_key, "approver_keys": sorted(approver_keys), "device_token": token},
        })
        cache = ContentCache(config.cache_file)
        print("kiosk: first sync…", flush=True)
        started = time.perf_counter()
        result = sync_once(config, cache, progress=lambda done, total: print(f"  {done}/{total} documents", flush=True))
        full = time.perf_counter() - started
        cache.close()
    print(f"first sync of {args.items} items: {full:.2f} s ({result.summary()})")
    print(f"floor (bare GETs + signature checks + executemany): {bare:.2f} s")
    print(f"ratio: {full / bare:.2f}x   (target <= 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
