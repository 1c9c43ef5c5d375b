"""The console's item list and approval queue at 10,000 items: page times, against a floor.

    .venv/bin/python benchmarks/console.py [--items 10000] [--runs 30] [--database-url URL]

Fills a store (SQLite in a scratch folder, or the PostgreSQL database given) with
``--items`` items — a tenth of them submitted, so the queue is long — by bulk inserts of
the same rows the workflow writes, starts a real ``kiosk-store serve``, signs in as an
approver and asks for each page ``--runs`` times over one keep-alive connection. The
floor is the same listing query run bare through SQLAlchemy in this process
(:func:`kiosk.store.console.listing.list_items`, no HTTP, no template). Prints, per page,
the median and the spread (fastest–slowest) in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATEGORIES = ["central-work", "political-study", "organisation", "conduct", "institutions"]
UNITS = ["party-group", "research-office", "foreign-affairs-office", "service-hall-office"]
CADENCES = ["routine", "phased", "ad-hoc"]
PASSWORD = "benchmark password"
START = datetime(2026, 1, 1, tzinfo=UTC)


def fill(store, count: int) -> None:
    from kiosk import signing
    from kiosk.store import accounts, workflow
    from kiosk.store.models import ItemRow, Revision

    for name, role in (("alice", "author"), ("bob", "approver")):
        store.add_user(name, role)
    with store.db.write() as session:
        for name in ("alice", "bob"):
            workflow.user(session, name).password_hash = accounts.hash_password(PASSWORD)
        author = workflow.user(session, "alice").id
        items, revisions = [], []
        for n in range(count):
            at = START + timedelta(minutes=n)
            content = {
                "id": f"item-{n:05d}",
                "revision": 1,
                "title": f"第{n}号 党务公开事项：年度工作安排与落实情况",
                "summary": "摘要",
                "body": "本年度党务公开工作按计划推进，群众反映良好。" * 40 + f" 编号{n}",
                "category": CATEGORIES[n % 5],
                "unit": UNITS[n % 4],
                "audience": "public",
                "cadence": CADENCES[n % 3],
                "priority": "normal",
                "doc_number": f"市委发〔2026〕{n}号",
                "index_number": f"000014349-2026-{n:05d}",
                "web_url": "",
                "public_from": None,
                "expires_at": None,
                "revised_at": None,
                "attachments": [],
            }
            items.append({"id": content["id"], "created_at": at, "latest_revision": 1})
            revisions.append(
                {
                    "item_id": content["id"],
                    "number": 1,
                    "state": "submitted" if n % 10 == 0 else "draft",
                    "content": signing.canonical_json(content).decode(),
                    "title": content["title"],
                    "audience": "public",
                    "author_id": author,
                    "created_at": at,
                    "submitted_at": at if n % 10 == 0 else None,
                    **workflow.index_columns(content),
                }
            )
        session.execute(ItemRow.__table__.insert(), items)
        session.execute(Revision.__table__.insert(), revisions)


def spread(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):7.2f} ms   spread {ms[0]:6.2f}–{ms[-1]:6.2f} ms"


def floor(store, runs: int) -> dict[str, list[float]]:
    from kiosk.store.console.listing import ItemQuery, list_items

    queries = {
        "list, page 1": ItemQuery(),
        "list, page 100": ItemQuery(page=100),
        "list, search 〔2026〕77": ItemQuery(search="〔2026〕77"),
        "list, body word": ItemQuery(search="编号9999"),
        "list, search 2 chars": ItemQuery(search="第9"),
        "list, search 1 char": ItemQuery(search="〕"),
        "list, filtered": ItemQuery(category="conduct", unit="party-group", cadence="phased"),
        "queue (submitted filter)": ItemQuery(state="submitted"),
    }
    out = {}
    for name, query in queries.items():
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            with store.db.read() as session:
                list_items(session, query)
            times.append(time.perf_counter() - t0)
        out[name] = times
    return out


PAGES = {
    "list, page 1": "/admin/items",
    "list, page 100": "/admin/items?page=100",
    "list, search 〔2026〕77": "/admin/items?q=%E3%80%942026%E3%80%9577",
    "list, body word": "/admin/items?q=%E7%BC%96%E5%8F%B79999",
    "list, search 2 chars": "/admin/items?q=%E7%AC%AC9",
    "list, search 1 char": "/admin/items?q=%E3%80%95",
    "list, filtered": "/admin/items?category=conduct&unit=party-group&cadence=phased",
    "queue (submitted filter)": "/admin/queue",
}


def pages(base: str, runs: int) -> dict[str, list[float]]:
    import requests

    http = requests.Session()
    form = http.get(f"{base}/admin/signin").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    signed = http.post(
        f"{base}/admin/signin", data={"name": "bob", "password": PASSWORD, "csrf_token": token, "next": "/admin/"}
    )
    assert signed.ok and "bob" in signed.text, signed.status_code
    out = {}
    for name, path in PAGES.items():
        http.get(base + path).raise_for_status()  # warm
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            response = http.get(base + path)
            times.append(time.perf_counter() - t0)
            response.raise_for_status()
        out[name] = times
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    from kiosk.clock import SystemClock
    from kiosk.store.service import open_store

    with tempfile.TemporaryDirectory() as scratch:
        data, keys = Path(scratch) / "data", Path(scratch) / "keys"
        store = open_store(data, args.database_url, keys, clock=SystemClock())
        store.init()
        t0 = time.perf_counter()
        fill(store, args.items)
        print(f"filled {args.items} items in {time.perf_counter() - t0:.1f} s")
        bare = floor(store, args.runs)
        store.db.close()
        argv = [str(Path(sys.executable).with_name("kiosk-store")), "--data", str(data), "--keys", str(keys)]
        if args.database_url:
            argv += ["--database-url", args.database_url]
        server = subprocess.Popen(
            [*argv, "serve", "--host", "127.0.0.1", "--port", "0"], stdout=subprocess.PIPE, text=True
        )
        try:
            base = server.stdout.readline().removeprefix("listening on ").strip()
            served = pages(base, args.runs)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{'page':28} {'served over HTTP (page, template, session)':52} floor (bare SQLAlchemy query)")
    for name in PAGES:
        print(f"{name:28} {spread(served[name]):52} {spread(bare[name])}")
    print(json.dumps({"items": args.items, "runs": args.runs, "database": args.database_url or "sqlite"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
